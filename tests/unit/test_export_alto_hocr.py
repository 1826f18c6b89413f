"""ALTO v4 and hOCR exports, parsed back: structure, boxes inside their pages, the text's words."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from app.core.export import ExportDocument, export_document
from app.core.export.page_text import page_text
from app.core.results import PageResult, PageSource
from tests.export_helpers import failed_page, laid_out_page, recognise_pdf, text_page
from tests.pdfgen import images_pdf, page_image, text_pdf

ALTO = "{http://www.loc.gov/standards/alto/ns-v4#}"
ROOT = Path(__file__).resolve().parents[2]
PLEA = (
    "A parte autora requer a condenação da ré ao pagamento de indenização por danos morais, "
    "nos termos do artigo 186 do Código Civil, acrescida de juros e correção monetária. "
)


@pytest.fixture(scope="module")
def two_columns(tmp_path_factory: pytest.TempPathFactory) -> ExportDocument:
    """A real scan of a two-column page, read by Tesseract, between a blank and a failed page."""
    folder = tmp_path_factory.mktemp("alto")
    source = images_pdf(folder / "gazette.pdf", [page_image(PLEA * 8, columns=2, dpi=200)])
    read = recognise_pdf(source)[0]
    blank = PageResult(0, "", PageSource.BLANK, width_pt=read.width_pt, height_pt=read.height_pt)
    pages = [blank, replace(read, page=1), failed_page(2, "the worker crashed twice")]
    return ExportDocument(source=source, pages=pages)


def _alto(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


class _Hocr(HTMLParser):
    """The ocr_page and ocrx_word elements of an hOCR file: classes, titles and word texts."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.pages: list[dict[str, object]] = []
        self._word: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "meta" and "name" in values:
            self.meta[values["name"]] = values["content"]
        kind = values.get("class")
        if kind == "ocr_page":
            self.pages.append({"title": values["title"], "words": []})
        elif kind == "ocrx_word":
            self._word = {"title": values["title"], "text": ""}

    def handle_data(self, data: str) -> None:
        if self._word is not None:
            self._word["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._word is not None:
            words = self.pages[-1]["words"]
            assert isinstance(words, list)
            words.append(self._word)
            self._word = None


def _hocr(path: Path) -> _Hocr:
    parser = _Hocr()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _title(title: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in title.split(";")) if part}


def test_alto_of_a_real_two_column_scan_holds_the_text_words_in_their_boxes(
    two_columns: ExportDocument, tmp_path: Path
) -> None:
    # Given a recognised two-column scan between a blank and a failed page
    # When it is exported as ALTO
    root = _alto(export_document(two_columns, tmp_path / "gazette.xml"))
    # Then it is ALTO v4 naming Scriba, its version and the source file
    assert root.tag == f"{ALTO}alto"
    assert root.findtext(f"{ALTO}Description/{ALTO}MeasurementUnit") == "mm10"
    assert root.findtext(f".//{ALTO}sourceImageInformation/{ALTO}fileName") == "gazette.pdf"
    software = root.find(f".//{ALTO}processingSoftware")
    assert software is not None and software.findtext(f"{ALTO}softwareName") == "Scriba"
    assert software.findtext(f"{ALTO}softwareVersion") == __import__("app").__version__
    # And every page keeps its place, the blank and failed ones empty
    pages = root.findall(f"{ALTO}Layout/{ALTO}Page")
    assert [p.get("PHYSICAL_IMG_NR") for p in pages] == ["1", "2", "3"]
    assert [len(p.findall(f".//{ALTO}String")) for p in pages][0::2] == [0, 0]
    assert "crashed" in (pages[2].get("QUALITY_DETAIL") or "")
    # And the read page's Strings are the words of its text, in its order, each inside the page
    page = pages[1]
    width, height = float(page.get("WIDTH", 0)), float(page.get("HEIGHT", 0))
    assert width == pytest.approx(two_columns.pages[1].width_pt * 254 / 72, abs=0.1)
    strings = page.findall(f".//{ALTO}String")
    words = [s.get("SUBS_CONTENT") or s.get("CONTENT") for s in strings if s.get("SUBS_TYPE") != "HypPart2"]
    assert words == page_text(two_columns.pages[1]).split()
    assert len(words) > 150
    for element in page.iter():
        if element.get("HPOS") is not None and element.tag != f"{ALTO}SP":
            x, y = float(element.get("HPOS", 0)), float(element.get("VPOS", 0))
            assert 0 <= x <= x + float(element.get("WIDTH", 0)) <= width + 0.1
            assert 0 <= y <= y + float(element.get("HEIGHT", 0)) <= height + 0.1
    assert all(0 <= float(s.get("WC", -1)) <= 1 for s in strings)
    # And the two columns are two blocks side by side, words spaced by SP
    blocks = page.findall(f".//{ALTO}TextBlock")
    assert len(blocks) >= 2
    assert (
        min(float(b.get("HPOS", 0)) for b in blocks)
        < width / 2
        < max(float(b.get("HPOS", 0)) for b in blocks)
    )
    line = page.find(f".//{ALTO}TextLine")
    assert line is not None
    assert [child.tag for child in line][:3] == [f"{ALTO}String", f"{ALTO}SP", f"{ALTO}String"]


def test_hocr_of_a_real_two_column_scan_holds_the_same_words_as_the_alto(
    two_columns: ExportDocument, tmp_path: Path
) -> None:
    # Given the same document
    # When it is exported as hOCR and as ALTO
    hocr = _hocr(export_document(two_columns, tmp_path / "gazette.hocr"))
    alto = _alto(export_document(two_columns, tmp_path / "gazette.xml"))
    # Then it is XHTML: well-formed XML too
    assert ET.parse(tmp_path / "gazette.hocr").getroot().tag == "{http://www.w3.org/1999/xhtml}html"
    # And it names Scriba and holds one ocr_page per page, numbered and sized
    assert hocr.meta["ocr-system"].startswith("Scriba ")
    assert "ocrx_word" in hocr.meta["ocr-capabilities"]
    assert len(hocr.pages) == 3
    titles = [_title(str(page["title"])) for page in hocr.pages]
    assert [t["ppageno"] for t in titles] == [["0"], ["1"], ["2"]]
    assert titles[1]["image"] == ['"gazette.pdf"']
    _, _, page_w, page_h = (int(v) for v in titles[1]["bbox"])
    assert page_w == round(two_columns.pages[1].width_pt / 72 * 300)
    # And its words are the ALTO's Strings, boxes inside the page, confidences 0..100
    words = hocr.pages[1]["words"]
    assert isinstance(words, list)
    strings = alto.findall(f".//{ALTO}Page[@ID='P2']//{ALTO}String")
    assert [w["text"] for w in words] == [
        s.get("CONTENT", "") + (("-") if s.get("SUBS_TYPE") == "HypPart1" else "") for s in strings
    ]
    for word in words:
        title = _title(word["title"])
        x0, y0, x1, y1 = (int(v) for v in title["bbox"])
        assert 0 <= x0 <= x1 <= page_w and 0 <= y0 <= y1 <= page_h
        assert 0 <= int(title["x_wconf"][0]) <= 100
    assert hocr.pages[0]["words"] == [] and hocr.pages[2]["words"] == []


def test_a_word_split_at_the_line_end_is_one_word_of_the_text_in_two_parts(tmp_path: Path) -> None:
    # Given a page whose first line ends in "condi-" and whose second starts with "ção"
    page = laid_out_page([["A condi-", "ção humana", "é longa."], ["Segundo parágrafo."]])
    doc = ExportDocument(source=tmp_path / "x.pdf", pages=[replace(page, width_pt=595, height_pt=842)])
    # When exported as ALTO
    root = _alto(export_document(doc, tmp_path / "x.xml"))
    # Then the halves are HypPart1/HypPart2 of "condição", the hyphen an HYP, two blocks
    strings = root.findall(f".//{ALTO}String")
    assert [(s.get("CONTENT"), s.get("SUBS_TYPE"), s.get("SUBS_CONTENT")) for s in strings[:3]] == [
        ("A", None, None),
        ("condi", "HypPart1", "condição"),
        ("ção", "HypPart2", "condição"),
    ]
    assert [h.get("CONTENT") for h in root.iter(f"{ALTO}HYP")] == ["-"]
    assert len(root.findall(f".//{ALTO}TextBlock")) == 2
    kept = [s.get("SUBS_CONTENT") or s.get("CONTENT") for s in strings if s.get("SUBS_TYPE") != "HypPart2"]
    assert kept == page_text(doc.pages[0]).split()


def test_a_page_turned_sideways_keeps_its_boxes_on_the_page_as_displayed(tmp_path: Path) -> None:
    # Given a page whose content lay turned 90 degrees, its words stored as displayed
    upright = laid_out_page([["Primeira linha do texto"], ["Segunda linha"]])
    turned = tuple(
        replace(w, x0=1 - w.y1, y0=w.x0, x1=1 - w.y0, y1=w.x1) for w in upright.words
    )  # a quarter turn clockwise of each box
    page = replace(upright, words=turned, rotation=90, width_pt=842, height_pt=595)
    doc = ExportDocument(source=tmp_path / "x.pdf", pages=[page])
    # When exported as hOCR
    hocr = _hocr(export_document(doc, tmp_path / "x.hocr"))
    # Then the words come in reading order, each box where the stored box lies
    words = hocr.pages[0]["words"]
    assert isinstance(words, list)
    assert [w["text"] for w in words] == page_text(page).split()
    first = [int(v) for v in _title(words[0]["title"])["bbox"]]
    assert first == [
        round(turned[0].x0 * 3508),
        round(turned[0].y0 * 2479),
        round(turned[0].x1 * 3508),
        round(turned[0].y1 * 2479),
    ]


def test_scriba_ocr_writes_alto_and_hocr_from_the_command_line(tmp_path: Path) -> None:
    # Given a scanned page
    source = images_pdf(tmp_path / "scan.pdf", [page_image("Conteúdo do processo\nSegunda linha", dpi=200)])
    # When scriba ocr writes it as ALTO and as hOCR
    for fmt in ("alto", "hocr"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "app",
                "ocr",
                str(source),
                "--format",
                fmt,
                "--out-dir",
                str(tmp_path / fmt),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=ROOT,
        )
        assert done.returncode == 0, done.stderr
    # Then both files hold the page's words
    alto = _alto(tmp_path / "alto" / "scan.xml")
    assert [s.get("CONTENT") for s in alto.iter(f"{ALTO}String")][:3] == ["Conteúdo", "do", "processo"]
    hocr = _hocr(tmp_path / "hocr" / "scan.hocr")
    words = hocr.pages[0]["words"]
    assert isinstance(words, list) and [w["text"] for w in words][:3] == ["Conteúdo", "do", "processo"]


def test_a_born_digital_page_gets_its_text_layer_words_in_their_places(tmp_path: Path) -> None:
    # Given a born-digital PDF, whose text scriba ocr takes from its layer (no OCR, no boxes kept)
    lines = ["Certidao de julgamento do processo 4711", "Segunda linha da certidao do cartorio"]
    source = text_pdf(tmp_path / "nativo.pdf", ["\n".join(lines)])
    # When it is exported as ALTO and hOCR from the command line
    for fmt in ("alto", "hocr"):
        done = subprocess.run(
            [sys.executable, "-m", "app", "ocr", str(source), "--format", fmt, "--out-dir", str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=ROOT,
        )
        assert done.returncode == 0, done.stderr
    # Then the ALTO page holds the layer's words, in order, on two lines, inside the page
    [page] = _alto(tmp_path / "nativo.xml").iter(f"{ALTO}Page")
    width, height = float(page.get("WIDTH", 0)), float(page.get("HEIGHT", 0))
    strings = list(page.iter(f"{ALTO}String"))
    assert [s.get("CONTENT") for s in strings] == " ".join(lines).split()
    assert len(list(page.iter(f"{ALTO}TextLine"))) == 2
    for s in strings:
        x, y = float(s.get("HPOS", -1)), float(s.get("VPOS", -1))
        assert 0 <= x < x + float(s.get("WIDTH", 0)) <= width
        assert 0 <= y < y + float(s.get("HEIGHT", 0)) <= height
    # And the first line lies above the second, near the top of the page (where text_pdf sets it)
    first, second = float(strings[0].get("VPOS", 0)), float(strings[-1].get("VPOS", 0))
    assert first < second < height / 2
    # And hOCR has the same words with their boxes
    words = _hocr(tmp_path / "nativo.hocr").pages[0]["words"]
    assert isinstance(words, list) and [w["text"] for w in words] == " ".join(lines).split()


def test_a_text_layer_page_whose_source_is_gone_keeps_its_place_and_says_why(tmp_path: Path) -> None:
    # Given a born-digital page, taken from its layer, whose PDF is no longer there
    page = replace(text_page("Texto nativo da página", page=0), width_pt=595, height_pt=842)
    doc = ExportDocument(source=tmp_path / "x.pdf", pages=[page])
    # When exported as ALTO and hOCR
    root = _alto(export_document(doc, tmp_path / "x.xml"))
    hocr = (export_document(doc, tmp_path / "x.hocr")).read_text(encoding="utf-8")
    # Then its Page is there, empty, saying why
    [alto_page] = root.iter(f"{ALTO}Page")
    assert alto_page.findall(f".//{ALTO}String") == []
    assert "text layer" in (alto_page.get("QUALITY_DETAIL") or "")
    assert "text layer" in hocr and 'class="ocr_page"' in hocr
