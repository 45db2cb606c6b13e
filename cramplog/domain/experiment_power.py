"""Provides the power of a planned experiment, from `bench/experiment` (generated; do not edit).

How often a randomisation test at the 5% level finds a true halving of cramp nights, by planned
weeks and cramp nights a month, with 90% of nights following the plan and 90%
of cramp-free nights logged (400 simulated experiments each, 2026-12-07). The plan says it
before it starts: "with about 8 cramp nights a month, 6 weeks finds a halving 6 times in 10".
"""

POWER: dict[tuple[int, int], float] = {
    (2, 2): 0.00,
    (2, 4): 0.01,
    (2, 8): 0.01,
    (2, 12): 0.04,
    (2, 20): 0.10,
    (4, 2): 0.01,
    (4, 4): 0.02,
    (4, 8): 0.07,
    (4, 12): 0.10,
    (4, 20): 0.21,
    (6, 2): 0.02,
    (6, 4): 0.04,
    (6, 8): 0.12,
    (6, 12): 0.15,
    (6, 20): 0.32,
    (8, 2): 0.03,
    (8, 4): 0.06,
    (8, 8): 0.11,
    (8, 12): 0.21,
    (8, 20): 0.47,
    (12, 2): 0.07,
    (12, 4): 0.07,
    (12, 8): 0.21,
    (12, 12): 0.32,
    (12, 20): 0.64,
    (18, 2): 0.07,
    (18, 4): 0.15,
    (18, 8): 0.35,
    (18, 12): 0.46,
    (18, 20): 0.84,
    (26, 2): 0.11,
    (26, 4): 0.24,
    (26, 8): 0.46,
    (26, 12): 0.62,
    (26, 20): 0.96,
}
"""(weeks, cramp nights a month) -> the share of experiments that find a halving."""
