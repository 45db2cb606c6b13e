"""Provides the user-facing texts shared by several screens (the wording of docs/analysis.md §5)."""

DISCLAIMER = (
    "cramplog helps you notice patterns in your own logs. It can't diagnose conditions and isn't "
    "a substitute for a doctor, physiotherapist or pharmacist. It cannot detect blood clots, nerve "
    "problems or mineral deficiencies. If something feels seriously wrong, contact a health "
    "professional — in an emergency, call your local emergency number."
)
"""The onboarding/footer disclaimer (docs/analysis.md §5), shown on first run and in Help."""
