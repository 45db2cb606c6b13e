"""The input contract, proved through the real entry point (`cramplog.cli.main --db`).

- Every refused input exits 2 with exactly one stderr line starting `error:`, prints nothing on
  stdout and leaves the journal file (and its -wal) byte-identical.
- Every accepted edge case leaves a journal that `export`, `list --json` and `insights` read.

Each case runs on a fresh copy of one small template journal (made once), at the fixed instant
of the `cli` fixture: Tue 24 Nov 2026, 14:00 in Berlin.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cramplog.domain.fields import MAX_ID

from .contract import ESC, HUGE, HYPOTHESIS, Journal, fresh


def _at(command: tuple[str, ...], when: str, reason: str, name: str) -> list:
    return [pytest.param((*command, "--at", when), reason, id=f"{command[0]}-at-{name}")]


TIMED = [
    ("cramp", "calf", "-s", "5"),
    ("drink", "250"),
    ("stretch", "10"),
    ("run", "5"),
    ("food", "banana"),
    ("symptom", "tingling"),
]
DATED = [
    ("checkin", "--no-cramps", "--date"),
    ("diet", "vegan", "--date"),
    ("injury", "ankle", "--date"),
    ("shoe", "Nimbus", "--first-used"),
    ("med", "statin-x", "--start"),
    ("shoe", "Nimbus", "--retired"),
    ("injury", "knee", "--resolved"),
    ("med", "statin-y", "--stop"),
]
BAD_TIMES = [
    ("0001-01-01 10:00", "1900", "year-0001"),
    ("0226-11-20 22:30", "1900", "year-0226"),
    ("1899-12-31 23:00", "1900", "year-1899"),
    ("99999999999 days ago", "1900", "days-ago-huge"),
    ("9999999 hours ago", "1900", "hours-ago-huge"),
    (f"{HUGE} min ago", "1900", "min-ago-10e30"),
    ("9999-12-31T23:59", "future", "year-9999"),
    ("2026-11-24 23:00", "future", "later-today"),
    ("tomorrow 08:00", "cannot read", "tomorrow"),
    ("2026-02-30 10:00", "cannot read", "feb-30"),
    ("٢٠٢٦-11-20 10:00", "cannot read", "arabic-digits"),
    ("１０:３０", "cannot read", "fullwidth-clock"),
    ("25:00", "cannot read", "hour-25"),
    ("12:61", "cannot read", "minute-61"),
    ("x" * 5000, "cannot read", "huge-time"),
    ("0001-01-01T00:00+14:00", "1900", "year-1-offset"),
    ("10:00 +-", "cannot read", "garbage-suffix"),
]
BAD_DATES = [
    ("0001-01-01", "1900", "year-0001"),
    ("0226-11-20", "1900", "year-0226"),
    ("1899-12-31", "1900", "year-1899"),
    ("99999999999 days ago", "1900", "days-ago-huge"),
    ("2027-01-01", "future", "future"),
    ("2026-13-01", "cannot read", "month-13"),
    ("٢٠٢٦-11-20", "cannot read", "arabic-digits"),
    ("yesterday-ish", "cannot read", "word"),
]

BAD: list = []
for command in TIMED:
    for when, reason, name in BAD_TIMES:
        BAD += (
            _at(command, when, reason, name)
            if command[0] in ("cramp", "drink", "run")
            or name in ("year-0001", "year-0226", "days-ago-huge", "year-9999")
            else []
        )
for command in DATED:
    for day, reason, name in BAD_DATES:
        if command[-1] in ("--retired", "--resolved", "--stop") and name not in ("year-0226", "future"):
            continue
        BAD.append(pytest.param((*command, day), reason, id=f"{command[0]}{command[-1]}-{name}"))

NUMBERS = [  # (command up to the option, values, reason)
    (
        ("cramp", "calf", "-s"),
        ["11", "0", "-1", "²", "1_0", "١", "５", "5.5", "seven", "1e1", HUGE, "nan", "inf", " ", "0x5", "+-5"],
        "severity",
    ),
    (("injury", "ankle", "--severity"), ["11", "-1", "²", "1_0", HUGE, "5.0"], "severity"),
    (("run", "5", "--effort"), ["11", "-1", "²", "1_0", HUGE, "6.5"], "effort"),
    (("run", "5", "--comfort"), ["0", "6", "²", HUGE], "comfort"),
    (("checkin", "--soreness"), ["11", "-1", "²", "1_0"], "soreness"),
    (("checkin", "--sleep"), ["25", "-1", "nan", "inf", "1_0", "²", "1e1", HUGE], "sleep"),
    (("food", "banana", "--servings"), ["0", "0.05", "51", "nan", "inf", "1_0", "²", HUGE], "servings"),
]
for prefix, values, reason in NUMBERS:
    for value in values:
        BAD.append(pytest.param((*prefix, value), reason, id=f"{prefix[0]}{prefix[-1]}={value!r}"))

QUANTITIES = [
    (
        ("drink",),
        [
            "0",
            "-5",
            "5001",
            "12 gallons",
            "²",
            "1_0",
            "١٠٠",
            "nan",
            "inf",
            "1e3",
            HUGE,
            "6l",
            "200oz",
            "",
            ".",
            "500 ml water",
        ],
        "",
    ),
    (("run",), ["0", "0km", "-5", "401", "250mi", "²", "1_0", "nan", HUGE, "5 parsecs", "0.0001"], ""),
    (
        ("run", "5", "--time"),
        ["31:75", "0", "49h", "1:2:3:4", "²:00", "1_0min", HUGE, "fast", "99999:00:00"],
        "duration",
    ),
    (("cramp", "calf", "-s", "5", "--duration"), ["0", "-5", "49h", "²s", HUGE, "forever"], "duration"),
    (("stretch",), ["0", "601min", "11h", "²", "1_0", HUGE, "-5"], ""),
    (("shoe", "Nimbus", "--life"), ["0", "5001", "3200mi", "-1", "²", HUGE, "nan"], "distance"),
    (("shoe", "Nimbus", "--start"), ["-1", "5001", "3200mi", "²", HUGE], "distance"),
]
for prefix, values, reason in QUANTITIES:
    for value in values:
        BAD.append(pytest.param((*prefix, value), reason, id=f"{'-'.join(prefix[:1] + prefix[2:])}={value!r}"))

IDS = ["0", "-1", "²", "١", "1_0", "abc", HUGE, str(MAX_ID + 1), "#", "#²", "1.0", "", " "]
for value in IDS:
    BAD.append(pytest.param(("delete", value), "", id=f"delete={value!r}"))
    BAD.append(pytest.param(("edit", value, "--severity", "5"), "", id=f"edit={value!r}"))
for value in ["0", "-1", "²", "1_0", HUGE, str(MAX_ID + 1), "x", "1.5"]:
    BAD.append(pytest.param(("list", "-n", value), "limit", id=f"list-n={value!r}"))
for value in [HUGE, str(MAX_ID + 1), "#" + HUGE, "999", "#999", "#²", "Pegasus40", "pegasus 41", "PEGASU"]:
    BAD.append(pytest.param(("run", "5", "--shoe", value), "shoe", id=f"run-shoe={value!r}"))

TEXTS = [
    (("cramp", "calf", "-s", "5", "--note"), "x" * 2001, "note"),
    (("cramp", "calf", "-s", "5", "--relief"), "x" * 100_000, "relief"),
    (("med", "x", "--dose"), "d" * 2001, "dose"),
    (("food", "--text"), "t" * 100_000, "text"),
    (("shoe",), "n" * 81, "shoe name"),
    (("med",), "m" * 81, "medicine name"),
    (("shoe",), ESC, "shoe name"),
    (("shoe",), "   ", "shoe name"),
    (("med",), "\x00\x07\x1b", "medicine name"),
    (("food", "--text"), "\x1b[2J", "food"),
    (("cramp", "--note", "x", "-s", "5"), "elbow\x1b[2J", "muscle"),
    (("symptom",), "itchy\x07", "symptom"),
    (("drink", "250", "--kind"), "beer\x1b]0;x\x07ish", "drink kind"),
]
for prefix, value, reason in TEXTS:
    BAD.append(pytest.param((*prefix, value), reason, id=f"{'-'.join(prefix[:1] + prefix[-1:])}-text{len(value)}"))

EDITS = [
    (("edit", "1", "--severity"), ["11", "²", "1_0", HUGE]),
    (("edit", "1", "--at"), ["0226-11-20 22:30", "0001-01-01 00:00", "99999999999 days ago", "23:59"]),
    (("edit", "1", "--relief"), ["r" * 2001]),
    (("edit", "1", "--amount"), ["500"]),
    (("edit", "1", "--bogus"), ["1"]),
    (("edit", "2", "--life"), ["0", "5001", "²"]),
    (("edit", "2", "--name"), ["", "n" * 81]),
    (("edit", "2", "--first-used"), ["0226-01-01", "2027-01-01"]),
    (("edit", "3", "--amount"), ["0", "5001", "²", HUGE]),
    (("edit", "4", "--distance"), ["0", "401", "-1"]),
    (("edit", "4", "--shoe"), [HUGE, "#999", "pegasus 41"]),
]
for prefix, values in EDITS:
    for value in values:
        BAD.append(pytest.param((*prefix, value), "", id=f"edit{prefix[1]}{prefix[2]}={value[:12]!r}"))

MISC = [
    (("edit", "1"), "say what to change"),
    (("edit", "1", "severity", "5"), "unexpected argument"),
    (("run",), "a run needs a distance"),
    (("run", "--kind", "run", "--time", "30min"), "a run needs a distance"),
    (("list", "--from", "0226-01-01"), "1900"),
    (("list", "--to", "99999999999 days ago"), "1900"),
    (("list", "--from", "2027-01-01"), "future"),
    (("list", "--kind", "nap"), "unknown kind"),
    (("config", "set", "display.theme", "no-such-theme"), "textual-dark"),
    (("config", "set", "display.units", "furlongs"), "metric"),
    (("config", "set", "targets.beverage_ml", "1_0"), "whole number"),
    (("config", "set", "targets.beverage_ml", "lots"), "whole number"),
    (("config", "set", "targets.beverage_ml", "²"), "whole number"),
    (("config", "set", "analysis.fdr_q", "nan"), "number"),
    (("config", "set", "no.such", "1"), "unknown setting"),
    (("food", "unobtainium"), "unknown food"),
    (("food", "banana", "--servings", "50"), "log fewer servings"),  # 50 x 422 mg K > 20,000 mg
    (("food",), "name a food"),
    (("cramp", "calf", "-s", "5", "--bogus"), "no such option"),
    (("checkin", "--no-cramps", "--hot-day", "--sleep", "8", "--soreness", "11"), "soreness"),
    (("stretch", "10", "--muscles", "calf,ear"), "muscle"),
    (("stretch", "10", "--muscles", ","), "muscle"),
    (("injury", "knee", "--date", "2026-11-20", "--resolved", "2026-11-01"), "resolve"),
    (("med", "x", "--start", "2026-11-20", "--stop", "2026-11-01"), "stop"),
    (("shoe", "Nimbus", "--first-used", "2026-11-20", "--retired", "2026-11-01"), "retired"),
]
for args, reason in MISC:
    BAD.append(pytest.param(args, reason, id="misc-" + "-".join(a[:10] for a in args)))


@pytest.mark.parametrize(("args", "reason"), BAD)
def test_a_refused_input_changes_nothing(journal: Journal, args, reason):
    journal.refuses(*args, reason=reason)


def test_the_suite_is_large_enough():
    assert len(BAD) + len(ACCEPTED) >= 300


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("shoe", "PEGASUS 40"), id="shoe-same-name-other-case"),
        pytest.param(("shoe", "pegasus  40"), id="shoe-same-name-other-spacing"),
        pytest.param(("shoe", "Pegasus 40"), id="shoe-same-name"),
    ],
)
def test_a_second_shoe_of_the_same_name_is_refused(journal: Journal, args):
    journal.refuses(*args, reason="")


# -- accepted edge cases ------------------------------------------------------------------------

ACCEPTED = [
    pytest.param(("cramp", "calf", "-s", "1", "--at", "1900-01-01 00:30"), id="first-minute-1900"),
    pytest.param(("cramp", "calf", "-s", "10", "--at", "2026-11-24 14:00"), id="now-exactly"),
    pytest.param(("cramp", "calf", "-s", "+7"), id="severity-plus-sign"),
    pytest.param(("cramp", "calf", "-s", " 7 "), id="severity-spaces"),
    pytest.param(("cramp", "calf", "-s", "5", "--at", "9999 hours ago"), id="hours-ago-large"),
    pytest.param(("cramp", "calf", "-s", "5", "--duration", "48h"), id="duration-48h"),
    pytest.param(("cramp", "calf", "-s", "5", "--note", "n" * 2000), id="note-2000"),
    pytest.param(("cramp", "calf", "-s", "5", "--relief", "r" * 2000), id="relief-2000"),
    pytest.param(("cramp", "calf", "-s", "5", "--note", f"a{ESC}b\n\tc"), id="note-with-escapes"),
    pytest.param(("cramp", "calf", "-s", "5", "--note", "Ünïcödé 👟 ok"), id="note-unicode"),
    pytest.param(("checkin", "--no-cramps", "--date", "1900-01-01"), id="checkin-1900-01-01"),
    pytest.param(("checkin", "--sleep", "0", "--soreness", "0"), id="checkin-zeros"),
    pytest.param(("checkin", "--sleep", "24", "--soreness", "10"), id="checkin-maxima"),
    pytest.param(("checkin", "--sleep", "7,5"), id="checkin-decimal-comma"),
    pytest.param(("diet", "vegan", "--date", "9999 days ago"), id="diet-9999-days-ago"),
    pytest.param(("drink", "1"), id="drink-1ml"),
    pytest.param(("drink", "5000"), id="drink-5000ml"),
    pytest.param(("drink", "5l"), id="drink-5l"),
    pytest.param(("drink", "16 fl oz"), id="drink-fl-oz"),
    pytest.param(("run", "400"), id="run-400km"),
    pytest.param(("run", "0.001"), id="run-1m"),
    pytest.param(("run", "248mi"), id="run-248mi"),
    pytest.param(("run", "5", "--shoe", "  pegasus   40 "), id="run-shoe-case-spacing"),
    pytest.param(("run", "5", "--shoe", "#2"), id="run-shoe-hash-id"),
    pytest.param(("run", "5", "--shoe", "2"), id="run-shoe-id"),
    pytest.param(("run", "5", "--effort", "0", "--comfort", "5"), id="run-effort-0"),
    pytest.param(("stretch", "600min"), id="stretch-600"),
    pytest.param(("stretch", "10h"), id="stretch-10h"),
    pytest.param(("shoe", "Nimbus", "--life", "640"), id="shoe-life-640"),
    pytest.param(("shoe", "Nimbus", "--life", "5000", "--start", "5000"), id="shoe-life-5000km"),
    pytest.param(("shoe", "Nimbus", "--life", "3100mi", "--start", "0"), id="shoe-life-3100mi"),
    pytest.param(("shoe", "n" * 80), id="shoe-name-80"),
    pytest.param(("shoe", f"{ESC}Clifton\x07 9"), id="shoe-name-escapes-cleaned"),
    pytest.param(("food", "banana", "--servings", "45"), id="food-45-servings"),
    pytest.param(
        ("cramp", "calf", "-s", "5", "--side", "\x1b[31mleft", "--at", "\x1b[2J10:00"),
        id="escapes-in-words-and-times-are-dropped",
    ),
    pytest.param(("food", "--text", "lentil soup", "--servings", "0.1"), id="food-text"),
    pytest.param(("med", "m" * 80, "--dose", "d" * 2000), id="med-name-80-dose-2000"),
    pytest.param(("injury", "ankle", "--severity", "0"), id="injury-severity-0"),
    pytest.param(("edit", "1", "--severity", "10", "--at", "1900-01-01 12:00"), id="edit-to-1900"),
    pytest.param(("edit", "#1", "--no-tingling"), id="edit-hash-id"),
    pytest.param(("edit", "2", "--life", "5000"), id="edit-shoe-life-5000"),
    pytest.param(("list", "-n", str(MAX_ID)), id="list-limit-max"),
    pytest.param(("list", "--from", "1900-01-01"), id="list-from-1900"),
    pytest.param(("delete", "#3"), id="delete-hash-id"),
    pytest.param(("config", "set", "display.theme", "nord"), id="theme-nord"),
    pytest.param(("run", "--kind", "jump_rope", "--time", "15min"), id="workout-without-distance"),
    pytest.param(
        ("run", "5.2", "--time", "31:00", "--effort", "6", "--shoe", "Nimbus 2"), id="readme-new-shoe-created"
    ),
]


@pytest.mark.parametrize("args", ACCEPTED)
def test_an_accepted_edge_case_stays_readable(journal: Journal, args):
    journal.accepts(*args)


def test_escape_sequences_never_reach_the_terminal(journal: Journal):
    journal.accepts("shoe", f"{ESC}Clifton\x07 9")
    journal.accepts("cramp", "calf", "-s", "5", "--note", f"x{ESC}y", "--relief", "\x1b[Hstood")
    for args in (("list",), ("shoe",), ("today",), ("list", "--json"), ("export",)):
        code, out, err = journal(*args)
        assert code == 0, err
        assert not any(ch in out for ch in "\x1b\x07\x9b"), args
    names = [e["name"] for e in json.loads(journal("list", "--json", "--kind", "shoe")[1])["entries"]]
    assert "Clifton 9" in names


def test_imperial_units_everywhere_in_the_cli(journal: Journal):
    journal.accepts("config", "set", "display.units", "imperial")
    out = journal.accepts("drink", "16")
    assert "16 fl oz" in out
    out = journal.accepts("run", "3.1")
    assert "3.1 mi" in out
    listed = journal("list")[1]
    assert "17 fl oz" in listed and "3.1 mi" in listed and " ml " not in listed and " km" not in listed
    assert " mi " in journal("shoe")[1]
    assert "fl oz" in journal("today")[1]
    stored = {e["kind"]: e for e in json.loads(journal("list", "--json", "-n", "2")[1])["entries"]}
    assert stored["drink"]["amount_ml"] == 473 and stored["run"]["distance_km"] == pytest.approx(4.989)
    journal.refuses("drink", "170", reason="more than 5000 ml")  # 170 fl oz
    journal.refuses("run", "249", reason="more than 400 km")  # 249 mi


def test_an_import_with_old_or_partial_records_is_checked_by_the_same_rules(journal: Journal, tmp_path: Path):
    base = {"kind": "drink", "at": "2026-11-20T10:00:00+01:00", "tz": "Europe/Berlin", "amount_ml": 300}
    for bad, reason in (
        (dict(base, at="0226-11-20T22:30:00+00:00"), "1900"),
        (dict(base, at="not a time"), "cannot read time"),
        (dict(base, amount_ml="300"), "amount"),
        (dict(base, amount_ml=True), "amount"),
        (dict(base, amount_ml=10**30), "amount"),
        ({"kind": "checkin", "day": "1899-12-31", "tz": "UTC"}, "1900"),
        ({"kind": "checkin", "day": 20261120, "tz": "UTC"}, "date"),
        ({"kind": "cramp", "at": base["at"], "tz": "UTC", "muscle": "calf"}, "severity"),
        ({"kind": "shoe", "first_used": "2026-01-01", "tz": "UTC", "name": "x" * 81}, "name"),
        (dict(base, note="n" * 2001), "note"),
    ):
        path = tmp_path / "in.json"
        path.write_text(json.dumps([base, bad]))
        journal.refuses("import", str(path), reason=reason)
    food = {"kind": "food", "at": base["at"], "tz": "UTC", "text": "soup", "magnesium_mg": None, "potassium_mg": None}
    path.write_text(json.dumps([food]))
    journal.accepts("import", str(path))
    soup = [e for e in json.loads(journal("list", "--json", "--kind", "food")[1])["entries"] if e["text"] == "soup"]
    assert soup[0]["magnesium_mg"] is None and soup[0]["potassium_mg"] is None  # unknown, never 0 mg


def test_an_imported_uid_survives_export(journal: Journal, tmp_path: Path):
    uid = "0b9c6a1e-3f4d-4c8e-9a51-2d7f0e6b8c11"
    path = tmp_path / "in.json"
    path.write_text(
        json.dumps([{"kind": "drink", "at": "2026-11-20T10:00:00+01:00", "tz": "UTC", "amount_ml": 300, "uid": uid}])
    )
    journal.accepts("import", str(path))
    assert uid in journal("export")[1]


# -- hypothesis: whole families of bad input ------------------------------------------------------

NON_ASCII_DIGITS = st.characters(categories=["Nd", "No"]).filter(lambda c: not c.isascii())


@HYPOTHESIS
@given(st.one_of(st.integers(max_value=0), st.integers(min_value=11)))
def test_any_severity_outside_1_to_10_is_refused(journal: Journal, template: Path, severity: int):
    fresh(template).refuses("cramp", "calf", "-s", str(severity), reason="severity")


@HYPOTHESIS
@given(
    st.text(NON_ASCII_DIGITS, min_size=1, max_size=4),
    st.sampled_from(
        [("cramp", "calf", "-s"), ("drink",), ("run",), ("checkin", "--sleep"), ("delete",), ("list", "-n")]
    ),
)
def test_digits_other_than_ascii_are_refused(journal: Journal, template: Path, digits: str, prefix):
    fresh(template).refuses(*prefix, digits)


@HYPOTHESIS
@given(st.integers(min_value=1, max_value=10**40).map(lambda n: n * (MAX_ID + 1) if n > 10**20 else n + 10**6))
def test_ids_that_name_nothing_are_refused(journal: Journal, template: Path, entry_id: int):
    j = fresh(template)
    j.refuses("delete", str(entry_id))
    j.refuses("edit", f"#{entry_id}", "--note", "x")


@HYPOTHESIS
@given(st.dates(max_value=__import__("datetime").date(1899, 12, 31)))
def test_dates_before_1900_are_refused(journal: Journal, template: Path, day):
    text = f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    j = fresh(template)
    j.refuses("checkin", "--no-cramps", "--date", text, reason="1900")
    j.refuses("cramp", "calf", "-s", "5", "--at", f"{text} 12:00", reason="1900")


@HYPOTHESIS
@given(st.text(st.characters(categories=["Cc"]), min_size=1, max_size=8), st.text(max_size=20))
def test_control_characters_never_reach_a_name_or_the_terminal(
    journal: Journal, template: Path, controls: str, name: str
):
    j = fresh(template)
    code, out, err = j("med", f"{controls}{name}{controls}")
    assert code in (0, 2), err
    assert not any(ch in out + err for ch in "\x1b\x07\x9b\x00")
    if code == 0:
        listed = j("list", "--kind", "med")[1]
        assert not any(ord(ch) < 32 and ch != "\n" for ch in listed)


TEMPLATES = [
    ("cramp", "{}", "-s", "5"),
    ("cramp", "calf", "-s", "{}"),
    ("cramp", "calf", "-s", "5", "--at", "{}"),
    ("cramp", "calf", "-s", "5", "--duration", "{}"),
    ("cramp", "calf", "-s", "5", "--context", "{}"),
    ("drink", "{}"),
    ("drink", "250", "--kind", "{}"),
    ("stretch", "{}"),
    ("stretch", "10", "--muscles", "{}"),
    ("run", "{}"),
    ("run", "5", "--time", "{}"),
    ("run", "5", "--shoe", "{}"),
    ("run", "5", "--kind", "{}"),
    ("shoe", "{}"),
    ("shoe", "Nimbus", "--life", "{}"),
    ("food", "{}"),
    ("food", "banana", "--servings", "{}"),
    ("diet", "{}"),
    ("med", "{}", "--dose", "{}"),
    ("injury", "{}", "--date", "{}"),
    ("symptom", "{}"),
    ("checkin", "--date", "{}", "--sleep", "{}"),
    ("list", "-n", "{}"),
    ("list", "--from", "{}"),
    ("edit", "{}", "--note", "x"),
    ("edit", "1", "--severity", "{}"),
    ("edit", "2", "--name", "{}"),
    ("delete", "{}"),
]


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.sampled_from(TEMPLATES), st.text(max_size=30).filter(lambda t: not t.startswith("-")))
def test_any_text_in_any_field_is_logged_or_refused_in_one_line(journal: Journal, template: Path, command, text: str):
    j = fresh(template)
    args = tuple(text if part == "{}" else part for part in command)
    before = j.files()
    code, out, err = j(*args)
    assert code in (0, 2), (args, err)
    assert not any(ch in out + err for ch in "\x1b\x07\x9b\x00"), args
    if code == 2:
        assert len(err.splitlines()) == 1 and err.startswith("error:"), (args, err)
        assert out == "" and j.files() == before, args


def test_escape_sequences_an_old_journal_holds_are_never_printed(journal: Journal):
    """Older versions stored text raw; reading trusts stored rows, so output must clean it."""
    import sqlite3

    journal.accepts("med", "statx", "--class", "statin", "--start", "2026-10-01", "--dose", "10 mg")
    journal.accepts("food", "--text", "soup")
    conn = sqlite3.connect(journal.db)
    with conn:
        conn.execute("UPDATE shoe SET name = ? WHERE id = 2", (f"{ESC}Pegasus\x07 40",))
        conn.execute("UPDATE entry SET note = ? WHERE id = 1", (f"\x1b[2Jwoke up{ESC}\r\n",))
        conn.execute("UPDATE medicine SET name = ?, dose = ?", (f"{ESC}statx", f"\x9b2J{ESC}10 mg"))
        conn.execute("UPDATE food SET text = ? WHERE text = 'soup'", (f"{ESC}soup\x07",))
        conn.execute("UPDATE cramp SET relief = ?", (f"{ESC}stood up",))
    conn.close()
    for args in (
        ("insights",),
        ("trends", "--no-color"),
        ("trends", "--chart", "shoes"),
        ("report",),
        ("export", "--format", "csv"),
        ("shoe",),
        ("list",),
        ("today",),
        ("edit", "1", "--severity", "4"),
        ("delete", "1"),
    ):
        code, out, err = journal(*args)
        assert code == 0, (args, err)
        assert not any(ch in out + err for ch in "\x1b\x07\x9b\r"), (args, out)
