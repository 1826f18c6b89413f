"""The rules that put back ª, º, §, ° and @ (app.core.reading.legal_symbols), on real glyphs.

Each case draws a line's true text in a real typeface and hands the rules what Tesseract's
por+eng reading of such a line gives (seen in bench/legal_symbols.py): "3ª Vara" read "32 Vara".
The rules must find the symbols from the pixels and the words around them, and must leave
numbers alone however much they look like a misread.
"""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from app.core.reading.engines import PixelWord, Recognized
from app.core.reading.glyphs import glyphs
from app.core.reading.legal_symbols import applies, with_legal_symbols
from app.core.reading.render import GrayImage
from tests.pdfgen import FONTS

TYPEFACES = ("DejaVuSerif.ttf", "DejaVuSans.ttf", "LiberationSerif-Regular.ttf")
#: 11 pt at 200 and 300 DPI.
SIZES = (31, 46)


def drawn(pairs: list[tuple[str, str]], font: str, size: int) -> Recognized:
    """A line whose words show the first of each pair and were read as the second."""
    typeface = ImageFont.truetype(str(FONTS / font), size)
    space = typeface.getlength(" ")
    width = int(sum(typeface.getlength(shown) for shown, _ in pairs) + space * (len(pairs) + 4))
    image = Image.new("L", (width, size * 3), 255)
    draw = ImageDraw.Draw(image)
    x, y = float(size), size
    words = []
    for shown, read in pairs:
        left, top, right, bottom = (round(v) for v in draw.textbbox((x, y), shown, font=typeface))
        draw.text((x, y), shown, fill=0, font=typeface)
        words.append(PixelWord(read, left - 1, top - 1, right - left + 2, bottom - top + 2, 90.0, 1, 1, 1))
        x += typeface.getlength(shown) + space
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    recognized = Recognized(" ".join(read for _, read in pairs) + "\n", 90.0, tuple(words))
    return with_legal_symbols(recognized, GrayImage.from_pil(image))


def line(text: str) -> list[tuple[str, str]]:
    """Words shown and read alike."""
    return [(word, word) for word in text.split()]


MISREAD = [
    # (true text, Tesseract's reading, word by word)
    ("à 3ª Vara", "à 32 Vara"),
    ("a 12ª Vara", "a 122 Vara"),
    ("à 1ª Turma", "à 1º Turma"),
    ("a 4ª Camara", "a 42 Camara"),  # accents are often misread: the noun is known without them
    ("a 4ª Câmara", "a 42 Câmara"),
    ("a 1ª Turma", "a 18 Turma"),
    ("ao 2º Grau", "ao 22 Grau"),
    ("art. 5º", "art. 52"),
    ("§ 1º", "8 12"),
    ("§ 1º,", "8 1º,"),
    ("§§ 2º e 3º", "88 22 e 32"),
    ("§§ 2º e 3º", "§§ 2° e 3º"),
    ("§§ 3º e 4º", "55 3º e 4º"),
    ("a 5ª testemunha", "a 52 testemunha"),
    ("a 8ª Turma", "a 8? Turma"),
    ("A 5ª Turma", "A 59 Turma"),
    ("A 7ª Câmara", "A 7* Câmara"),
    ("a 4ª e a 5ª Turmas", "a 4% e a 5º Turmas"),
    ("§§ 2º e 3º do", "88 2º e 3° do"),
    ("dos arts. 1º a 3º.", "dos arts. 1º a 3°."),
    ("25°C na sala", "25ºC na sala"),
    ("ângulo de 90°.", "ângulo de 90º."),
    ("fulano@tjsp.jus.br", "fulano©tjsp.jus.br"),
    ("protocolo@tjrj.jus.br", "protocoloQtjrj.jus.br"),
    ("cartorio.civel@trf3.jus.br,", "cartorio.civel(@trf3.jus.br,"),
    ("gabinete12@adv.oabsp.org.br", "gabinete12(adv.oabsp.org.br"),
]

UNTOUCHED = [
    "Valor da causa R$ 1.234,56",
    "CPF 123.456.789-09",
    "CNPJ 12.345.678/0001-90",
    "com 32 páginas",
    "em 22 de março",
    "do art. 32 da",
    "a Lei 8.112/90",
    "a 28 de junho",
    "a 29 de junho",
    "as 19 Varas",
    "à 82 Vara",  # "82" sits on the baseline: a number, whatever the grammar says
    "nos itens 8 12 e 14",
    "pagou US$ 100",
    "Anexo S 2",
    "grupos 5 e 55 12",
    "sala 2 e 8 1º",
    "o 2º Grau e a 3ª Vara",
    "ver www.tjsp.jus.br",
    "pagou 12? Não",
    "juros de 1% ao mês",
    "multa de 10%.",
    "valor de 500* conforme",
    "do 1º a 3º Ofício",
    "dos arts. 1º a 3º.",
    "site (tjsp.jus.br)",
    "acesse o site tjsp.jus.br hoje",
    "o(a) servidor(a) gmail.com",
]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("font", TYPEFACES)
@pytest.mark.parametrize(("truth", "read"), MISREAD)
def test_a_misread_symbol_is_put_back(truth: str, read: str, font: str, size: int) -> None:
    # Given a line that shows ``truth`` and was read as ``read``
    pairs = list(zip(truth.split(), read.split(), strict=True))
    # When the rules look at it
    result = drawn(pairs, font, size)
    # Then the words and the page text say what the line shows
    assert " ".join(w.text for w in result.words) == truth
    assert result.text == truth + "\n"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("font", TYPEFACES)
@pytest.mark.parametrize("truth", UNTOUCHED)
def test_numbers_and_right_readings_are_left_alone(truth: str, font: str, size: int) -> None:
    result = drawn(line(truth), font, size)
    assert result.text == truth + "\n"


def test_the_page_text_changes_where_its_words_do() -> None:
    # Given a reading over two lines in which "32" is once a misread ordinal and once a number
    shown = [("à", "à"), ("3ª", "32"), ("Vara", "Vara"), ("32", "32"), ("páginas", "páginas")]
    result = drawn(shown, "DejaVuSerif.ttf", 46)
    # Then only the misread one changes, in the words and at the same place in the text
    assert [w.text for w in result.words] == ["à", "3ª", "Vara", "32", "páginas"]
    assert result.text == "à 3ª Vara 32 páginas\n"


def test_a_reading_with_nothing_to_put_back_is_returned_as_it_is() -> None:
    recognized = Recognized("Petição inicial\n", 91.0, ())
    image = GrayImage(bytes(100), 10, 10, 10)
    assert with_legal_symbols(recognized, image) is recognized


def test_glyphs_sit_where_they_are_drawn() -> None:
    # A raised º ends well above the baseline the digit stands on; a speck is no glyph.
    typeface = ImageFont.truetype(str(FONTS / "DejaVuSerif.ttf"), 46)
    image = Image.new("L", (200, 120), 255)
    draw = ImageDraw.Draw(image)
    left, top, right, bottom = draw.textbbox((20, 30), "2º", font=typeface)
    draw.text((20, 30), "2º", fill=0, font=typeface)
    image.putpixel((right - 2, bottom - 2), 0)
    word = PixelWord("2º", left, top, right - left + 1, bottom - top + 1, 90.0, 1, 1, 1)
    digit, mark = glyphs(GrayImage.from_pil(image), word)
    assert digit.bottom - mark.bottom > 0.3 * (digit.bottom - digit.top)


@pytest.mark.parametrize(
    ("languages", "expected"),
    [("por+eng", True), ("eng+por", True), ("por", True), ("eng", False), ("deu+eng", False), ("spa", False)],
)
def test_only_portuguese_readings_are_corrected(languages: str, expected: bool) -> None:
    assert applies(languages) is expected


@pytest.mark.parametrize(("read", "expected"), [("3º", "3ª"), ("32", "32")])
def test_a_mark_touching_its_digit_only_gets_its_gender(read: str, expected: str) -> None:
    # Given "3ª" printed so tight that the mark touches the digit (one run of inked columns)
    typeface = ImageFont.truetype(str(FONTS / "LiberationSerif-Regular.ttf"), 46)
    image = Image.new("L", (400, 140), 255)
    draw = ImageDraw.Draw(image)
    draw.text((40, 40), "3", fill=0, font=typeface)
    draw.text((40 + typeface.getlength("3") - 6, 40), "ª", fill=0, font=typeface)
    draw.text((140, 40), "Vara", fill=0, font=typeface)
    pixels = GrayImage.from_pil(image)
    mark = PixelWord(read, 38, 40, 70, 50, 90.0, 1, 1, 1)
    noun = PixelWord("Vara", 138, 40, 100, 50, 90.0, 1, 1, 1)
    assert len(glyphs(pixels, mark)) == 1
    # When it was read as "3º" the noun decides; read as "32" the pixels cannot tell, so it stays
    result = with_legal_symbols(Recognized(f"{read} Vara\n", 90.0, (mark, noun)), pixels)
    assert result.text == f"{expected} Vara\n"


@pytest.mark.parametrize(
    ("local", "domain"),
    [
        ("protocolo", "(gmail.com"),
        ("protocolo", "@gmail.com"),
        ("protocolo", "©gmail.com"),
        ("protocolo(o", "gmail.com"),
    ],
)
def test_an_address_split_where_its_at_sign_was_is_one_word_again(local: str, domain: str) -> None:
    # Given "Contato: protocolo@gmail.com para" read as "protocolo" and "(gmail.com", two words
    texts = ["Contato:", local, domain, "para"]
    lefts = [10, 120, 260, 420]
    words = tuple(
        PixelWord(t, x, 20, 100 if x == 120 else 130, 30, 90.0, 1, 1, 1)
        for t, x in zip(texts, lefts, strict=True)
    )
    recognized = Recognized(f"Contato: {local} {domain} para\nfim\n", 90.0, words)
    # When the rules look at it
    result = with_legal_symbols(recognized, GrayImage(bytes(600 * 80), 600, 80, 600))
    # Then the address is one word over both boxes, in the words and in the text
    assert [w.text for w in result.words] == ["Contato:", "protocolo@gmail.com", "para"]
    address = result.words[1]
    assert (address.left, address.width) == (120, 270)
    assert result.text == "Contato: protocolo@gmail.com para\nfim\n"


def test_a_domain_in_brackets_after_a_word_is_an_aside() -> None:
    words = (
        PixelWord("site", 10, 20, 60, 30, 90.0, 1, 1, 1),
        PixelWord("(tjsp.jus.br)", 80, 20, 160, 30, 90.0, 1, 1, 1),
    )
    recognized = Recognized("site (tjsp.jus.br)\n", 90.0, words)
    assert with_legal_symbols(recognized, GrayImage(bytes(300 * 80), 300, 80, 300)) is recognized


@pytest.mark.parametrize("font", TYPEFACES)
def test_an_at_sign_left_unread_between_two_halves_is_put_back(font: str) -> None:
    # Given "fulano@gmail.com" read as "fulano" and "gmail.com": Tesseract dropped the @'s ink
    typeface = ImageFont.truetype(str(FONTS / font), 31)
    image = Image.new("L", (600, 100), 255)
    draw = ImageDraw.Draw(image)
    draw.text((20, 30), "fulano@gmail.com", fill=0, font=typeface)
    image = image.filter(ImageFilter.GaussianBlur(0.6))

    def box(text: str, start: float) -> PixelWord:
        left, top, right, bottom = (round(v) for v in draw.textbbox((start, 30), text, font=typeface))
        return PixelWord(text, left, top, right - left, bottom - top, 90.0, 1, 1, 1)

    local = box("fulano", 20)
    domain = box("gmail.com", 20 + typeface.getlength("fulano@"))
    recognized = Recognized("fulano gmail.com\n", 90.0, (local, domain))
    # When the rules look at it
    result = with_legal_symbols(recognized, GrayImage.from_pil(image))
    # Then the address is whole again
    assert result.text == "fulano@gmail.com\n"
    assert [w.text for w in result.words] == ["fulano@gmail.com"]


def test_a_word_box_the_size_of_a_page_is_not_measured() -> None:
    # A "word" over a whole drawing is no short token of print: not copied, not measured.
    row = bytes(100) + b"\xff" * 1900  # ink at the left of every row, so there is something to measure
    image = GrayImage(row * 1000, 2000, 1000, 2000)
    assert glyphs(image, PixelWord("32", 0, 0, 2000, 1000, 40.0, 1, 1, 1)) == []
    assert len(glyphs(image, PixelWord("32", 0, 0, 200, 1000, 40.0, 1, 1, 1))) == 1


MERGED = [
    # (what the line shows, word by word as Tesseract boxed it; what it read; the words expected)
    (["dos", "§§ 3º", "e", "4º"], ["dos", "883º", "e", "4º"], "dos §§ 3º e 4º"),
    (["art.", "4º,", "§ 7º."], ["art.", "4º,", "87º."], "art. 4º, § 7º."),
    (["art.", "7º, §", "8º."], ["art.", "7º,8", "8º."], "art. 7º, § 8º."),
    (["art.", "2º, §", "2º."], ["art.", "22,8", "2º."], "art. 2º, § 2º."),
]
MERGED_UNTOUCHED = [
    ["nota", "7,8", "10"],
    ["Lei", "8812", "de", "1994"],
    ["item", "5,5", "12"],
    ["sala", "882", "e", "883"],
]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("font", TYPEFACES)
@pytest.mark.parametrize(("shown", "read", "expected"), MERGED)
def test_a_section_sign_run_into_a_neighbour_is_cut_out(
    shown: list[str], read: list[str], expected: str, font: str, size: int
) -> None:
    # Given a § that Tesseract read as part of the number after it, or of the word before it
    result = drawn(list(zip(shown, read, strict=True)), font, size)
    # Then it is a word of its own again, in the words and in the text
    assert " ".join(w.text for w in result.words) == expected
    assert result.text == expected + "\n"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("font", TYPEFACES)
@pytest.mark.parametrize("shown", MERGED_UNTOUCHED)
def test_numbers_that_look_like_a_merged_section_sign_stay(shown: list[str], font: str, size: int) -> None:
    result = drawn([(word, word) for word in shown], font, size)
    assert result.text == " ".join(shown) + "\n"
