"""Provides the closed vocabularies of the journal (muscles, sides, contexts, ...).

Each vocabulary is a tuple of stored values; `choose()` accepts the value, a unique prefix or a
common alias, so `cramplog cramp arch` and `--context run` work while typos are refused with the
list of valid words. CHECK constraints in storage are generated from these same tuples.
"""

from __future__ import annotations

from ..errors import InvalidInput

MUSCLES = ("foot_arch", "toes", "calf", "shin", "hamstring", "quadriceps", "other")
SIDES = ("left", "right", "both")
CONTEXTS = ("stretching", "running", "other_exercise", "night", "rest", "other")
SWELLING = ("none", "one_leg", "both")
DRINK_KINDS = ("water", "electrolyte", "coffee_tea", "alcohol", "other")
STRETCH_MUSCLES = ("calf", "hamstring", "foot", "quadriceps", "hip", "back", "other")
STRETCH_STYLES = ("static", "dynamic", "yoga", "pilates")
WORKOUT_KINDS = ("run", "intervals", "jump_rope", "aerobics", "other")
SURFACES = ("road", "trail", "track", "treadmill", "grass", "other")
DIET_PATTERNS = ("plant_based", "vegan", "vegetarian", "pescatarian", "omnivore", "low_carb", "other")
MED_CLASSES = (
    "diuretic_thiazide",
    "diuretic_loop",
    "diuretic_k_sparing",
    "statin",
    "laba_inhaler",
    "ppi",
    "magnesium",
    "potassium",
    "b12",
    "other",
)
INJURY_SITES = ("foot", "ankle", "calf", "shin", "knee", "thigh", "hip", "back", "other")
SYMPTOMS = (
    "tingling",  # tingling, numbness, burning, pins and needles
    "swelling_one_leg",
    "swelling_both_ankles",
    "warm_red_calf",
    "hard_sore_veins",
    "calf_pain_persisting",
    "weakness",
    "muscle_wasting",
    "balance_loss",
    "foot_wound",
    "breathlessness",
    "chest_pain",
    "coughing_blood",
    "confusion",
    "vomiting",
    "severe_headache",
    "collapse",
    "dark_urine",
)

ALIASES: dict[str, str] = {
    # muscles
    "arch": "foot_arch",
    "foot": "foot_arch",
    "toe": "toes",
    "quad": "quadriceps",
    "quads": "quadriceps",
    "hamstrings": "hamstring",
    "calves": "calf",
    # contexts
    "stretch": "stretching",
    "run": "running",
    "exercise": "other_exercise",
    "sleep": "night",
    "nocturnal": "night",
    # drinks
    "coffee": "coffee_tea",
    "tea": "coffee_tea",
    "electrolytes": "electrolyte",
    "beer": "alcohol",
    "wine": "alcohol",
    # medicine classes
    "thiazide": "diuretic_thiazide",
    "loop_diuretic": "diuretic_loop",
    "k_sparing": "diuretic_k_sparing",
    "laba": "laba_inhaler",
    "mg": "magnesium",
    "vitamin_b12": "b12",
    # symptoms
    "numbness": "tingling",
    "burning": "tingling",
    "pins_and_needles": "tingling",
    # diet
    "plant": "plant_based",
    "plantbased": "plant_based",
    # swelling
    "one": "one_leg",
    "no": "none",
    # sides
    "l": "left",
    "r": "right",
    "b": "both",
}


def choose(value: str, allowed: tuple[str, ...], what: str, field: str | None = None) -> str:
    """Return the vocabulary word meant by `value`, or raise `InvalidInput` naming the choices."""
    key = value.strip().lower().replace("-", "_").replace(" ", "_").replace("/", "_")
    if key in allowed:
        return key
    alias = ALIASES.get(key)
    if alias in allowed:
        return alias
    matches = [word for word in allowed if word.startswith(key)] if key else []
    if len(matches) == 1:
        return matches[0]
    raise InvalidInput(f"unknown {what} {value!r} (choose from {', '.join(allowed)})", field or what)


KIND_WORDS: dict[str, str] = {"med": "medicine", "checkin": "check-in"}
"""Entry kinds people call by another word than the stored name (`kind_word`, `kind_of_word`)."""


def kind_word(kind: str) -> str:
    """What people call an entry kind: `med` -> `medicine`, `checkin` -> `check-in`."""
    return KIND_WORDS.get(kind, kind)


def kind_of_word(word: str) -> str:
    """The stored kind for the word people use (`medicine` -> `med`); any other word unchanged."""
    return next((kind for kind, said in KIND_WORDS.items() if said == word), word)


LABELS: dict[str, str] = {"coffee_tea": "coffee/tea"}
"""Human forms that are not just the word with spaces (`choose` reads them back)."""


def label(word: str) -> str:
    """Human form of a stored vocabulary word: `foot_arch` -> `foot arch`, `coffee_tea` -> `coffee/tea`."""
    return LABELS.get(word) or word.replace("_", " ")
