"""Red-flag rules: each rule fires on its trigger, in its tier, with science.md's wording."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from cramplog.domain import redflags
from cramplog.domain.days import DEFAULT_DAY_BOUNDARY
from cramplog.domain.entries import CheckIn, Diet, Drink, Medicine, Run
from cramplog.domain.redflags import TIERS, RedFlag, check_entry, check_journal, format_notice

from .conftest import ENTRY_IDS, NOW, TZ, at, cramp, symptom


def rules(flags: list[RedFlag]) -> list[str]:
    return [f.rule for f in flags]


def fire(entry, recent=()) -> list[RedFlag]:
    return check_entry(entry, [entry, *recent], NOW, boundary=DEFAULT_DAY_BOUNDARY)


# -- emergency ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["breathlessness", "chest_pain", "coughing_blood"])
def test_pe_signs_are_an_emergency_with_the_emergency_number(name):
    flags = fire(symptom(name))
    assert rules(flags) == ["pe_signs"]
    assert flags[0].tier == "emergency"
    assert "999, 112 or 911" in flags[0].text and "[" not in flags[0].text


@pytest.mark.parametrize("name", ["confusion", "vomiting", "severe_headache", "collapse"])
def test_systemic_signs_with_cramping_are_an_emergency(name):
    c = cramp(0, 10, context="running")
    s = symptom(name, 0, 14)
    assert "systemic_signs" in rules(fire(s, [c]))
    assert "systemic_signs" in rules(fire(c, [s]))  # logged in either order
    assert fire(s, [c])[0].tier == "emergency"


def test_systemic_sign_without_a_cramp_nearby_does_not_fire_that_rule():
    assert "systemic_signs" not in rules(fire(symptom("vomiting"), [cramp(5)]))


def test_dark_urine_with_severe_pain_or_weakness_is_an_emergency():
    urine = symptom("dark_urine", 0, 18)
    assert rules(fire(urine, [cramp(0, 9, severity=8)])) == ["dark_urine"]
    assert "dark_urine" in rules(fire(urine, [symptom("weakness", 1)]))
    assert "dark_urine" not in rules(fire(urine, [cramp(0, 9, severity=3)]))
    assert "dark_urine" in rules(fire(cramp(0, 20, severity=9), [urine]))


# -- urgent -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry_factory",
    [
        lambda: cramp(swelling="one_leg"),
        lambda: cramp(persistent_pain=True),
        lambda: symptom("swelling_one_leg"),
        lambda: symptom("warm_red_calf"),
        lambda: symptom("hard_sore_veins"),
        lambda: symptom("calf_pain_persisting"),
    ],
)
def test_dvt_signs_are_urgent_and_name_what_was_logged(entry_factory):
    flags = fire(entry_factory())
    flag = next(f for f in flags if f.rule == "possible_dvt")
    assert flag.tier == "urgent"
    assert "blood clot (DVT)" in flag.text and "same day" in flag.text
    assert "short of breath" in flag.text  # escalation path always given
    assert "{" not in flag.text


def test_dvt_prompt_with_one_leg_swelling_and_cramp_reads_like_science_md():
    flag = fire(cramp(swelling="one_leg"))[0]
    assert flag.text.startswith("You logged swelling in one leg together with a cramp.")


def test_cramp_over_ten_minutes_is_urgent():
    assert rules(fire(cramp(duration_s=11 * 60))) == ["long_cramp"]
    assert fire(cramp(duration_s=11 * 60))[0].tier == "urgent"
    assert fire(cramp(duration_s=9 * 60)) == []


def test_cramps_after_a_wound_are_urgent_tetanus_prompt():
    wound = symptom("foot_wound", 5)
    later = cramp(0)
    assert "wound_cramps" in rules(fire(later, [wound]))
    assert "wound_cramps" in rules(fire(wound, [later]))
    assert "tetanus" in fire(later, [wound])[0].text
    assert "wound_cramps" not in rules(fire(cramp(0), [symptom("foot_wound", 20)]))


# -- see a GP -----------------------------------------------------------------------------------


def test_cramps_that_disturb_sleep_prompt_a_gp_visit():
    nights = [cramp(d, 3, context="night") for d in (2, 5)]
    flags = fire(cramp(0, 3, context="night"), nights)
    assert rules(flags) == ["frequent_cramps"] and flags[0].tier == "gp"
    assert "3 nights" in flags[0].text
    assert fire(cramp(0, 3, context="night"), nights[:1]) == []


def test_frequent_daytime_cramps_prompt_a_gp_visit():
    earlier = [cramp(d, 15, context="running") for d in (1, 3, 5, 7, 9)]
    assert "frequent_cramps" in rules(fire(cramp(0, 15), earlier))
    assert "frequent_cramps" not in rules(fire(cramp(0, 15), earlier[:3]))


@pytest.mark.parametrize("kw", [{"tingling": True}, {"swelling": "both"}])
def test_cramp_with_numbness_or_swelling_prompts_gp(kw):
    flags = fire(cramp(**kw))
    assert "cramp_numbness_swelling" in rules(flags)
    assert all(f.tier == "gp" for f in flags)


@pytest.mark.parametrize("name", ["weakness", "muscle_wasting"])
def test_weakness_or_wasting_prompts_gp(name):
    assert rules(fire(symptom(name))) == ["weakness"]


def test_persistent_neuro_symptoms_need_three_days_in_fourteen():
    earlier = [symptom("tingling", 3), symptom("balance_loss", 8)]
    assert rules(fire(symptom("tingling"), earlier)) == ["persistent_neuro"]
    assert fire(symptom("tingling"), earlier[:1]) == []
    assert fire(symptom("tingling"), [symptom("tingling", 20), symptom("tingling", 25)]) == []


def test_neuro_symptoms_on_unsupplemented_vegan_diet_mention_b12():
    diet = Diet(day=(NOW - dt.timedelta(days=20)).date(), tz=TZ, id=next(ENTRY_IDS), pattern="vegan", b12=False)
    flags = fire(symptom("tingling"), [diet])
    assert rules(flags) == ["neuro_no_b12"]
    assert "B12" in flags[0].text
    supplemented = Diet(day=diet.day, tz=TZ, id=next(ENTRY_IDS), pattern="vegan", b12=True)
    assert fire(symptom("tingling"), [supplemented]) == []
    three = fire(symptom("tingling"), [diet, symptom("tingling", 2), symptom("tingling", 4)])
    persistent = next(f for f in three if f.rule == "persistent_neuro")
    assert "B12" in persistent.text


def test_foot_wound_logged_over_a_week_is_not_healing():
    assert "foot_wound" in rules(fire(symptom("foot_wound"), [symptom("foot_wound", 9)]))
    assert "foot_wound" not in rules(fire(symptom("foot_wound"), [symptom("foot_wound", 2)]))


def checkins(days_ago: range, skip: set[int] = frozenset()) -> list[CheckIn]:
    """A plain check-in on each of `days_ago` but `skip`: days logged without a cramp."""
    return [
        CheckIn(day=(NOW - dt.timedelta(days=d)).date(), tz=TZ, id=next(ENTRY_IDS), no_cramps=True)
        for d in days_ago
        if d not in skip
    ]


def test_cramps_after_a_new_medicine_prompt_gp_with_the_medicine_note():
    med = Medicine(
        name="bendroflumethiazide",
        start=(NOW - dt.timedelta(days=13)).date(),
        tz=TZ,
        id=next(ENTRY_IDS),
        med_class="diuretic_thiazide",
    )
    logged = checkins(range(1, 28), skip={3})  # every day of both two-week windows logged
    flags = fire(cramp(0), [med, cramp(3), *logged])
    flag = next(f for f in flags if f.rule == "new_medicine")
    assert flag.tier == "gp"
    assert "bendroflumethiazide" in flag.text
    assert redflags.MEDICINE_NOTE in flag.text
    # counts of logged days on both sides, not a verdict: chance alone fires this rule in many diaries
    assert (
        "cramps on 2 of 14 logged days in the two weeks after starting bendroflumethiazide, and on "
        "0 of 14 logged days in the two weeks before"
    ) in flag.text
    assert "began or became more frequent" not in flag.text
    # as many cramps before the start as after: not "began or worsened"
    before = [cramp(d) for d in (15, 17)]
    assert "new_medicine" not in rules(
        fire(cramp(0), [med, cramp(3), *before, *checkins(range(1, 28), skip={3, 15, 17})])
    )


def test_new_medicine_compares_rates_over_logged_days_not_counts():
    """The reported diary's shape: 4 cramp days of 7 logged before, 6 of 14 after. The rate fell
    (57% -> 43%); more cramp days after is only more logged days."""
    med = Medicine(
        name="bendroflumethiazide",
        start=(NOW - dt.timedelta(days=13)).date(),
        tz=TZ,
        id=next(ENTRY_IDS),
        med_class="diuretic_thiazide",
    )
    after = [cramp(d) for d in (0, 2, 4, 6, 8, 10)]
    before = [cramp(d) for d in (14, 16, 18, 20)]
    logged = checkins(range(0, 21), skip={0, 2, 4, 6, 8, 10, 14, 16, 18, 20})
    assert "new_medicine" not in rules(fire(after[0], [med, *after[1:], *before, *logged]))
    # Not enough logged days before (7 of 14): no comparison, whatever the counts.
    assert "new_medicine" not in rules(
        fire(after[0], [med, *after[1:], *checkins(range(0, 21), skip={0, 2, 4, 6, 8, 10})])
    )
    # The same cramps after, with the week before fully logged and cramp-free: a higher rate.
    full = checkins(range(0, 28), skip={0, 2, 4, 6, 8, 10})
    flag = next(f for f in fire(after[0], [med, *after[1:], *full]) if f.rule == "new_medicine")
    assert "on 6 of 14 logged days in the two weeks after" in flag.text
    assert "on 0 of 14 logged days in the two weeks before" in flag.text


def test_new_medicine_does_not_count_days_after_it_was_stopped():
    med = Medicine(
        name="naproxen",
        start=(NOW - dt.timedelta(days=13)).date(),
        tz=TZ,
        id=next(ENTRY_IDS),
        stop=(NOW - dt.timedelta(days=12)).date(),
        med_class="other",
    )
    logged = checkins(range(0, 28), skip={0, 2, 4})
    assert "new_medicine" not in rules(fire(cramp(0), [med, cramp(2), cramp(4), *logged]))


def test_recurrent_swelling_of_both_ankles_prompts_gp():
    earlier = [symptom("swelling_both_ankles", d) for d in (6, 15)]
    assert rules(fire(symptom("swelling_both_ankles"), earlier)) == ["ankle_swelling"]
    assert fire(symptom("swelling_both_ankles"), earlier[:1]) == []


# -- across rules -------------------------------------------------------------------------------


def test_ordinary_entries_fire_nothing():
    quiet = [
        cramp(0, 15, severity=4, duration_s=60),
        Drink(at=at(0, 9), tz=TZ, id=next(ENTRY_IDS), amount_ml=500),
        Run(at=at(1, 9), tz=TZ, id=next(ENTRY_IDS), distance_km=8),
        CheckIn(day=NOW.date(), tz=TZ, id=next(ENTRY_IDS), no_cramps=True),
    ]
    for entry in quiet:
        assert fire(entry, quiet) == []


def test_flags_are_ordered_most_serious_first_and_deduplicated():
    c = cramp(0, 10, swelling="one_leg", tingling=True, duration_s=900)
    flags = fire(c, [symptom("chest_pain", 0, 11), symptom("collapse", 0, 11)])
    tiers = [TIERS.index(f.tier) for f in flags]
    assert tiers == sorted(tiers)
    assert len(rules(flags)) == len(set(rules(flags)))
    assert {"systemic_signs", "possible_dvt", "long_cramp", "cramp_numbness_swelling"} <= set(rules(flags))


def test_no_amount_of_data_silences_a_flag():
    """Hundreds of ordinary days do not dilute or hide a red flag."""
    ordinary = [cramp(d, 15) for d in range(1, 400, 7)]
    flags = check_journal([*ordinary, symptom("swelling_one_leg", 1)], NOW, boundary=DEFAULT_DAY_BOUNDARY)
    assert rules(flags)[0] == "possible_dvt"


def test_journal_flags_expire_by_tier_but_gp_flags_last_longer():
    old_dvt = symptom("swelling_one_leg", 40)
    old_weak = symptom("weakness", 40)
    assert rules(check_journal([old_dvt, old_weak], NOW, boundary=DEFAULT_DAY_BOUNDARY)) == ["weakness"]
    assert rules(check_journal([symptom("swelling_one_leg", 3)], NOW, boundary=DEFAULT_DAY_BOUNDARY)) == [
        "possible_dvt"
    ]


def test_journal_merges_repeats_of_one_rule():
    a, b = symptom("warm_red_calf", 1), symptom("hard_sore_veins", 2)
    flags = check_journal([a, b], NOW, boundary=DEFAULT_DAY_BOUNDARY)
    assert len(flags) == 1 and set(flags[0].entry_ids) == {a.id, b.id}


def test_journal_keeps_an_old_diet_change_in_context():
    diet = Diet(day=(NOW - dt.timedelta(days=400)).date(), tz=TZ, id=next(ENTRY_IDS), pattern="plant_based", b12=False)
    assert "neuro_no_b12" in rules(check_journal([diet, symptom("tingling", 1)], NOW, boundary=DEFAULT_DAY_BOUNDARY))


def test_format_notice_starts_with_tier_in_capitals():
    lines = format_notice(fire(cramp(swelling="one_leg"))[0]).splitlines()
    assert lines[0].startswith("URGENT (same day): ")
    assert format_notice(fire(symptom("chest_pain"))[0]).startswith("EMERGENCY: ")
    assert format_notice(fire(symptom("weakness"))[0]).startswith("SEE A GP (routine): ")
    assert all(len(line) <= 78 for line in lines)


def test_every_rule_and_tier_has_wording_that_never_advises_the_forbidden():
    assert set(t for t, _, _ in redflags.TEXTS.values()) == set(TIERS)
    for rule, (_, _, text) in redflags.TEXTS.items():
        low = text.lower()
        assert "quinine" not in low and "drink more" not in low and "wells" not in low, rule
        assert "mg" not in low.split(), rule
        assert "stop taking" not in low, rule


def test_module_is_pure_domain_code():
    tree = ast.parse(Path(redflags.__file__).read_text())
    roots = {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 0}
    roots |= {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert roots <= {"__future__", "bisect", "datetime", "textwrap", "collections", "dataclasses", "typing"}


def test_each_notice_names_its_window_from_the_constant_that_sets_it():
    """A window changed in one place changes its notice: the texts said "two weeks" beside
    the constants for 14 days, held equal by nothing."""
    assert [redflags.span(d) for d in (7, 14, 28, 10)] == ["a week", "two weeks", "four weeks", "10 days"]
    texts = {rule: text for rule, (_, _, text) in redflags.TEXTS.items()}
    assert f"within {redflags.span(redflags.NEURO_WINDOW_DAYS)}." in texts["persistent_neuro"]
    assert f"more than {redflags.span(redflags.WOUND_NOT_HEALING.days)}." in texts["foot_wound"]
    assert texts["new_medicine"].count(f"the {redflags.span(redflags.MEDICINE_WINDOW_DAYS)} ") == 2
    assert f"within {redflags.span(redflags.ANKLE_WINDOW_DAYS)}." in texts["ankle_swelling"]
    night = [cramp(d, 3, context="night") for d in (1, 2, 3)]
    [flag] = [f for f in fire(night[0], night[1:]) if f.rule == "frequent_cramps"]
    assert f"on 3 nights in {redflags.span(redflags.FREQUENT_WINDOW_DAYS)}." in flag.text
