"""The 100,000-entry limit of one import (docs/import.md) holds for cramplog's own JSON too
(review B, M6: an export of 100,001 drinks was imported whole, exit 0)."""

from __future__ import annotations

import datetime as dt
import json

from cramplog.importers.limits import MAX_ENTRIES


def drinks(n: int) -> list[dict]:
    start = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
    return [
        {"kind": "drink", "at": (start + dt.timedelta(minutes=i)).isoformat(), "tz": "UTC", "amount_ml": 250}
        for i in range(n)
    ]


def test_one_entry_past_the_limit_is_refused_whole(journal, tmp_path):
    assert MAX_ENTRIES == 100_000  # the figure docs/import.md gives
    path = tmp_path / "big.json"
    path.write_text(json.dumps(drinks(MAX_ENTRIES + 1)))
    journal.refuses("import", str(path), reason="more than 100,000 entries in one import")


def test_two_files_are_counted_together(journal, tmp_path):
    half = MAX_ENTRIES // 2 + 1
    for name, part in (("a.json", drinks(half)), ("b.json", drinks(2 * half)[half:])):
        (tmp_path / name).write_text(json.dumps(part))
    journal.refuses("import", str(tmp_path / "a.json"), str(tmp_path / "b.json"), reason="100,000 entries")
