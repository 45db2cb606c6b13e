"""Provides the built-in table of magnesium- and potassium-rich foods, per typical serving.

Figures are rounded from the NIH Office of Dietary Supplements fact sheets (magnesium, table 2;
potassium, table 2), which draw on USDA FoodData Central. They are estimates for a diary, not
lab values: a serving you eat may differ. Each row names its source.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import InvalidInput
from .record import record

if TYPE_CHECKING:
    from .entries import Food

ODS_MG = "NIH ODS Magnesium fact sheet, table 2 (USDA FoodData Central)"
ODS_K = "NIH ODS Potassium fact sheet, table 2 (USDA FoodData Central)"
ODS_BOTH = "NIH ODS Magnesium and Potassium fact sheets (USDA FoodData Central)"


@record
class FoodItem:
    key: str
    serving: str
    magnesium_mg: float
    potassium_mg: float
    source: str


FOODS: dict[str, FoodItem] = {
    item.key: item
    for item in (
        FoodItem("pumpkin_seeds", "1 oz (28 g), roasted", 156, 223, ODS_BOTH),
        FoodItem("chia_seeds", "1 oz (28 g)", 111, 115, ODS_BOTH),
        FoodItem("almonds", "1 oz (28 g), dry roasted", 80, 208, ODS_BOTH),
        FoodItem("spinach", "1/2 cup, boiled", 78, 420, ODS_BOTH),
        FoodItem("cashews", "1 oz (28 g), dry roasted", 74, 187, ODS_BOTH),
        FoodItem("peanuts", "1/4 cup, oil roasted", 63, 261, ODS_BOTH),
        FoodItem("soymilk", "1 cup", 61, 287, ODS_BOTH),
        FoodItem("black_beans", "1/2 cup, cooked", 60, 305, ODS_BOTH),
        FoodItem("edamame", "1/2 cup, cooked", 50, 338, ODS_BOTH),
        FoodItem("peanut_butter", "2 tablespoons", 49, 208, ODS_BOTH),
        FoodItem("potato", "1 medium, baked with skin", 48, 610, ODS_BOTH),
        FoodItem("brown_rice", "1/2 cup, cooked", 42, 77, ODS_BOTH),
        FoodItem("yogurt", "8 oz (227 g), plain low fat", 42, 531, ODS_BOTH),
        FoodItem("oatmeal", "1 packet, instant", 36, 100, ODS_MG),
        FoodItem("kidney_beans", "1/2 cup, canned", 35, 304, ODS_BOTH),
        FoodItem("banana", "1 medium", 32, 422, ODS_BOTH),
        FoodItem("salmon", "3 oz (85 g), cooked", 26, 326, ODS_BOTH),
        FoodItem("milk", "1 cup", 24, 366, ODS_BOTH),
        FoodItem("avocado", "1/2 cup, cubed", 22, 364, ODS_BOTH),
        FoodItem("wholemeal_bread", "1 slice", 23, 69, ODS_MG),
        FoodItem("lentils", "1 cup, boiled", 71, 731, ODS_BOTH),
        FoodItem("dried_apricots", "1/2 cup", 21, 755, ODS_K),
        FoodItem("prunes", "1/2 cup", 36, 635, ODS_K),
        FoodItem("raisins", "1/2 cup", 23, 618, ODS_K),
        FoodItem("orange_juice", "1 cup", 27, 496, ODS_K),
        FoodItem("acorn_squash", "1 cup, cubed, baked", 88, 644, ODS_K),
        FoodItem("tomato", "1 medium, raw", 14, 292, ODS_K),
        FoodItem("dark_chocolate", "1 oz (28 g), 70-85% cocoa", 65, 203, ODS_MG),
        FoodItem("tofu", "1/2 cup, firm", 73, 299, ODS_MG),
        FoodItem("quinoa", "1 cup, cooked", 118, 318, ODS_MG),
    )
}


def lookup(name: str) -> FoodItem:
    """The food meant by `name` (key, unique prefix, spaces allowed) or `InvalidInput`."""
    key = name.strip().lower().replace(" ", "_").replace("-", "_")
    if key in FOODS:
        return FOODS[key]
    singular = key.removesuffix("es") if key.removesuffix("es") in FOODS else key.removesuffix("s")
    if singular in FOODS:
        return FOODS[singular]
    matches = [k for k in FOODS if k.startswith(key)] if key else []
    if len(matches) == 1:
        return FOODS[matches[0]]
    raise InvalidInput(
        f"unknown food {name!r}; use --text for free text, or one of: {', '.join(sorted(FOODS))}",
        "food",
    )


def minerals(key: str, servings: float, before: Food | None = None) -> dict[str, float | None]:
    """Magnesium and potassium for `servings` of table food `key` ({} for free text), in bounds.

    The one place a food entry's minerals are worked out, for the command line and the app, new
    or edited. An edit (`before`, the entry as stored) keeps what the entry says of itself:
    - the same food and servings: the stored figures, untouched, whatever their source (an
      import, a label), never the table's;
    - the same food, other servings: the stored figures scaled by the new servings over the
      old (an imported food keeps its own figures per serving);
    - another food: the table's figures for it, or unknown (None) for free text: nothing is
      known of it, and an unknown is never 0 mg (docs/analysis.md).
    """
    if before is not None and key == before.food:
        stored = {"magnesium_mg": before.magnesium_mg, "potassium_mg": before.potassium_mg}
        if servings == before.servings:
            return stored
        return _bounded(
            {
                name: None if value is None else round(value * servings / before.servings, 1)
                for name, value in stored.items()
            },
            key or before.text,
            servings,
        )
    item = FOODS.get(key)
    if item is None:
        return {} if before is None else {"magnesium_mg": None, "potassium_mg": None}
    return _bounded(
        {
            "magnesium_mg": round(item.magnesium_mg * servings, 1),
            "potassium_mg": round(item.potassium_mg * servings, 1),
        },
        key,
        servings,
    )


def _bounded(values: dict[str, float | None], food: str, servings: float) -> dict[str, float | None]:
    from .fields import FIELDS

    for name, value in values.items():
        declared = FIELDS["food"][name]
        if value is not None and not declared.bounds.contains(value):
            raise InvalidInput(
                f"{servings:g} servings of {food.replace('_', ' ')} come to {value:g} mg "
                f"{declared.label}, more than the {declared.bounds.high:g} mg one food entry "
                "holds; log fewer servings",
                "servings",
            )
    return values
