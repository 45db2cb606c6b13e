"""Provides the red-flag safety rules: pure functions over entries, run on every save.

Tiers and wording: docs/analysis.md §5. The rules only ever *escalate*: nothing here scores,
reassures or rules anything out (no Wells score), and nothing depends on how much data exists
or on any statistic. Thresholds that are app conventions are constants below.

One family of checks, two questions: `check_entry` answers "what does the entry just saved
fire?" (CLI after the entry, the app's modal); `check_journal` answers "which flags are active
now?" (dashboard banner, insights, clinician report). Both run the same per-entry rules over
nearby entries plus the *context* entries (every diet, medicine and injury, however old), so
no rule goes silent because a context entry is older than a look-back window or was logged
after the symptom. `check_saved` and `check_active` take the journal (a `Diary`: its
`entries(kinds, since)` and the day boundary it was opened with) and load exactly that; the
rules themselves stay pure. Rules that count days count diary days at the journal's boundary:
a night cramp at 02:00 belongs to the evening before, as everywhere else in cramplog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from .before_after import enough_sides, logs_the_day
from .entries import Cramp, Diet, Entry, Medicine, Symptom, entry_day
from .record import record

LOOKBACK = dt.timedelta(days=28)
"""How far around an entry the rules look (the longest rule window: new-medicine before/after)."""

TIERS = ("emergency", "urgent", "gp")
"""Tiers, most serious first."""

TIER_LABELS = {"emergency": "EMERGENCY", "urgent": "URGENT (same day)", "gp": "SEE A GP (routine)"}
"""Short tier names for text (terminal, insights, clinician report)."""

TIER_HEADINGS = {
    "emergency": "Emergency: call your local emergency number now",
    "urgent": "Urgent: ask for a same-day appointment",
    "gp": "Consider booking a GP appointment",
}
"""What to do, per tier, as a heading (the app's modal and dashboard banner)."""

CONTEXT_KINDS = ("diet", "med", "injury")
"""Kinds the rules read whatever their age: callers load every entry of these kinds."""
WINDOW_KINDS = ("cramp", "symptom", "checkin")
"""Kinds the rules read around an entry (drinks, food, runs and stretches fire nothing; check-ins
fire nothing either, but they make a day logged for `new_medicine`'s rates)."""

ACTIVE_FOR = {
    "emergency": dt.timedelta(days=14),
    "urgent": dt.timedelta(days=14),
    "gp": dt.timedelta(days=90),
}
"""How long after its newest triggering entry a flag stays active in `check_journal`."""

EMERGENCY_NUMBER = "your local emergency number (999, 112 or 911)"
URGENT_LINE = "NHS 111 or your local urgent-care line"

MEDICINE_NOTE = (
    "Some medicines are associated with cramps. Don't stop or change a prescribed "
    "medicine because of this — talk to your prescriber or pharmacist."
)
B12_NOTE = "This matters particularly on a vegan or plant-based diet without a B12 supplement, or with diabetes."

PE_SYMPTOMS = ("breathlessness", "chest_pain", "coughing_blood")
SYSTEMIC_SYMPTOMS = ("confusion", "vomiting", "severe_headache", "collapse")
ALONE_SYMPTOMS = ("confusion", "collapse")
"""Systemic signs that are an emergency on their own, without a cramp nearby."""
NUMB_SWELL_SYMPTOMS = ("tingling", "swelling_one_leg", "swelling_both_ankles")
"""Symptoms that count with a cramp within `WITH_CRAMP_WINDOW` (cramps with numbness or swelling)."""
DVT_SYMPTOMS = ("swelling_one_leg", "warm_red_calf", "hard_sore_veins", "calf_pain_persisting")
NEURO_SYMPTOMS = ("tingling", "balance_loss")
WEAKNESS_SYMPTOMS = ("weakness", "muscle_wasting")
UNSUPPLEMENTED_DIETS = ("vegan", "plant_based")
B12_QUESTION = (
    "Do you take a vitamin B12 supplement? On a vegan or plant-based diet without one, low B12 "
    "can affect the nerves, so the journal asks rather than guess."
)
"""Said when such a diet is logged without saying (`Diet.b12` None)."""

# App conventions (docs/analysis.md §5), kept here so tests and docs can name them.
LONG_CRAMP_S = 10 * 60
SYSTEMIC_WINDOW = dt.timedelta(hours=24)
WITH_CRAMP_WINDOW = dt.timedelta(hours=24)
DARK_URINE_WINDOW = dt.timedelta(hours=48)
SEVERE_PAIN = 7
WOUND_WINDOW = dt.timedelta(days=14)
WOUND_NOT_HEALING = dt.timedelta(days=7)
FREQUENT_WINDOW_DAYS = 14
FREQUENT_CRAMP_DAYS = 6
SLEEP_CRAMP_NIGHTS = 3
NEURO_WINDOW_DAYS = 14
NEURO_DAYS = 3
ANKLE_WINDOW_DAYS = 28
ANKLE_DAYS = 3
MEDICINE_WINDOW_DAYS = 14
MEDICINE_CRAMP_DAYS = 2
"""`new_medicine` needs at least this many cramp days after the start, at a higher rate per
logged day than before (and enough logged days on both sides, `before_after.enough_sides`)."""

_DVT_WORDS = {
    "swelling_one_leg": "swelling in one leg",
    "warm_red_calf": "warm, red or darkened skin over the calf",
    "hard_sore_veins": "hard or sore swollen veins",
    "calf_pain_persisting": "leg pain that does not settle like a normal cramp",
}

_WORDS = {1: "a", 2: "two", 3: "three", 4: "four"}


def span(days: int) -> str:
    """A window in a notice's words, from the constant that sets it: 7 -> 'a week',
    14 -> 'two weeks', 28 -> 'four weeks', 10 -> '10 days'."""
    weeks, rest = divmod(days, 7)
    if rest or weeks not in _WORDS:
        return f"{days} days"
    return "a week" if weeks == 1 else f"{_WORDS[weeks]} weeks"


TEXTS: dict[str, tuple[str, str, str]] = {
    # rule: (tier, title, text)
    "pe_signs": (
        "emergency",
        "Breathlessness, chest pain or coughing blood",
        "You logged sudden breathlessness, chest pain or coughing up blood. Especially after leg "
        "pain or swelling, this can be a sign of a blood clot in the lungs. "
        f"Call {EMERGENCY_NUMBER} now.",
    ),
    "systemic_signs": (
        "emergency",
        "Cramping with confusion, vomiting, severe headache or collapse",
        "You logged cramping together with confusion, vomiting, a severe headache or collapse. "
        "During or after long exercise this can be a sign of a serious problem such as low "
        f"blood sodium. Call {EMERGENCY_NUMBER} now.",
    ),
    "collapse_confusion": (
        "emergency",
        "Collapse or sudden confusion",
        "You logged {what}. A collapse or sudden confusion can be a sign of a serious problem, "
        "especially during or after long exercise. "
        f"Call {EMERGENCY_NUMBER} now.",
    ),
    "dark_urine": (
        "emergency",
        "Very dark urine with severe muscle pain or weakness",
        "You logged very dark (cola-coloured) urine together with severe muscle pain or "
        "weakness. After exertion this can be a sign of serious muscle breakdown. "
        f"Call {EMERGENCY_NUMBER} now.",
    ),
    "possible_dvt": (
        "urgent",
        "Possible blood clot (DVT) signs",
        "You logged {signs}. Most cramps are harmless, but these symptoms can also be a sign of "
        "a blood clot (DVT), which needs checking the same day. Please ask for an urgent "
        f"appointment or call {URGENT_LINE}. If you become short of breath or have chest pain, "
        f"call {EMERGENCY_NUMBER} now.",
    ),
    "long_cramp": (
        "urgent",
        f"A cramp lasting more than {LONG_CRAMP_S // 60} minutes",
        f"You logged a cramp lasting more than {LONG_CRAMP_S // 60} minutes. A cramp that does not ease needs "
        f"checking the same day: ask for an urgent GP appointment or call {URGENT_LINE}. "
        f"If you become short of breath or have chest pain, call {EMERGENCY_NUMBER} now.",
    ),
    "wound_cramps": (
        "urgent",
        "Cramps after a wound",
        "You logged cramps after a cut or wound. Cramps or stiffness after a wound that may have "
        "been contaminated need checking the same day (tetanus is a possibility): ask for an "
        f"urgent GP appointment or call {URGENT_LINE}.",
    ),
    "frequent_cramps": (
        "gp",
        "Frequent cramps or cramps that disturb sleep",
        "You logged {what}. Cramps that keep coming back or disturb your sleep are worth "
        "discussing with a GP. Consider booking a GP appointment.",
    ),
    "cramp_numbness_swelling": (
        "gp",
        "Cramps with numbness or swelling",
        "You logged a cramp together with numbness, tingling or swelling in the legs. "
        "Consider booking a GP appointment.",
    ),
    "weakness": (
        "gp",
        "Muscles getting weaker or smaller",
        "You logged muscle weakness or muscles that seem to be shrinking. Consider booking a GP appointment.",
    ),
    "persistent_neuro": (
        "gp",
        "Persistent tingling, numbness or balance problems",
        "You logged tingling, numbness, burning or balance problems on several days within "
        f"{span(NEURO_WINDOW_DAYS)}. Ongoing nerve symptoms in the feet or legs are worth checking. "
        "Consider booking a GP appointment.",
    ),
    "neuro_no_b12": (
        "gp",
        "Nerve symptoms on a plant-based diet without B12",
        "You logged tingling, numbness or balance problems while on a vegan or plant-based diet "
        "without a B12 supplement. Low B12 can affect the nerves; ask a GP or pharmacist about "
        "it. Consider booking a GP appointment.",
    ),
    "neuro_b12_unsaid": (
        "gp",
        "Nerve symptoms on a plant-based diet, B12 not logged",
        "You logged tingling, numbness or balance problems while on a vegan or plant-based diet, "
        "and the journal doesn't say whether you take a vitamin B12 supplement. Without one, low "
        "B12 can affect the nerves. If you don't take one, ask a GP or pharmacist about it; either "
        "way, log it on the diet change. Consider booking a GP appointment.",
    ),
    "foot_wound": (
        "gp",
        "A foot wound that is not healing",
        f"You logged a cut or ulcer on the foot over more than {span(WOUND_NOT_HEALING.days)}. "
        "A foot wound that is not "
        "healing should be checked. Consider booking a GP appointment.",
    ),
    "new_medicine": (
        "gp",
        "More cramps after starting a medicine",
        f"You logged cramps on {{after}} in the {span(MEDICINE_WINDOW_DAYS)} after starting {{name}}, "
        f"and on {{before}} in the {span(MEDICINE_WINDOW_DAYS)} before. Cramps come and go by chance "
        "too, but a change after a new medicine is worth mentioning: consider booking a GP "
        "appointment or asking your pharmacist. " + MEDICINE_NOTE,
    ),
    "ankle_swelling": (
        "gp",
        "Swelling of both ankles that keeps coming back",
        f"You logged swelling of both ankles on several days within {span(ANKLE_WINDOW_DAYS)}. Swelling that "
        "keeps coming back is worth checking. Consider booking a GP appointment.",
    ),
}
"""Every rule's tier, title and notice; `{...}` parts are filled from what was logged."""

RULES = tuple(TEXTS)
"""Stable rule IDs."""


@record
class RedFlag:
    """One fired rule: its tier, stable ID, short title, full notice and the entries behind it."""

    tier: str
    rule: str
    title: str
    text: str
    entry_ids: tuple[int, ...]

    def to_dict(self) -> dict[str, object]:
        """As every JSON document holds a flag (`insights --json`, `today --json`)."""
        return {
            "tier": self.tier,
            "rule": self.rule,
            "title": self.title,
            "text": self.text,
            "entry_ids": list(self.entry_ids),
        }


def _flag(rule: str, entries: Iterable[Entry], **fill: str) -> RedFlag:
    tier, title, text = TEXTS[rule]
    ids = tuple(sorted({e.id for e in entries if e.id is not None}))
    return RedFlag(tier, rule, title, text.format(**fill) if fill else text, ids)


DayOf = Callable[[Entry], dt.date]
"""The diary day an entry counts for, at the journal's boundary (`entry_day`)."""


def _day_of(boundary: dt.time) -> DayOf:
    return lambda e: entry_day(e, boundary)


def _near(
    entry: Entry, recent: list[Entry], before: dt.timedelta, after: dt.timedelta, test: Callable[[Entry], bool]
) -> list[Entry]:
    """Entries in `recent` within [at - before, at + after] that pass `test`, not `entry` itself."""
    lo, hi = entry.at - before, entry.at + after
    return [e for e in recent if lo <= e.at <= hi and not _same(e, entry) and test(e)]


def _same(a: Entry, b: Entry) -> bool:
    return a is b or (a.id is not None and a.id == b.id)


def _symptom(*names: str) -> Callable[[Entry], bool]:
    return lambda e: isinstance(e, Symptom) and e.symptom in names


def _is_cramp(e: Entry) -> bool:
    return isinstance(e, Cramp)


def _is_neuro(e: Entry) -> bool:
    return (isinstance(e, Symptom) and e.symptom in NEURO_SYMPTOMS) or (isinstance(e, Cramp) and e.tingling)


def _is_severe(e: Entry) -> bool:
    return (isinstance(e, Cramp) and (e.severity >= SEVERE_PAIN or e.persistent_pain)) or (
        isinstance(e, Symptom) and e.symptom in WEAKNESS_SYMPTOMS
    )


def _dvt_signs(e: Entry) -> list[str]:
    if isinstance(e, Symptom) and e.symptom in DVT_SYMPTOMS:
        return [e.symptom]
    if isinstance(e, Cramp):
        return (["swelling_one_leg"] if e.swelling == "one_leg" else []) + (
            ["calf_pain_persisting"] if e.persistent_pain else []
        )
    return []


def diet_at(day: dt.date, pool: list[Entry]) -> Diet | None:
    """The diet in effect on diary `day`: the latest change dated on or before it; before the
    first logged change, that first change (it describes how the person already ate)."""
    diets = sorted((e for e in pool if isinstance(e, Diet)), key=lambda d: (d.day, d.at, d.id or 0))
    if not diets:
        return None
    before = [d for d in diets if d.day <= day]
    return before[-1] if before else diets[0]


def _b12_rule(diet: Diet | None, day: dt.date, pool: list[Entry]) -> str:
    """The B12 rule a nerve symptom on `day` fires under `diet`: `neuro_no_b12` (a plant-based
    diet logged without B12), `neuro_b12_unsaid` (one whose B12 was never said: safety asks,
    it doesn't stay silent) or "" (another diet, B12 taken, or a B12 supplement logged as a
    medicine that day)."""
    if diet is None or diet.pattern not in UNSUPPLEMENTED_DIETS or diet.b12 is True:
        return ""
    if any(
        isinstance(m, Medicine) and m.med_class == "b12" and m.start <= day and (m.stop is None or day <= m.stop)
        for m in pool
    ):
        return ""
    return "neuro_no_b12" if diet.b12 is False else "neuro_b12_unsaid"


def _unsupplemented(diet: Diet | None) -> bool:
    return diet is not None and diet.pattern in UNSUPPLEMENTED_DIETS and diet.b12 is not True


def _unsupplemented_diet(entry: Entry, recent: list[Entry], day_of: DayOf) -> tuple[Diet | None, str]:
    day = day_of(entry)
    diet = diet_at(day, recent)
    rule = _b12_rule(diet, day, recent)
    return (diet, rule) if rule else (None, "")


def _same_diet(a: Diet | None, b: Diet) -> bool:
    return a is not None and (a is b or (a.id is not None and a.id == b.id) or a == b)


def _days(entries: Iterable[Entry], day_of: DayOf) -> set[dt.date]:
    return {day_of(e) for e in entries}


def _systemic(entry: Entry, recent: list[Entry], day_of: DayOf) -> list[RedFlag]:
    if isinstance(entry, Symptom) and entry.symptom in SYSTEMIC_SYMPTOMS:
        cramps = _near(entry, recent, SYSTEMIC_WINDOW, SYSTEMIC_WINDOW, _is_cramp)
        if cramps:
            return [_flag("systemic_signs", [entry, *cramps])]
        if entry.symptom in ALONE_SYMPTOMS:
            what = "a collapse" if entry.symptom == "collapse" else "sudden confusion"
            return [_flag("collapse_confusion", [entry], what=what)]
        return []
    if isinstance(entry, Cramp):
        signs = _near(entry, recent, SYSTEMIC_WINDOW, SYSTEMIC_WINDOW, _symptom(*SYSTEMIC_SYMPTOMS))
        return [_flag("systemic_signs", [entry, *signs])] if signs else []
    return []


def _dark_urine(entry: Entry, recent: list[Entry], day_of: DayOf) -> list[RedFlag]:
    if isinstance(entry, Symptom) and entry.symptom == "dark_urine":
        pain = _near(entry, recent, DARK_URINE_WINDOW, DARK_URINE_WINDOW, _is_severe)
        return [_flag("dark_urine", [entry, *pain])] if pain else []
    if _is_severe(entry):
        urine = _near(entry, recent, DARK_URINE_WINDOW, DARK_URINE_WINDOW, _symptom("dark_urine"))
        return [_flag("dark_urine", [entry, *urine])] if urine else []
    return []


def _dvt(entry: Entry, recent: list[Entry], day_of: DayOf) -> list[RedFlag]:
    signs = _dvt_signs(entry)
    if not signs:
        return []
    words = [_DVT_WORDS[s] for s in dict.fromkeys(signs)]
    if isinstance(entry, Cramp):
        words.append("a cramp")
    text = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " together with " + words[-1]
    return [_flag("possible_dvt", [entry], signs=text)]


def _wound(entry: Entry, recent: list[Entry], day_of: DayOf) -> list[RedFlag]:
    flags: list[RedFlag] = []
    if isinstance(entry, Cramp):
        wounds = _near(entry, recent, WOUND_WINDOW, dt.timedelta(0), _symptom("foot_wound"))
        if wounds:
            flags.append(_flag("wound_cramps", [entry, *wounds]))
    if isinstance(entry, Symptom) and entry.symptom == "foot_wound":
        cramps = _near(entry, recent, dt.timedelta(0), WOUND_WINDOW, _is_cramp)
        if cramps:
            flags.append(_flag("wound_cramps", [entry, *cramps]))
        wounds = _near(entry, recent, LOOKBACK, LOOKBACK, _symptom("foot_wound"))
        spread = [w for w in wounds if abs(w.at - entry.at) >= WOUND_NOT_HEALING]
        if spread:
            flags.append(_flag("foot_wound", [entry, *spread]))
    return flags


def _frequent(entry: Entry, recent: list[Entry], day_of: DayOf) -> list[RedFlag]:
    if not isinstance(entry, Cramp):
        return []
    window = dt.timedelta(days=FREQUENT_WINDOW_DAYS)
    cramps = [entry, *_near(entry, recent, window, dt.timedelta(0), _is_cramp)]
    days = _days(cramps, day_of)
    nights = _days((c for c in cramps if isinstance(c, Cramp) and c.context == "night"), day_of)
    if len(nights) >= SLEEP_CRAMP_NIGHTS:
        what = f"cramps at night on {len(nights)} nights in {span(FREQUENT_WINDOW_DAYS)}"
    elif len(days) >= FREQUENT_CRAMP_DAYS:
        what = f"cramps on {len(days)} days in {span(FREQUENT_WINDOW_DAYS)}"
    else:
        return []
    return [_flag("frequent_cramps", cramps, what=what)]


def _cramp_signs(entry: Entry, recent: list[Entry], day_of: DayOf) -> list[RedFlag]:
    """A cramp logged with numbness or swelling, or such a symptom within 24 h either side."""
    if isinstance(entry, Cramp):
        if entry.tingling or entry.swelling != "none":
            return [_flag("cramp_numbness_swelling", [entry])]
        signs = _near(entry, recent, WITH_CRAMP_WINDOW, WITH_CRAMP_WINDOW, _symptom(*NUMB_SWELL_SYMPTOMS))
        return [_flag("cramp_numbness_swelling", [entry, *signs])] if signs else []
    if isinstance(entry, Symptom) and entry.symptom in NUMB_SWELL_SYMPTOMS:
        cramps = _near(entry, recent, WITH_CRAMP_WINDOW, WITH_CRAMP_WINDOW, _is_cramp)
        return [_flag("cramp_numbness_swelling", [entry, *cramps])] if cramps else []
    return []


def _weakness(entry: Entry, recent: list[Entry], day_of: DayOf) -> list[RedFlag]:
    if isinstance(entry, Symptom) and entry.symptom in WEAKNESS_SYMPTOMS:
        return [_flag("weakness", [entry])]
    return []


def _neuro(entry: Entry, recent: list[Entry], day_of: DayOf) -> list[RedFlag]:
    if not _is_neuro(entry) and not isinstance(entry, Diet):
        return []
    window = dt.timedelta(days=NEURO_WINDOW_DAYS)
    flags: list[RedFlag] = []
    if _is_neuro(entry):
        neuro = [entry, *_near(entry, recent, window, dt.timedelta(0), _is_neuro)]
        diet, rule = _unsupplemented_diet(entry, recent, day_of)
        if len(_days(neuro, day_of)) >= NEURO_DAYS:
            flag = _flag("persistent_neuro", neuro)
            if diet is not None:
                flag = RedFlag(flag.tier, flag.rule, flag.title, f"{flag.text} {B12_NOTE}", flag.entry_ids)
            flags.append(flag)
        if diet is not None:
            flags.append(_flag(rule, [entry, diet]))
    elif isinstance(entry, Diet) and _unsupplemented(entry):
        # Symptoms this diet was in effect for, logged before or after it.
        pool = [entry, *recent]
        neuro = [
            e
            for e in recent
            if _is_neuro(e) and _same_diet(diet_at(day_of(e), pool), entry) and _b12_rule(entry, day_of(e), pool)
        ]
        if neuro:
            flags.append(_flag(_b12_rule(entry, day_of(neuro[0]), pool), [entry, *neuro]))
    return flags


def _new_medicine(entry: Entry, recent: list[Entry], day_of: DayOf) -> list[RedFlag]:
    """Cramps on a higher share of logged days in the two weeks after a medicine start than in
    the two weeks before (days after a stop are not days on it), with enough logged days on both
    sides: rates, never bare counts, since a side with fewer logged days holds fewer cramp days."""
    span = dt.timedelta(days=MEDICINE_WINDOW_DAYS)
    if isinstance(entry, Medicine):
        meds = [entry]
    elif logs_the_day(entry):
        day = day_of(entry)
        meds = list(
            {
                (m.id, m.name, m.start): m
                for m in recent
                if isinstance(m, Medicine) and m.start - span <= day < m.start + span
            }.values()
        )
    else:
        return []
    pool = [entry, *recent] if logs_the_day(entry) else list(recent)
    logged = _days((e for e in pool if logs_the_day(e)), day_of)
    cramp_days = _days((e for e in pool if isinstance(e, Cramp)), day_of)
    flags = []
    for med in meds:
        assert isinstance(med, Medicine)
        start = med.start
        end = start + span if med.stop is None else min(start + span, med.stop + dt.timedelta(days=1))
        after_logged = {d for d in logged if start <= d < end}
        before_logged = {d for d in logged if start - span <= d < start}
        after, before = after_logged & cramp_days, before_logged & cramp_days
        higher = len(after) * len(before_logged) > len(before) * len(after_logged)
        if enough_sides(len(before_logged), len(after_logged)) and len(after) >= MEDICINE_CRAMP_DAYS and higher:
            cramps = [e for e in pool if isinstance(e, Cramp) and day_of(e) in after]
            flags.append(
                _flag(
                    "new_medicine",
                    [med, *cramps],
                    name=med.name,
                    after=_of_days(len(after), len(after_logged)),
                    before=_of_days(len(before), len(before_logged)),
                )
            )
    return flags


def _of_days(n: int, logged: int) -> str:
    return f"{n} of {logged} logged days"


def _ankles(entry: Entry, recent: list[Entry], day_of: DayOf) -> list[RedFlag]:
    def both(e: Entry) -> bool:
        return (isinstance(e, Symptom) and e.symptom == "swelling_both_ankles") or (
            isinstance(e, Cramp) and e.swelling == "both"
        )

    if not both(entry):
        return []
    found = [entry, *_near(entry, recent, dt.timedelta(days=ANKLE_WINDOW_DAYS), dt.timedelta(0), both)]
    return [_flag("ankle_swelling", found)] if len(_days(found, day_of)) >= ANKLE_DAYS else []


def _pe(entry: Entry, recent: list[Entry], day_of: DayOf) -> list[RedFlag]:
    return [_flag("pe_signs", [entry])] if _symptom(*PE_SYMPTOMS)(entry) else []


def _long(entry: Entry, recent: list[Entry], day_of: DayOf) -> list[RedFlag]:
    if isinstance(entry, Cramp) and entry.duration_s is not None and entry.duration_s > LONG_CRAMP_S:
        return [_flag("long_cramp", [entry])]
    return []


_CHECKS = (
    _pe,
    _systemic,
    _dark_urine,
    _dvt,
    _long,
    _wound,
    _frequent,
    _cramp_signs,
    _weakness,
    _neuro,
    _new_medicine,
    _ankles,
)


def order_flags(flags: Iterable[RedFlag]) -> list[RedFlag]:
    """The one red-flag ordering: by tier (most serious first), then by rule as listed in TEXTS."""
    return sorted(flags, key=lambda f: (TIERS.index(f.tier), RULES.index(f.rule)))


_order = order_flags


class Diary(Protocol):
    """The journal as the red flags read it (a storage repository): its entries, and the day
    boundary it was opened with, so the rules count the days everything else counts."""

    @property
    def day_boundary(self) -> dt.time: ...

    def entries(self, kinds: Sequence[str] | None = None, since: dt.datetime | None = None) -> Sequence[Entry]:
        """Entries of `kinds` (None: all) at or after `since`."""
        ...


def save_since(entry: Entry, now: dt.datetime) -> dt.datetime:
    """How far back `check_saved` must load entries of every kind for `entry`.

    The entry's own look-back; for a diet change also the window of symptoms it could still
    flag (a diet logged after the symptoms it was in effect for).
    """
    since = entry.at - LOOKBACK
    if isinstance(entry, Diet):
        since = min(since, now - max(ACTIVE_FOR.values()) - LOOKBACK)
    return since


def journal_since(now: dt.datetime) -> dt.datetime:
    """How far back `check_active` loads entries of every kind (context kinds: all of them)."""
    return now - max(ACTIVE_FOR.values()) - LOOKBACK


def _with_context(pool: Iterable[Entry], context: Iterable[Entry]) -> list[Entry]:
    seen: set[object] = set()
    out: list[Entry] = []
    for e in (*pool, *context):
        key: object = (e.kind, e.id) if e.id is not None else id(e)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def check_entry(
    entry: Entry, recent: Sequence[Entry], now: dt.datetime, context: Iterable[Entry] = (), *, boundary: dt.time
) -> list[RedFlag]:
    """Flags the just-saved `entry` fires, most serious first, one per rule.

    Args:
        entry: the entry just saved (or edited).
        recent: entries since `save_since(entry, now)`; may include `entry` itself.
        now: the current instant (no rule is silenced by the age of an entry just saved).
        context: every diet, medicine and injury entry (`CONTEXT_KINDS`), however old.
        boundary: the journal's day boundary (`journal.day_boundary`), where its diary days begin.
    """
    pool = _with_context(recent, context)
    day_of = _day_of(boundary)
    found: dict[str, RedFlag] = {}
    for check in _CHECKS:
        for flag in check(entry, pool, day_of):
            found.setdefault(flag.rule, flag)
    return _order(found.values())


def check_saved(entry: Entry, diary: Diary, now: dt.datetime) -> list[RedFlag]:
    """`check_entry` with what it needs loaded from `diary`, at its day boundary."""
    recent = diary.entries(list(WINDOW_KINDS), save_since(entry, now))
    context = diary.entries(list(CONTEXT_KINDS), None)
    return check_entry(entry, list(recent), now, context, boundary=diary.day_boundary)


def check_active(diary: Diary, now: dt.datetime) -> list[RedFlag]:
    """`check_journal` with what it needs loaded from `diary`, at its day boundary."""
    recent = diary.entries(list(WINDOW_KINDS), journal_since(now))
    context = diary.entries(list(CONTEXT_KINDS), None)
    return check_journal(list(recent), now, context, boundary=diary.day_boundary)


def check_journal(
    entries: Sequence[Entry], now: dt.datetime, context: Iterable[Entry] = (), *, boundary: dt.time
) -> list[RedFlag]:
    """Flags active now over the whole journal, most serious first, de-duplicated by rule.

    A flag is active while its newest triggering entry is no older than `ACTIVE_FOR[tier]`.
    `entries` must reach back to `journal_since(now)`; `context` holds every diet, medicine and
    injury however old (entries older than the look-back are used as context too).
    """
    return _merged(entries, now - max(ACTIVE_FOR.values()), now, context, active_at=now, boundary=boundary)


def raised_between(
    entries: Sequence[Entry],
    since: dt.datetime,
    until: dt.datetime,
    context: Iterable[Entry] = (),
    *,
    boundary: dt.time,
) -> list[RedFlag]:
    """Flags that entries from `since` up to `until` raised, still active at `until` or not, most
    serious first, merged by rule: what a report over a period lists. `entries` must reach
    `LOOKBACK` before `since`; `context` as for `check_journal`."""
    return _merged([e for e in entries if e.at < until], since, until, context, active_at=None, boundary=boundary)


def _merged(
    entries: Sequence[Entry],
    oldest: dt.datetime,
    now: dt.datetime,
    context: Iterable[Entry],
    active_at: dt.datetime | None,
    boundary: dt.time,
) -> list[RedFlag]:
    import bisect  # a report's and the journal's checks: not a saved entry's, on every quick log

    ordered = sorted(entries, key=lambda e: e.at)
    times = [e.at for e in ordered]
    start = bisect.bisect_left(times, oldest - LOOKBACK)
    pool, times = ordered[start:], times[start:]
    context = _with_context([e for e in ordered if e.kind in CONTEXT_KINDS], context)
    merged: dict[str, RedFlag] = {}
    newest: dict[str, dt.datetime] = {}
    for entry in pool:
        if entry.at < oldest:
            continue
        lo = bisect.bisect_left(times, entry.at - LOOKBACK)
        hi = bisect.bisect_right(times, entry.at + LOOKBACK)
        for flag in check_entry(entry, pool[lo:hi], now, context, boundary=boundary):
            if active_at is not None and active_at - entry.at > ACTIVE_FOR[flag.tier]:
                continue
            old = merged.get(flag.rule)
            if old is None:
                merged[flag.rule] = flag
            else:
                ids = tuple(sorted(set(old.entry_ids) | set(flag.entry_ids)))
                text = flag.text if entry.at >= newest[flag.rule] else old.text
                merged[flag.rule] = RedFlag(flag.tier, flag.rule, flag.title, text, ids)
            newest[flag.rule] = max(entry.at, newest.get(flag.rule, entry.at))
    return _order(merged.values())


def format_notice(flag: RedFlag, width: int = 78) -> str:
    """Plain lines for a terminal, starting with the tier in capitals."""
    head = f"{TIER_LABELS[flag.tier]}: {flag.title}."
    import textwrap

    body = textwrap.fill(flag.text, width=width, initial_indent="  ", subsequent_indent="  ")
    return f"{head}\n{body}"
