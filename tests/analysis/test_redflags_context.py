"""Issue 10, point 1: every red-flag rule fires whatever the age and order of its context.

Diet, medicine and injury entries are few and are loaded all, by kind (`CONTEXT_KINDS`); the
save-time check (`check_saved`) and the journal-wide check (`check_active`) read the same
entries through a storage `entries(kinds, since)` method and run the same rules.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cramplog.domain import redflags
from cramplog.domain.days import DEFAULT_DAY_BOUNDARY
from cramplog.domain.entries import CheckIn, Diet, Entry, Medicine
from cramplog.domain.redflags import check_active, check_saved, order_flags

from .conftest import ENTRY_IDS, NOW, TZ, cramp, symptom


def diet(days_ago: int, pattern: str = "vegan", b12: bool | None = False) -> Diet:
    return Diet(day=(NOW - dt.timedelta(days=days_ago)).date(), tz=TZ, id=next(ENTRY_IDS), pattern=pattern, b12=b12)


class Journal:
    """A stand-in for the storage: `entries(kinds, since)` over a list, oldest first, opened
    at the default day boundary (04:00)."""

    day_boundary = DEFAULT_DAY_BOUNDARY

    def __init__(self, *entries: Entry) -> None:
        self.all = list(entries)
        self.calls: list[tuple[list[str] | None, dt.datetime | None]] = []

    def entries(self, kinds: list[str] | None = None, since: dt.datetime | None = None) -> list[Entry]:
        self.calls.append((kinds, since))
        found = [e for e in self.all if (kinds is None or e.kind in kinds) and (since is None or e.at >= since)]
        return sorted(found, key=lambda e: e.at)


def on_save(entry: Entry, *others: Entry) -> list[str]:
    return [f.rule for f in check_saved(entry, Journal(entry, *others), NOW)]


def active(*entries: Entry) -> list[str]:
    return [f.rule for f in check_active(Journal(*entries), NOW)]


@pytest.mark.parametrize("age", [5, 29, 60, 117, 119, 400, 3000])
def test_b12_rule_fires_whatever_the_diet_age_on_save_and_in_the_journal(age):
    d = diet(age)
    t = symptom("tingling", 1)
    assert "neuro_no_b12" in on_save(t, d)
    assert "neuro_no_b12" in active(d, t)


def test_b12_rule_fires_when_the_diet_is_logged_after_the_symptoms():
    t = symptom("tingling", 20)
    later = diet(2)  # the first diet logged describes how the person already ate
    assert "neuro_no_b12" in on_save(later, t)
    assert "neuro_no_b12" in active(t, later)


def test_a_plant_based_diet_whose_b12_was_never_said_asks_instead_of_staying_silent():
    t = symptom("tingling", 1)
    unsaid = diet(100, b12=None)
    assert "neuro_b12_unsaid" in on_save(t, unsaid) and "neuro_no_b12" not in on_save(t, unsaid)
    assert "neuro_b12_unsaid" in active(unsaid, t)
    assert "neuro_b12_unsaid" in on_save(diet(0, b12=None), t)  # the diet logged after the symptom
    flag = next(f for f in check_saved(t, Journal(t, unsaid), NOW) if f.rule == "neuro_b12_unsaid")
    assert flag.tier == "gp" and "doesn't say whether you take a vitamin B12 supplement" in flag.text
    # a B12 supplement logged as a medicine answers the question, and so does --b12
    b12 = Medicine(name="B12", start=(NOW - dt.timedelta(days=200)).date(), tz=TZ, id=next(ENTRY_IDS), med_class="b12")
    assert not {"neuro_b12_unsaid", "neuro_no_b12"} & set(on_save(t, unsaid, b12))
    assert not {"neuro_b12_unsaid", "neuro_no_b12"} & set(on_save(t, diet(100, b12=True)))


def test_b12_near_misses_do_not_fire():
    t = symptom("tingling", 1)
    assert "neuro_no_b12" not in on_save(t, diet(100, b12=True))  # supplemented
    assert "neuro_no_b12" not in on_save(t, diet(100, pattern="vegetarian"))
    # the diet in effect on the symptom's day was omnivore; the vegan switch came later
    omni, vegan = diet(300, pattern="omnivore", b12=None), diet(0)
    assert "neuro_no_b12" not in on_save(t, omni, vegan)
    assert "neuro_no_b12" not in active(omni, t, vegan)
    assert "neuro_no_b12" not in on_save(vegan, omni, t)


def logged_days(first: int, last: int, cramps: list[Entry]) -> list[CheckIn]:
    """Check-ins on the days `first` to `last` days ago that have no cramp: every day logged."""
    taken = {c.at.date() for c in cramps}
    return [
        CheckIn(day=d, tz=TZ, id=next(ENTRY_IDS), no_cramps=True)
        for d in ((NOW - dt.timedelta(days=n)).date() for n in range(first, last + 1))
        if d not in taken
    ]


def test_new_medicine_fires_whatever_its_age_when_logged_after_the_cramps():
    start = (NOW - dt.timedelta(days=20)).date()
    cramps = [cramp(d) for d in (18, 15, 12, 10)]
    days = logged_days(7, 34, cramps)
    med = Medicine(name="furosemide", start=start, tz=TZ, id=next(ENTRY_IDS), med_class="diuretic_loop")
    assert "new_medicine" in on_save(med, *cramps, *days)
    assert "new_medicine" in on_save(cramps[-1], med, *cramps[:-1], *days)
    assert "new_medicine" in active(med, *cramps, *days)
    # A check-in that completes the two weeks before is enough to raise it when saved.
    assert "new_medicine" in on_save(days[-1], med, *cramps, *days[:-1])
    assert "new_medicine" not in active(med, *cramps, *days[:-1])


def test_new_medicine_near_miss_cramps_as_often_before():
    start = (NOW - dt.timedelta(days=20)).date()
    cramps = [cramp(d) for d in (30, 27, 24, 18, 15, 12)]
    med = Medicine(name="omeprazole", start=start, tz=TZ, id=next(ENTRY_IDS), med_class="ppi")
    assert "new_medicine" not in on_save(med, *cramps, *logged_days(7, 34, cramps))


def test_the_save_check_loads_every_context_entry_by_kind_and_only_a_window_of_the_rest():
    journal = Journal(diet(3000), symptom("tingling", 1))
    check_saved(journal.all[1], journal, NOW)
    assert (list(redflags.CONTEXT_KINDS), None) in journal.calls
    windows = [since for kinds, since in journal.calls if kinds == list(redflags.WINDOW_KINDS)]
    assert windows and all(since is not None and since >= NOW - dt.timedelta(days=200) for since in windows)


@pytest.mark.parametrize("name, words", [("collapse", "a collapse"), ("confusion", "sudden confusion")])
def test_a_lone_collapse_or_confusion_is_an_emergency_worded_for_the_symptom(name, words):
    s = symptom(name)
    flags = check_saved(s, Journal(s), NOW)
    assert [f.rule for f in flags] == ["collapse_confusion"]
    assert flags[0].tier == "emergency"
    assert flags[0].text.startswith(f"You logged {words}.")
    assert "cramping" not in flags[0].text.lower()
    assert active(s) == ["collapse_confusion"]


@pytest.mark.parametrize("name", ["vomiting", "severe_headache"])
def test_vomiting_or_headache_alone_is_not_an_emergency(name):
    assert on_save(symptom(name)) == []


def test_collapse_with_a_cramp_is_the_cramping_rule_not_the_lone_one():
    c, s = cramp(0, 9, context="running"), symptom("collapse", 0, 11)
    assert on_save(s, c) == ["systemic_signs"]
    assert active(c, s) == ["systemic_signs"]


@pytest.mark.parametrize("name", ["tingling", "swelling_both_ankles"])
def test_a_symptom_within_24_hours_of_a_cramp_counts_with_it(name):
    c = cramp(1, 10)
    s = symptom(name, 1, 11)  # an hour later
    assert "cramp_numbness_swelling" in on_save(s, c)
    assert "cramp_numbness_swelling" in on_save(c, s)
    assert "cramp_numbness_swelling" in active(c, s)


def test_a_symptom_25_hours_from_a_cramp_does_not_count_with_it():
    c = cramp(2, 10)
    s = symptom("tingling", 1, 11)
    assert "cramp_numbness_swelling" not in on_save(s, c)
    assert "cramp_numbness_swelling" not in on_save(c, s)


def test_the_one_ordering_is_by_tier_then_rule():
    flags = check_saved(
        cramp(0, 10, swelling="one_leg", duration_s=900),
        Journal(symptom("collapse", 0, 11), symptom("chest_pain", 0, 11)),
        NOW,
    )
    assert flags == order_flags(reversed(flags))
    assert [f.rule for f in flags][:3] == ["systemic_signs", "possible_dvt", "long_cramp"]


def test_the_ui_uses_the_one_label_table():
    from cramplog.ui.modals import red_flag
    from cramplog.ui.widgets import red_flag_banner

    assert red_flag.TIER_HEADINGS is redflags.TIER_HEADINGS
    assert red_flag_banner.TIER_HEADINGS is redflags.TIER_HEADINGS


def test_plain_swelling_is_refused_instead_of_guessing_a_side(tmp_path, monkeypatch, capsys):
    from cramplog.cli import main

    monkeypatch.setenv("CRAMPLOG_HOME", str(tmp_path / "home"))
    db = str(tmp_path / "journal.db")
    code = main(["--db", db, "symptom", "swelling"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error:") and "swelling_one_leg" in err and "swelling_both_ankles" in err
    assert "DVT" not in err
    assert main(["--db", db, "symptom", "swelling_both"]) == 0
    assert "DVT" not in capsys.readouterr().err


def test_the_cli_save_check_sees_an_old_diet_and_a_diet_logged_after(tmp_path, monkeypatch, capsys):
    from cramplog.cli import main

    monkeypatch.setenv("CRAMPLOG_HOME", str(tmp_path / "home"))
    old = str(tmp_path / "old.db")
    long_ago = (dt.date.today() - dt.timedelta(days=200)).isoformat()
    assert main(["--db", old, "diet", "vegan", "--date", long_ago, "--no-b12"]) == 0
    capsys.readouterr()
    assert main(["--db", old, "symptom", "tingling"]) == 0
    assert "Nerve symptoms on a plant-based diet without B12" in capsys.readouterr().err
    after = str(tmp_path / "after.db")
    assert main(["--db", after, "symptom", "tingling"]) == 0
    assert "without B12" not in capsys.readouterr().err
    assert main(["--db", after, "diet", "vegan", "--no-b12"]) == 0
    assert "Nerve symptoms on a plant-based diet without B12" in capsys.readouterr().err


def test_the_rules_count_diary_days_at_the_journals_boundary():
    """Swollen ankles on 3 days fire the rule. Logged at 22:00 and at 02:00 on the next two
    nights, they are 3 days for a diary whose days begin at midnight, but 2 at 04:00 (02:00
    still belongs to the evening before): the journal's setting decides, here and in the
    save check, as it does everywhere else (it was the default, always)."""
    swollen = [symptom("swelling_both_ankles", 2, 22), symptom("swelling_both_ankles", 1, 2)]
    last = symptom("swelling_both_ankles", 0, 2)
    at_four, at_midnight = Journal(*swollen, last), Journal(*swollen, last)
    at_midnight.day_boundary = dt.time(0, 0)
    assert "ankle_swelling" in [f.rule for f in check_saved(last, at_midnight, NOW)]
    assert "ankle_swelling" in [f.rule for f in check_active(at_midnight, NOW)]
    assert "ankle_swelling" not in [f.rule for f in check_saved(last, at_four, NOW)]
    assert "ankle_swelling" not in [f.rule for f in check_active(at_four, NOW)]
