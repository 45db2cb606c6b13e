"""Provides the deal of an experiment's nights: balanced blocks from a seed (standard library only).

Its own module so the shell prompt reads tonight's arm with `random` alone (no dataclasses).
"""

from __future__ import annotations

import random

BLOCK = 4
"""Nights per block: two with the behaviour and two without, in a random order."""


def arms_of(seed: int, nights: int, block: int = BLOCK) -> list[bool]:
    """Balanced blocks: each block of `block` nights holds both arms equally, in a random order."""
    rng = random.Random(seed)
    out: list[bool] = []
    for _ in range(nights // block):
        chunk = [True] * (block // 2) + [False] * (block // 2)
        rng.shuffle(chunk)
        out += chunk
    return out
