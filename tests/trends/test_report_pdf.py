"""The clinician report's PDF writer (our own, standard library only) read back by two readers
that are not ours: pypdf (strict) and poppler's `pdfinfo` and `pdftotext`.

The documents: a year of the docs-based diary (`tests/support/null_diaries`), an empty month,
and ten weeks with every red-flag symptom, 24 medicines and six diet changes (page one must
shrink to stay one page; the tables run over several Letter pages). The properties held here
are the ones the ReportLab writer had on the same documents (compared when it was replaced):
every section in the document's order, every table row's text, page one the whole summary,
headings repeated and never last on a page, "page N of M" on each.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from cramplog.analysis.faces import WinAnsi
from cramplog.analysis.helvetica import BOLD, REGULAR, encode
from cramplog.analysis.helvetica import width as text_width
from cramplog.analysis.report import ReportDocument, build_report
from cramplog.analysis.report_format import write
from cramplog.analysis.report_pdf import BODY, wrap
from cramplog.domain import entries as E
from cramplog.domain.clock import FixedClock
from cramplog.domain.settings import Settings
from cramplog.domain.vocab import MED_CLASSES, SYMPTOMS
from cramplog.storage.repository import JournalRepository
from tests.support.null_diaries import Plan, diary

POPPLER = shutil.which("pdfinfo") and shutil.which("pdftotext")
ODD = "Grüße — “quoted” €5 naïve, Łódź ☃"
"""A note with WinAnsi's own characters and three outside it: the document embeds DejaVu Sans."""


def _year(path) -> ReportDocument:
    plan = Plan(days=365, seed=3, planted="low_fluid", odds_ratio=4.0)
    d = diary(plan)
    first, last = plan.start, plan.start + dt.timedelta(days=plan.days - 1)
    repo = JournalRepository.open(path)
    repo.add_many(
        d.entries
        + [E.Medicine(name="Amlodipine", start=first + dt.timedelta(days=150), dose="5 mg", tz=d.tz, med_class="other")]
    )
    clock = FixedClock(d.tz, dt.datetime.combine(last + dt.timedelta(days=3), dt.time(12), tzinfo=dt.timezone.utc))
    try:
        return build_report(repo, Settings(units=d.units), clock, first, last)
    finally:
        repo.close()


def _crowded(path) -> ReportDocument:
    """Ten weeks in Chicago (Letter): every symptom three times, 24 medicines, nightly cramps."""
    tz, start = "America/Chicago", dt.date(2026, 1, 5)
    z = ZoneInfo(tz)
    entries: list[E.Entry] = []
    for i, symptom in enumerate(SYMPTOMS):
        entries += [
            E.Symptom(
                at=dt.datetime.combine(start + dt.timedelta(days=3 * i + k), dt.time(8 + k), tzinfo=z),
                tz=tz,
                symptom=symptom,
                side="left",
            )
            for k in range(3)
        ]
    entries += [
        E.Medicine(
            name=f"Medicine number {i} with a long brand name",
            dose=f"{i + 1} mg twice a day",
            start=start - dt.timedelta(days=30 - 3 * i),
            med_class=MED_CLASSES[i % len(MED_CLASSES)],
            stop=start + dt.timedelta(days=20 + i) if i % 2 else None,
            tz=tz,
        )
        for i in range(24)
    ]
    entries += [
        E.Diet(
            day=start + dt.timedelta(days=10 * i),
            pattern=("vegan", "omnivore", "low_carb")[i % 3],
            b12=bool(i % 2),
            tz=tz,
        )
        for i in range(6)
    ]
    entries += [
        E.Cramp(
            at=dt.datetime.combine(start + dt.timedelta(days=i), dt.time(2 + i % 3, 10), tzinfo=z),
            tz=tz,
            muscle=("calf", "foot_arch", "hamstring")[i % 3],
            severity=1 + i % 10,
            context="night",
            side="right",
            duration_s=60 + i,
            note=ODD if i == 5 else "",
        )
        for i in range(70)
    ]
    entries += [E.CheckIn(day=start + dt.timedelta(days=i), tz=tz) for i in range(70)]
    repo = JournalRepository.open(path)
    repo.add_many(entries)
    try:
        return build_report(
            repo,
            Settings(),
            FixedClock(tz, dt.datetime(2026, 3, 20, 12, tzinfo=dt.timezone.utc)),
            start,
            start + dt.timedelta(days=69),
            paper="letter",
        )
    finally:
        repo.close()


def _empty(path) -> ReportDocument:
    repo = JournalRepository.open(path)
    try:
        return build_report(
            repo,
            Settings(),
            FixedClock("Europe/London", dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)),
            dt.date(2026, 2, 1),
            dt.date(2026, 2, 28),
        )
    finally:
        repo.close()


@pytest.fixture(scope="module", params=["year", "crowded", "empty"])
def report(request, tmp_path_factory) -> tuple[ReportDocument, bytes, PdfReader]:
    make = {"year": _year, "crowded": _crowded, "empty": _empty}[request.param]
    doc = make(tmp_path_factory.mktemp(request.param) / "j.db")
    data = write(doc, "pdf")
    return doc, data, PdfReader(BytesIO(data), strict=True)


def _plain(text: str) -> str:
    """WinAnsi's characters, the rest as ?, spaces collapsed: what every document's text is
    compared as, whichever face it is set in."""
    return " ".join(encode(text).decode("cp1252").split())


def _pages(reader: PdfReader) -> list[str]:
    return [_plain(page.extract_text()) for page in reader.pages]


def test_every_section_comes_in_the_documents_order_and_page_one_is_the_summary(report):
    doc, _, reader = report
    pages = _pages(reader)
    text = " ".join(pages)
    places = [text.find(_plain(s.title)) for s in doc.sections]
    assert -1 not in places and places == sorted(places), [s.title for s in doc.sections]
    first = [s for s in doc.sections if s.first_page]
    rest = [s for s in doc.sections if not s.first_page]
    one = pages[0]
    assert one.startswith(_plain(doc.title))
    for name, value in doc.facts:
        assert _plain(f"{name} {value}") in one
    for s in first:
        assert _plain(s.title) in one
        for block in s.blocks:
            for item in [block.text, *block.items]:
                assert _plain(item) in one, item
    assert not [s.title for s in rest if _plain(s.title) in one]
    assert pages[1].startswith(_plain(rest[0].title))
    assert reader.metadata is not None and reader.metadata.title == doc.title
    assert reader.metadata.producer == "cramplog" and "/Author" not in reader.metadata


def test_every_table_row_reads_back_whole_in_its_order(report):
    """Rows are never split, so each row's cells read back one after the other."""
    doc, _, reader = report
    text = " ".join(_pages(reader))
    tables = [b.table for s in doc.sections for b in s.blocks if b.kind == "table" and b.table]
    assert tables or "No cramps were logged in this period." in text
    at = 0
    for table in tables:
        assert _plain(" ".join(table.headers)) in text
        for row in table.rows:
            found = text.find(_plain(" ".join(row)), at)
            assert found != -1, row
            at = found + 1


def test_table_headings_repeat_and_no_page_ends_on_a_heading(report):
    doc, _, reader = report
    pages = _pages(reader)
    titles = [_plain(s.title) for s in doc.sections]
    tables = [b.table for s in doc.sections for b in s.blocks if b.kind == "table" and b.table]
    for number, page in enumerate(pages, 1):
        assert page.endswith(f"page {number} of {len(pages)}")
        body = page[: page.rindex(_plain(doc.footer))].strip()
        assert not any(body.endswith(t) for t in titles), f"page {number} ends on a heading"
        for table in tables:
            rows = [found for row in table.rows if (found := body.find(_plain(" ".join(row)))) != -1]
            if rows:
                assert -1 < body.find(_plain(" ".join(table.headers))) < min(rows), f"page {number}: no heading"


def test_the_crowded_summary_is_shrunk_onto_page_one(tmp_path):
    doc = _crowded(tmp_path / "j.db")
    reader = PdfReader(BytesIO(write(doc, "pdf")), strict=True)
    assert tuple(round(x) for x in reader.pages[0].mediabox.upper_right) == (612, 792)
    one = _pages(reader)[0]
    assert "About this report" in one and "In an emergency" in one and "Episodes" not in one
    assert one.count("Medicine number") >= 24 + 5, "every medicine on page one (and the chart's lanes)"
    assert ODD in " ".join(page.extract_text() for page in reader.pages), "outside WinAnsi: embedded, kept"
    lowest = []
    reader.pages[0].extract_text(
        visitor_text=lambda text, cm, tm, *_: (
            lowest.append(tm[5] * cm[3] + cm[5])
            if text.strip() and "page 1 of" not in text and "Muscle cramp diary," not in text
            else None
        )
    )
    assert 15 * 72 / 25.4 < min(lowest) < 15 * 72 / 25.4 + 30, "shrunk no more than it must: it fills the page"
    episodes = next(b.table for s in doc.sections if s.key == "episodes" for b in s.blocks if b.table)
    assert sum(_plain(" ".join(episodes.headers)) in page for page in _pages(reader)) >= 2, "headings repeated"


def test_the_same_document_gives_the_same_bytes(report):
    doc, data, _ = report
    assert write(doc, "pdf") == data
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")


@pytest.mark.skipif(not POPPLER, reason="poppler-utils absent (Debian: apt-get install poppler-utils)")
def test_poppler_reads_the_file_without_a_complaint(report, tmp_path):
    doc, data, reader = report
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=60)
    assert info.returncode == 0 and info.stderr == "", info.stderr
    fields = dict(line.split(":", 1) for line in info.stdout.splitlines() if ":" in line)
    assert int(fields["Pages"]) == len(reader.pages)
    assert fields["Title"].strip() == doc.title and fields["Producer"].strip() == "cramplog"
    assert "Author" not in fields
    assert fields["Page size"].split("(")[-1].rstrip(")").strip() == ("letter" if doc.paper == "letter" else "A4")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, timeout=60)
    assert text.returncode == 0 and text.stderr == "", text.stderr
    pages = [_plain(p) for p in text.stdout.split("\f")[: len(reader.pages)]]
    words = set(" ".join(pages).split())
    for s in doc.sections:
        assert set(_plain(s.title).split()) <= words, s.title
    for number, page in enumerate(pages, 1):
        assert f"page {number} of {len(pages)}" in page


def test_the_widths_are_adobes_helvetica_metrics():
    """A few advance widths from Adobe's Helvetica.afm and Helvetica-Bold.afm (Core14, 1997),
    spread over the table, so a shifted row or column would show."""
    regular = {" ": 278, "@": 1015, "A": 667, "m": 833, "€": 556, "•": 350, "—": 1000, "é": 556, "ÿ": 500}
    bold = {" ": 278, "@": 975, "A": 722, "m": 889, "€": 556, "•": 350, "—": 1000, "é": 556, "ÿ": 556}
    assert len(REGULAR) == len(BOLD) == 224
    for table, expected, is_bold in ((REGULAR, regular, False), (BOLD, bold, True)):
        for char, units in expected.items():
            assert text_width(char, 1000, is_bold) == units == table[encode(char)[0] - 32], char


@pytest.mark.parametrize("text", ["", "one", "a b c " * 60, "x" * 400, ODD * 9, "Supercalifragilistic " * 30])
def test_wrapped_lines_keep_every_word_and_fit_the_width(text):
    lines = wrap(WinAnsi(), text, 120, BODY.size)
    assert all(text_width(line, BODY.size) <= 120 for line in lines)
    assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", _plain(text))


def test_a_heading_is_never_left_at_the_foot_of_a_page():
    """Whatever the length of what comes before it, a heading starts the page its text starts on."""
    from cramplog.analysis.report import Section, bullets, para

    landed = 0
    for items, paras in [(k, j) for k in range(44, 56) for j in range(0, 9)]:
        filler = [bullets([f"item number {i}" for i in range(items)]), *(para(f"paragraph {i}") for i in range(paras))]
        doc = ReportDocument(
            "A title",
            [("Period", "March")],
            [
                Section("Summary", [para("On page one.")], "summary", True),
                Section("Filler", filler, "filler"),
                Section("Second heading", [para("the paragraph under it")], "second"),
            ],
            footer="The footer",
        )
        for page in _pages(PdfReader(BytesIO(write(doc, "pdf")), strict=True)):
            assert not page[: page.rindex("The footer")].strip().endswith("Second heading"), (items, paras)
            landed += page.startswith("Second heading")
    assert landed, "some length of filler pushes the heading onto the next page"
