"""Benchmark inputs made on the spot: dense Portuguese/English scans and a born-digital PDF.

A scanned page is ~30 lines of 11-12 pt text on A4 at 300 DPI, JPEG-compressed as a scanner
does; every 10 pages one comes sideways (90°) and one upside down (180°). The PDF is written
page by page (a 900-page file never sits in memory) and cached under ``bench/out/``.
"""

from __future__ import annotations

import io
import json
import random
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `uv run python bench/run.py` puts bench/, not the root, on the path
    sys.path.insert(0, str(ROOT))

from tests.pdfgen import page_image, text_pdf  # noqa: E402

OUT = ROOT / "bench" / "out"
DPI = 300
LINES = 30
GENERATOR_VERSION = 1  # bump when pages change, so cached files are remade

PT = [
    "O réu foi citado por edital e não apresentou contestação no prazo legal.",
    "A audiência de conciliação foi redesignada para o dia quinze de março.",
    "Nada mais havendo, foi encerrado o presente termo, que vai assinado pelas partes.",
    "O perito judicial apresentou o laudo técnico com as respostas aos quesitos.",
    "Intimem-se as partes para que se manifestem sobre os documentos juntados.",
    "A petição inicial veio acompanhada de procuração e comprovante de residência.",
    "Defiro o pedido de gratuidade da justiça, nos termos do artigo noventa e oito.",
    "O oficial de justiça certificou que o endereço informado não foi localizado.",
    "Os autos foram remetidos à contadoria para atualização dos cálculos.",
    "Vistos em correição; cumpra-se a decisão anterior com a máxima urgência.",
    "A testemunha declarou que conhecia o autor há mais de dez anos.",
    "Fica o executado intimado a pagar a dívida no prazo de quinze dias úteis.",
    "A sentença julgou procedente o pedido e condenou o réu ao pagamento das custas.",
    "Certifico que decorreu o prazo sem manifestação da parte contrária.",
    "Junte-se aos autos a cópia do contrato de locação e dos recibos de aluguel.",
    "A União apresentou embargos de declaração alegando omissão no acórdão.",
]
EN = [
    "The parties agree that this contract is governed by the laws of the state.",
    "Payment shall be made within thirty days of the date of the invoice.",
    "The witness stated that she had never seen the document before the hearing.",
    "Any notice under this agreement must be given in writing to the other party.",
    "The court granted the motion to dismiss for lack of jurisdiction.",
    "Delivery of the goods was delayed because of a strike at the port.",
    "The tenant shall keep the premises in good repair at his own expense.",
    "Minutes of the annual general meeting held on the fourth of June.",
    "The auditor found no material weakness in the internal controls.",
    "Please find enclosed a copy of the signed lease and the inventory.",
    "The defendant appealed the judgment on the ground of procedural error.",
    "All amounts are stated in euros and exclude value added tax.",
]


def page_text(index: int, lines_per_page: int = LINES) -> str:
    """The known text of scanned page ``index``: ~30 lines, Portuguese and English paragraphs."""
    rng = random.Random(index)
    width = 64 if index % 2 == 0 else 70  # 12 pt or 11 pt (see font_pt)
    lines: list[str] = [f"Processo n.º {1000 + index}/2024 — folha {index + 1}", ""]
    while len(lines) < lines_per_page:
        pool = PT if rng.random() < 0.65 else EN
        paragraph = " ".join(rng.choice(pool) for _ in range(rng.randint(2, 4)))
        lines += textwrap.wrap(paragraph, width) + [""]
    return "\n".join(lines[:lines_per_page]).strip() + "\n"


def rotation_of(index: int) -> int:
    return {3: 90, 7: 180}.get(index % 10, 0)


def jpeg_page(index: int, lines_per_page: int = LINES) -> tuple[bytes, int, int]:
    """Scanned page ``index`` as a scanner's JPEG, and its width and height in pixels."""
    font_pt = 12.0 if index % 2 == 0 else 11.0
    image = page_image(
        page_text(index, lines_per_page), dpi=DPI, font_pt=font_pt, rotate=rotation_of(index), seed=index
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80, dpi=(DPI, DPI))
    return buffer.getvalue(), image.width, image.height


def write_image_pdf(
    path: Path, count: int, make_page: Callable[[int], tuple[bytes, int, int]] = jpeg_page
) -> None:
    """A PDF of ``count`` JPEG pages (``make_page(i)``), each placed at 300 DPI, written object by object."""
    offsets: list[int] = []
    tmp = path.with_suffix(".part")
    with tmp.open("wb") as out:
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

        def put(number: int, body: bytes) -> None:
            while len(offsets) < number:
                offsets.append(0)
            offsets[number - 1] = out.tell()
            out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")

        # objects: 1 catalog, 2 page tree, then per page: page, content, image
        kids = [3 + 3 * i for i in range(count)]
        put(1, b"<< /Type /Catalog /Pages 2 0 R >>")
        put(2, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), count))
        for i in range(count):
            jpeg, width, height = make_page(i)
            w_pt, h_pt = width * 72 / DPI, height * 72 / DPI
            page, content, image = kids[i], kids[i] + 1, kids[i] + 2
            put(
                page,
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R "
                b"/Resources << /XObject << /Im0 %d 0 R >> >> >>" % (w_pt, h_pt, content, image),
            )
            ops = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (w_pt, h_pt)
            put(content, b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"\nendstream")
            put(
                image,
                b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
                % (width, height, len(jpeg))
                + jpeg
                + b"\nendstream",
            )
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
        for offset in offsets:
            out.write(b"%010d 00000 n \n" % offset)
        out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref))
    tmp.replace(path)


def scanned(count: int) -> Path:
    """The scanned benchmark PDF with ``count`` pages (made once, then reused)."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"scan-{count}-v{GENERATOR_VERSION}.pdf"
    if not path.exists():
        print(f"generating {path.name} ...", file=sys.stderr, flush=True)
        write_image_pdf(path, count)
        truth = path.with_suffix(".json")
        truth.write_text(json.dumps({"pages": [page_text(i) for i in range(count)]}, ensure_ascii=False))
    return path


def born_digital(count: int) -> Path:
    """A born-digital PDF (real text layer on every page, no OCR needed)."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"text-{count}-v{GENERATOR_VERSION}.pdf"
    if not path.exists():
        text_pdf(path, [page_text(i) for i in range(count)], font_pt=11.0)
    return path
