"""Golden-text and property tests of the pure chart renderer (hand-made series, fixed sizes)."""

from __future__ import annotations

import re

import pytest

from cramplog.analysis.chart_render import CURSOR, GAP, draw, render_chart
from cramplog.analysis.trends import ChartData, Series

WEEKS = ["2 Feb", "9 Feb", "16 Feb", "23 Feb", "2 Mar", "9 Mar", "16 Mar", "23 Mar"]
ANSI = re.compile(r"\x1b\[")


def cramps() -> ChartData:
    return ChartData(
        "cramps",
        "Cramps per week, by context",
        WEEKS,
        [
            Series("stretching", [1, None, 0, 2, 1, 0, 3, 1]),
            Series("night", [0, None, 0, 1, 2, 0, 1, 0]),
            Series("rest", [1, None, 0, 0, 0, 0, 0, 1]),
        ],
        stacked=True,
        whole=True,
        notes=["5", "", "", "6", "4", "", "7", "3"],
        note_label="numbers: mean severity 1-10",
    )


def beverages() -> ChartData:
    return ChartData(
        "beverages",
        "Beverages per day (L), weekly mean",
        WEEKS,
        [Series("beverages", [1.2, None, 1.9, 1.5, 0.8, 2.0, 1.1, 1.4])],
        reference=1.8,
        reference_label="target 1.8 L",
    )


def stretching() -> ChartData:
    return ChartData(
        "stretching", "Stretching per week (min)", WEEKS, [Series("stretching", [30, None, 0, 45, 60, 15, None, 20])]
    )


def running() -> ChartData:
    return ChartData(
        "running",
        "Run distance per week (km)",
        WEEKS,
        [Series("distance", [10, None, 0, 22, 15, 40, 12, 8])],
        marked=[False, False, False, False, False, True, False, False],
        mark_label="load spike (acute:chronic > 1.5)",
    )


def minerals() -> ChartData:
    return ChartData(
        "minerals",
        "Magnesium and potassium, % of reference per day",
        WEEKS,
        [
            Series("magnesium", [80, None, 95, 110, 70, 60, 88, 90]),
            Series("potassium", [60, None, 75, 90, None, 40, 70, 85]),
        ],
        reference=100.0,
        reference_label="reference",
    )


def shoes() -> ChartData:
    return ChartData(
        "shoes",
        "Distance on each shoe (km) against its life",
        ["Pegasus 40", "Clifton 9"],
        [Series("distance", [700.0, 120.0])],
        limits=[640.0, 800.0],
        limit_label="shoe life",
        horizontal=True,
    )


CHARTS = {f.__name__: f for f in (cramps, beverages, stretching, running, minerals, shoes)}


@pytest.mark.parametrize("name", list(CHARTS))
def test_chart_matches_golden_text(name, golden):
    """Each chart at 72x18, colourless, reads as reviewed (title, ticks, markers, caption)."""
    golden(f"chart_{name}_72x18", render_chart(CHARTS[name](), 72, 18))


@pytest.mark.parametrize("name", list(CHARTS))
@pytest.mark.parametrize("size", [(24, 8), (72, 18), (131, 41)])
def test_chart_has_exactly_the_size_it_was_given(name, size):
    width, height = size
    lines = render_chart(CHARTS[name](), width, height).split("\n")
    assert len(lines) == height
    assert {len(line) for line in lines} == {width}


def test_gap_week_is_marked_and_differs_from_a_zero_week():
    lines = render_chart(stretching(), 72, 18).split("\n")
    above_axis = lines[next(i for i, line in enumerate(lines) if "└" in line) - 1]
    assert above_axis.count(GAP) == 2  # the two None weeks, not the zero week
    assert f"{GAP} nothing logged" in "\n".join(lines)


def bar_runs(line: str) -> list[tuple[int, int]]:
    """(start, width) of each run of bar cells in one line of a chart."""
    return [(m.start(), len(m.group())) for m in re.finditer(r"[█▓▒░≡∙▁▂▃▄▅▆▇]+", line)]


@pytest.mark.parametrize("weeks", [4, 12, 26, 13])
def test_every_week_gets_the_same_width_and_a_gap_at_80_columns(weeks):
    """Each week has one fixed slot: bars of equal width, one blank column at least between them."""
    labels = [f"{d} Jan" for d in range(1, weeks + 1)]
    chart = ChartData("stretching", "Stretching", labels, [Series("s", [30.0] * weeks)])
    lines = render_chart(chart, 80, 20).split("\n")
    runs = bar_runs(lines[next(i for i, line in enumerate(lines) if "└" in line) - 1])
    assert len(runs) == weeks
    assert len({w for _, w in runs}) == 1
    starts = [x for x, _ in runs]
    assert len({b - a for a, b in zip(starts, starts[1:])}) == 1  # equal spacing
    assert all(b > a + w for (a, w), (b, _) in zip(runs, runs[1:]))  # a gap between neighbours


def test_the_cursor_is_marked_under_its_week_and_its_label_shown():
    text = render_chart(stretching(), 72, 18, cursor=2)
    lines = text.split("\n")
    axis = next(i for i, line in enumerate(lines) if "└" in line)
    marker = lines[axis].index(CURSOR)
    assert lines[axis].count(CURSOR) == 1
    assert lines[axis + 1][marker - 3 : marker + 4].strip() == "16 Feb"
    drawing = draw(stretching(), 72, 18, cursor=2)
    first, last = drawing.cursor
    assert first <= marker <= last
    assert CURSOR not in render_chart(stretching(), 72, 18)


def test_too_many_weeks_for_the_width_show_the_newest_and_follow_the_cursor():
    labels = [f"w{i}" for i in range(60)]
    chart = ChartData("stretching", "Stretching", labels, [Series("s", [float(i % 7 + 1) for i in range(60)])])
    newest = draw(chart, 60, 16)
    assert newest.shown < 60 and f"{newest.shown} of 60" in newest.lines[0]
    assert "w59" in newest.lines[-1] and "w0 " not in newest.lines[-1]
    scrolled = draw(chart, 60, 16, cursor=0)
    assert scrolled.cursor is not None and "w0 " in scrolled.lines[-1] + " "


def test_a_shoe_past_its_life_shows_the_line_and_the_worn_part():
    lines = render_chart(shoes(), 72, 18).split("\n")
    worn = next(line for line in lines if "Pegasus" in line)
    fresh = next(line for line in lines if "Clifton" in line)
    assert "█│▒" in worn and "700 of 640" in worn  # solid to its life, the line, shaded past it
    assert "│" in fresh.split("┤", 1)[1] and "▒" not in fresh  # its line ahead of the bar
    assert fresh.split("┤", 1)[1].index("│") > worn.split("┤", 1)[1].index("│")  # 800 km > 640 km


def test_spike_weeks_use_their_own_bar_and_are_explained():
    text = render_chart(running(), 72, 18)
    assert "▒" in text and "load spike" in text
    calm = render_chart(ChartData("running", "Run", WEEKS, [Series("d", [10.0] * 8)]), 72, 18)
    assert "▒" not in calm and "load spike" not in calm


def test_colourless_text_has_no_escape_codes_and_colour_does():
    assert not ANSI.search(render_chart(cramps(), 72, 18, color=False))
    coloured = render_chart(cramps(), 72, 18, color=True)
    assert ANSI.search(coloured)
    assert "\x1b[48" not in coloured  # bars coloured, terminal background left alone


@pytest.mark.parametrize(
    "size, why",
    [
        ((23, 18), "too narrow (it needs 24 columns, here 23)"),
        ((72, 7), "too low (it needs 8 rows, here 7)"),
        ((0, 0), ""),
    ],
)
def test_below_the_minimum_size_says_why_and_what_it_needs(size, why):
    text = render_chart(cramps(), *size)
    assert "┤" not in text
    assert why in " ".join(text.split())
    assert all(len(line) <= size[0] for line in text.split("\n")) and len(text.split("\n")) <= max(size[1], 1)


def test_an_all_gap_chart_says_so_instead_of_drawing_zeros():
    empty = ChartData("stretching", "Stretching per week (min)", WEEKS, [Series("s", [None] * 8)])
    text = render_chart(empty, 60, 12)
    assert "nothing logged in this range" in text
    assert "█" not in text


def test_many_weeks_keep_tick_labels_apart():
    labels = [f"{d} Jan" for d in range(1, 53)]
    chart = ChartData("stretching", "Stretching", labels, [Series("s", [float(i % 5) for i in range(52)])])
    lines = render_chart(chart, 80, 20).split("\n")
    axis = lines[next(i for i, line in enumerate(lines) if "└" in line) + 1]
    shown = re.findall(r"\d+ Jan", axis)
    assert 4 <= len(shown) < 52
    assert axis.count("Jan") == len(shown)  # no label overwritten by its neighbour
    assert re.search(r"Jan\d", axis) is None  # labels never touch
    assert shown[-1] == "52 Jan"  # the current (last) week is always labelled


def test_a_legend_too_wide_for_a_line_breaks_between_series_each_glyph_with_its_name():
    from cramplog.analysis.chart_render import STACK_MARKERS

    labels = ["stretching", "running", "other exercise", "night", "rest", "other"]  # the six contexts
    chart = ChartData(
        "cramps",
        "Cramps per week, by context",
        WEEKS,
        [Series(label, [1, 0, 0, 1, 0, 2, 0, 1]) for label in labels],
        stacked=True,
        whole=True,
    )
    lines = draw(chart, 46, 20).lines
    for i, label in enumerate(labels):
        assert any(f"{STACK_MARKERS[i]} {label}" in line for line in lines), (label, lines)
    wide = draw(chart, 100, 20).lines  # one line where it fits, as before
    assert any(all(label in line for label in labels) for line in wide)


def test_a_title_too_long_for_the_width_keeps_its_first_clause_whole():
    """On a phone's 48 columns the drinks chart read "Drinks per day (L), weekly mean: all
    beverages a": a title now drops what the legend says too, then is cut with `…` at worst."""
    from cramplog.analysis.chart_render import fit_title

    drinks = "Drinks per day (L), weekly mean: all beverages and water"
    assert fit_title(drinks, 80) == drinks
    assert fit_title(drinks, 46) == "Drinks per day (L), weekly mean"
    assert fit_title(drinks, 20) == "Drinks per day (L),…"
    minerals = "Magnesium and potassium a day, % of reference (weekly mean)"
    assert fit_title(minerals, 46) == "Magnesium and potassium a day, % of reference…"  # its unit kept
