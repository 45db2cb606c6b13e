"""The report's PDF prints every character a diary holds, not `?`: a name in Polish and Czech,
a medicine in Cyrillic, a note in Greek are set in the embedded DejaVu Sans; a document of
WinAnsi characters alone stays in Helvetica with nothing embedded.

Checked by readers that are not ours: poppler (`pdftotext`, `pdffonts`), qpdf (`--check`),
pypdf, and fontTools, which reads the shipped font files and the subset the PDF embeds
independently of `analysis.truetype`.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from fontTools import ttLib
from pypdf import PdfReader

from cramplog.analysis import faces
from cramplog.analysis.faces import Embedded, WinAnsi
from cramplog.analysis.report_pdf import BODY, MARGIN_MM, PT_PER_MM, wrap
from cramplog.analysis.truetype import TrueType

FONTS = Path(faces.__file__).parent / "fonts"
POPPLER = shutil.which("pdftotext") and shutil.which("pdffonts")
NAME = "Łukasz Dvořák"
MEDICINE = "Магний B6"
NOTE = "Ωmega-3 κάψουλες"
DOSE = "по одной таблетке магния утром и вечером после еды, запивая полным стаканом воды, курсом не менее трёх месяцев"
UNCOVERED = "足がつる 🦵 שלום"
"""CJK and an emoji DejaVu Sans lacks, and Hebrew (right-to-left, which this writer can't set)."""
COVERED_EMOJI = "😀"


def _report(cli, tmp_path: Path, name: str, medicine: str, note: str, dose: str = "1 tablet") -> Path:
    assert cli("med", medicine, "--class", "magnesium", "--start", "2026-03-01", "--dose", dose)[0] == 0
    code, _, err = cli("cramp", "calf", "-s", "6", "--side", "left", "--at", "2026-03-20 02:10", "--note", note)
    assert code == 0, err
    assert cli("config", "set", "report.name", name)[0] == 0
    out = tmp_path / "r.pdf"
    code, _, err = cli("report", "--from", "2026-03-01", "--to", "2026-03-25", "--identify", "-o", str(out))
    assert code == 0, err
    return out


def _poppler(tool: str, path: Path, *args: str) -> str:
    done = subprocess.run([tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])], capture_output=True)
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    return done.stdout.decode("utf-8")


def _fonts(path: Path) -> list[list[str]]:
    """`pdffonts`' rows: name, type..., emb, sub, uni, object, generation."""
    return [line.split() for line in _poppler("pdffonts", path).splitlines()[2:]]


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.skipif(not POPPLER, reason="poppler-utils absent (Debian: apt-get install poppler-utils)")
def test_a_name_a_medicine_and_a_note_outside_winansi_read_back_exactly(cli, tmp_path):
    out = _report(cli, tmp_path, NAME, MEDICINE, NOTE, DOSE)
    text = _words(_poppler("pdftotext", out, "-enc", "UTF-8"))
    assert f"Name {NAME}" in text
    assert MEDICINE in text and NOTE in text and _words(DOSE) in text
    assert "?" not in text, re.findall(r".{20}\?.{20}", text)
    rows = _fonts(out)
    assert [(r[0].split("+")[1], r[-5:-2]) for r in rows] == [
        ("DejaVuSans", ["yes", "yes", "yes"]),  # embedded, a subset, with a ToUnicode map
        ("DejaVuSans-Bold", ["yes", "yes", "yes"]),
    ]
    assert all(re.fullmatch(r"[A-Z]{6}\+DejaVuSans(-Bold)?", r[0]) for r in rows)
    first = _words(PdfReader(out, strict=True).pages[0].extract_text())
    assert f"Name {NAME}" in first


@pytest.mark.skipif(not POPPLER, reason="poppler-utils absent (Debian: apt-get install poppler-utils)")
def test_a_western_european_journal_embeds_nothing(cli, tmp_path):
    out = _report(cli, tmp_path, "Zoë Müller-Françoise", "Magnésium Œnothera", "Crème brûlée – “après” ½ €")
    text = _words(_poppler("pdftotext", out, "-enc", "UTF-8"))
    assert "Name Zoë Müller-Françoise" in text and "Crème brûlée – “après” ½ €" in text
    assert [(r[0], r[-5]) for r in _fonts(out)] == [("Helvetica", "no"), ("Helvetica-Bold", "no")]
    assert b"/FontFile2" not in out.read_bytes() and b"/WinAnsiEncoding" in out.read_bytes()


@pytest.mark.skipif(not POPPLER, reason="poppler-utils absent (Debian: apt-get install poppler-utils)")
def test_what_dejavu_lacks_prints_as_the_replacement_character(cli, tmp_path):
    """CJK, an emoji outside DejaVu Sans and Hebrew each print as U+FFFD (and copy as it); an
    emoji DejaVu Sans draws prints as itself. Coverage is read by fontTools, not by us."""
    note = f"{UNCOVERED} {COVERED_EMOJI} ok"
    out = _report(cli, tmp_path, "Ann", "Magnesium", note)
    regular, bold = (ttLib.TTFont(FONTS / name).getBestCmap() for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"))
    assert ord("足") not in regular and ord("🦵") not in regular and ord(COVERED_EMOJI) in regular
    drawn = {c for c in note if ord(c) in regular and ord(c) in bold and c not in "שלום"}
    expected = "".join(c if c in drawn else "\ufffd" for c in note)
    assert expected == "���� � ���� 😀 ok"
    assert expected in _words(_poppler("pdftotext", out, "-enc", "UTF-8"))


def test_a_long_cyrillic_line_wraps_within_the_margin_by_the_fonts_own_widths():
    """Each wrapped line measured with fontTools' reading of hmtx fits the width, and the next
    word would not have: the writer measures with DejaVu's widths, not Helvetica's."""
    face, room = Embedded(), 300.0
    text = (DOSE + " ") * 4
    for is_bold in (False, True):
        font = ttLib.TTFont(FONTS / ("DejaVuSans-Bold.ttf" if is_bold else "DejaVuSans.ttf"))

        def width(s: str, font=font) -> float:
            return sum(font["hmtx"][font.getBestCmap()[ord(c)]][0] for c in s) * BODY.size / font["head"].unitsPerEm

        lines = wrap(face, text, room, BODY.size, is_bold)
        assert len(lines) > 4 and " ".join(lines) == " ".join(text.split())
        for line, after in zip(lines, lines[1:]):
            assert width(line) <= room < width(line + " " + after.split(" ")[0])
            assert face.width(line, BODY.size, is_bold) == pytest.approx(width(line))
        helvetica = max(WinAnsi().width(line, BODY.size) for line in lines)
        assert helvetica < room * 0.9, "Helvetica's widths (of '?'s) would have wrapped these lines elsewhere"


@pytest.mark.skipif(not POPPLER, reason="poppler-utils absent (Debian: apt-get install poppler-utils)")
def test_poppler_sees_every_cyrillic_word_inside_the_margin(cli, tmp_path):
    out = _report(cli, tmp_path, "Ann", MEDICINE, "a note", DOSE + " " + DOSE)
    html = _poppler("pdftotext", out, "-bbox", "-enc", "UTF-8")
    width = float(re.search(r'<page width="([\d.]+)"', html).group(1))
    boxes = [
        (float(x), w) for x, w in re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<', html)
    ]
    cyrillic = [x for x, w in boxes if re.search("[а-я]", w)]
    assert len(cyrillic) > 30
    assert max(cyrillic) <= width - MARGIN_MM * PT_PER_MM
    assert max(cyrillic) > width / 2, "the dose runs across the page"


def test_the_embedded_widths_and_outlines_are_the_font_files(cli, tmp_path):
    """Read with pypdf and fontTools: /W gives each glyph its hmtx advance in thousandths of an
    em, and the embedded subset draws each used glyph (and its components) as the file does."""
    out = _report(cli, tmp_path, NAME, MEDICINE, NOTE)
    reader = PdfReader(out, strict=True)
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for key, file in (("/F1", "DejaVuSans.ttf"), ("/F2", "DejaVuSans-Bold.ttf")):
        original = ttLib.TTFont(FONTS / file)
        order, em = original.getGlyphOrder(), original["head"].unitsPerEm
        cid = fonts[key]["/DescendantFonts"][0].get_object()
        assert cid["/CIDToGIDMap"] == "/Identity" and fonts[key]["/Encoding"] == "/Identity-H"
        w = list(cid["/W"])
        used = {}
        for i in range(0, len(w), 2):
            first, widths = int(w[i]), w[i + 1]
            used |= {first + k: float(v) for k, v in enumerate(widths)}
        assert len(used) > 20
        for gid, value in used.items():
            assert value == pytest.approx(original["hmtx"][order[gid]][0] * 1000 / em, abs=0.006)
        program = cid["/FontDescriptor"]["/FontFile2"].get_data()
        subset = ttLib.TTFont(BytesIO(program))
        assert subset["maxp"].numGlyphs == len(order)
        kept = [g for g in range(len(order)) if subset["glyf"][subset.getGlyphOrder()[g]].numberOfContours != 0]
        assert set(used) - {3} <= set(kept) and len(kept) < len(order) / 20
        composite = [g for g in used if original["glyf"][order[g]].isComposite()]
        assert composite or key == "/F2", "the regular text has accented letters built from components"
        for g in kept:
            mine, theirs = subset["glyf"][subset.getGlyphOrder()[g]], original["glyf"][order[g]]
            assert mine.compile(subset["glyf"]) == theirs.compile(original["glyf"]), order[g]
            if theirs.isComposite():
                assert {c.glyphName for c in theirs.components} <= {order[k] for k in kept}
        descriptor = cid["/FontDescriptor"]
        assert [round(float(v)) for v in descriptor["/FontBBox"]] == [
            round(v * 1000 / em)
            for v in (original["head"].xMin, original["head"].yMin, original["head"].xMax, original["head"].yMax)
        ]
        assert float(descriptor["/Ascent"]) == pytest.approx(original["hhea"].ascent * 1000 / em, abs=0.01)


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf absent (Debian: apt-get install qpdf)")
def test_qpdf_finds_nothing_wrong(cli, tmp_path):
    out = _report(cli, tmp_path, NAME, MEDICINE, NOTE, DOSE)
    done = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert done.returncode == 0 and "No syntax or stream encoding errors found" in done.stdout, done.stdout
    assert done.stderr == ""


@pytest.mark.parametrize("name", ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"])
def test_the_reader_agrees_with_fonttools(name):
    mine = TrueType.parse((FONTS / name).read_bytes())
    theirs = ttLib.TTFont(FONTS / name)
    order = theirs.getGlyphOrder()
    assert mine.cmap == {c: theirs.getGlyphID(g) for c, g in theirs.getBestCmap().items()}
    assert mine.advances == tuple(theirs["hmtx"][g][0] for g in order)
    head = theirs["head"]
    assert (mine.units_per_em, mine.bbox) == (head.unitsPerEm, (head.xMin, head.yMin, head.xMax, head.yMax))
    assert (mine.ascent, mine.descent) == (theirs["hhea"].ascent, theirs["hhea"].descent)
    assert (mine.weight, mine.italic_angle) == (theirs["OS/2"].usWeightClass, theirs["post"].italicAngle)
    assert mine.cap_height == theirs["glyf"]["H"].yMax  # OS/2 version 1: no sCapHeight


def test_the_shipped_files_are_the_ones_the_manifest_names():
    manifest = (FONTS / "MANIFEST.md").read_text()
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        digest = hashlib.sha256((FONTS / name).read_bytes()).hexdigest()
        assert f"| {name} | {digest} | {(FONTS / name).stat().st_size} |" in manifest
    assert (
        "Bitstream Vera" in (FONTS / "LICENSE").read_text()
        and "Arev Fonts Copyright" in (FONTS / "LICENSE").read_text()
    )


def test_the_fonts_are_read_only_when_a_document_needs_them(tmp_path):
    """In a fresh process: a WinAnsi document reads no font file; two others read them once."""
    code = """
import sys
from cramplog.analysis.faces import dejavu
from cramplog.analysis.report import ReportDocument, Section, para
from cramplog.analysis.report_format import write
def doc(text):
    return ReportDocument("Title", [("Name", text)], [Section("S", [para(text)], "s", True)], footer="f")
write(doc("Zoë"), "pdf")
print(dejavu.cache_info().misses)
write(doc("Łukasz"), "pdf")
write(doc("Ωmega"), "pdf")
print(dejavu.cache_info().misses)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert done.stdout.split() == ["0", "1"], done.stderr


def test_the_same_document_with_embedded_fonts_gives_the_same_bytes(cli, tmp_path):
    out = _report(cli, tmp_path, NAME, MEDICINE, NOTE)
    first = out.read_bytes()
    code, _, err = cli("report", "--from", "2026-03-01", "--to", "2026-03-25", "--identify", "-o", str(out))
    assert code == 0, err
    assert out.read_bytes() == first and b"/FontFile2" in first
