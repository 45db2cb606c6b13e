"""docs/analysis.md's table of statuses is built from the gates (`analysis.gates`).

The numbers a status needs and the two phrases every view says them with are stated once, in
code; the table people read is generated from them. Regenerate after changing a gate:
python -m tests.analysis.test_gate_docs
"""

from __future__ import annotations

from cramplog.analysis import gates as G
from tests.support.doc_tables import between, regenerate


def table() -> str:
    rows = [
        "| Status | When |",
        "|---|---|",
        f"| not enough data yet (counts only) | fewer than {G.MIN_LOGGED_DAYS} tracked logged days, completeness "
        f"below {G.MIN_COMPLETENESS:.0%}, fewer than {G.MIN_CRAMP_DAYS} cramp days, the factor present on fewer "
        f"than {G.MIN_EXPOSED_DAYS} or absent on fewer than {G.MIN_EXPOSED_DAYS} days, or no finite estimate "
        "inside its range (the reason is said) |",
        "| not analysed for this context | the factor is built from the activity the `--context`'s cramps happen "
        "during (running that day, for cramps while running; a bedtime stretch, for cramps while stretching) |",
        f"| consistent pattern in your diary | at least {G.PATTERN_LOGGED_DAYS} logged days and "
        f"{G.PATTERN_CRAMP_DAYS} cramp days, q below `fdr_q`, a 95% range that excludes 1 (either direction), "
        "and the same direction in both halves |",
        "| early hint | the gates are met and the 95% range excludes 1, but not everything a pattern needs (so "
        "no early hint's range includes 1) |",
        "| no clear link | the gates are met and the range includes 1 |",
        "",
        "Every view says the gates in the same two phrases (`gates.FINDING_GATE`, `gates.PATTERN_GATE`):",
        "",
        f"- {G.FINDING_GATE};",
        f"- {G.PATTERN_GATE}.",
    ]
    return "\n".join(rows)


def test_the_docs_status_table_is_built_from_the_gates():
    assert between("analysis.md", "statuses") == table(), "regenerate: python -m tests.analysis.test_gate_docs"


if __name__ == "__main__":
    regenerate("analysis.md", "statuses", table())
