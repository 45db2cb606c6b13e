"""Provides the user-facing texts shared by several screens (science.md §3.4 wording)."""

DISCLAIMER = (
    "cramplog helps you notice patterns in your own logs. It can't diagnose conditions and isn't "
    "a substitute for a doctor, physiotherapist or pharmacist. It cannot detect blood clots, nerve "
    "problems or mineral deficiencies. If something feels seriously wrong, contact a health "
    "professional — in an emergency, call your local emergency number."
)
"""The onboarding/footer disclaimer (science.md §3.4), shown on first run and in Help."""
