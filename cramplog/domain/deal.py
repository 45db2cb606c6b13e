"""Provides the deal of an experiment's nights: balanced blocks from a seed (standard library only).

Its own module so the shell prompt reads tonight's arm with `random` alone (no dataclasses).
"""

from __future__ import annotations

BLOCK = 4
"""Nights per block: two with the behaviour and two without, in a random order."""
WORDS = {"bedtime_stretch": ("stretch", "no stretch")}
"""Tonight's word with the behaviour and without it, per behaviour (`domain.experiment.BEHAVIOURS`)."""


def tonight_of(behaviour: str, start: str, nights: int, seed: int, day: str) -> str:
    """Tonight's word for diary day `day` (ISO) of a plan from `start` (ISO), or '' outside it."""
    import datetime as dt

    n = (dt.date.fromisoformat(day) - dt.date.fromisoformat(start)).days
    if not 0 <= n < nights or behaviour not in WORDS:
        return ""
    doing, not_doing = WORDS[behaviour]
    return doing if arms_of(seed, nights)[n] else not_doing


def arms_of(seed: int, nights: int, block: int = BLOCK) -> list[bool]:
    """Balanced blocks: each block of `block` nights holds both arms equally, in a random order.

    `random` is imported here: the repository imports this module on every quick log, which
    deals no nights (0.7 ms, `bench/quicklog`)."""
    import random

    rng = random.Random(seed)
    out: list[bool] = []
    for _ in range(nights // block):
        chunk = [True] * (block // 2) + [False] * (block // 2)
        rng.shuffle(chunk)
        out += chunk
    return out
