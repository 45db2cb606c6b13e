"""No text a user gets (the package, its help and messages, the shipped docs) cites the team's
internal science reference: users don't have it. Citations point at the shipped docs' own
sections or at the original sources the docs name."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INTERNAL = "science" + ".md"  # spelled apart so this file does not name it either


def test_no_text_in_the_package_or_the_docs_names_the_internal_reference():
    named = []
    for folder in ("cramplog", "docs"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix != ".pyc":  # every text file: code, docs, styles, templates
                text = path.read_text(encoding="utf-8", errors="replace")
                named += [
                    f"{path.relative_to(ROOT)}:{n}"
                    for n, line in enumerate(text.splitlines(), 1)
                    if INTERNAL in line.lower()
                ]
    assert named == [], f"cites {INTERNAL}: {named}"
    assert (ROOT / "README.md").read_text(encoding="utf-8").lower().count(INTERNAL) == 0


def test_the_plan_cites_the_trial_and_the_shipped_docs(cli):
    code, out, err = cli("experiment", "plan", "--weeks", "6", "--yes")
    assert code == 0, err
    assert "Hallegraeff 2012" in out and "(docs/experiment.md)" in out and INTERNAL not in out
