"""The odd third-party and generated PDFs of tests/data/odd_pdfs, with what each should give.

Issue 15's tests parametrize over CASES (``pytest.mark.parametrize("case", CASES, ids=str)``);
bench/odd_pdfs_survey.py runs the CLI over them. Sources and licences: tests/data/odd_pdfs/MANIFEST.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ODD_DIR = Path(__file__).resolve().parent.parent / "data" / "odd_pdfs"

PIKEPDF = "pikepdf 10.18.0"
PYPDF = "pypdf 7.1.1"
PYPDFIUM2 = "pypdfium2 5.15.2"
GENERATED = "make_odd.py"

#: The words on every page of the generated scans (make_odd.page_text).
SCAN_WORDS = (
    "Odd",
    "corpus",
    "page",
    "quick",
    "brown",
    "fox",
    "jumps",
    "lazy",
    "dog",
    "Scriba",
    "Searchable",
)


@dataclass(frozen=True)
class OddPdf:
    """One file of the corpus and what a reader of it should get.

    Attributes:
        name: file name inside tests/data/odd_pdfs.
        source: package and version it came from, or GENERATED.
        licence: SPDX licence of the file.
        odd: what is odd about it.
        pages: the distinct page objects the file holds (what a repairing reader should find;
            PDFium counts a looping tree's repeats too).
        password: the password to pass (user or owner), "" when none is needed.
        user_password: the user (open) password, None when unknown.
        owner_password: the owner (permissions) password, None when unknown.
        encrypted: "", "RC4-40", "RC4-128", "AES-128", "AES-256 R5" or "AES-256 R6".
        readable: its pages can be read, so every export should be written. True for every file
            here: PDFium or qpdf reads each page, once the structure is repaired.
        signed: it carries a digital signature.
        scanned: its pages are images (text comes from OCR, not from a text layer).
        words: words its text must hold.
    """

    name: str
    source: str
    licence: str
    odd: str
    pages: int = 1
    password: str = ""
    user_password: str | None = ""
    owner_password: str | None = ""
    encrypted: str = ""
    readable: bool = True
    signed: bool = False
    scanned: bool = False
    words: tuple[str, ...] = ()

    @property
    def path(self) -> Path:
        return ODD_DIR / self.name

    def __str__(self) -> str:
        return self.name


def _gen(name: str, odd: str, pages: int = 1, **kw: object) -> OddPdf:
    kw.setdefault("scanned", True)
    kw.setdefault("words", SCAN_WORDS)
    return OddPdf(name, GENERATED, "CC0-1.0", odd, pages, **kw)  # type: ignore[arg-type]


def _qpdf_enc(
    name: str, encrypted: str, odd: str, user: str, owner: str, password: str | None = None
) -> OddPdf:
    """pypdf's encryption/ files: qpdf --encrypt USER OWNER over unencrypted.pdf (a text layer)."""
    return OddPdf(
        f"pypdf_{name}.pdf",
        PYPDF,
        "BSD-3-Clause",
        odd,
        1,
        password if password is not None else user,
        user,
        owner,
        encrypted,
        words=("encryption", "test"),
    )


ASDF = "asdfzxcv"

CASES: tuple[OddPdf, ...] = (
    # pikepdf's tests/resources (licences from its REUSE.toml)
    OddPdf(
        "pikepdf_badlin1.pdf", PIKEPDF, "Apache-2.0", "qpdf test file: broken linearization hint tables", 30
    ),
    OddPdf(
        "pikepdf_content-stream-errors.pdf",
        PIKEPDF,
        "Apache-2.0",
        "qpdf test file: content streams with syntax errors",
        4,
    ),
    OddPdf(
        "pikepdf_ccitt-endofline-true.pdf",
        PIKEPDF,
        "CC0-1.0",
        "CCITT fax scan with EndOfLine true",
        scanned=True,
    ),
    OddPdf("pikepdf_cyclic-toc.pdf", PIKEPDF, "CC-PDDC", "outline (bookmarks) that loops on itself"),
    OddPdf("pikepdf_pike-jp2.pdf", PIKEPDF, "CC-PDDC", "JPEG 2000 (JPXDecode) image page", scanned=True),
    OddPdf("pikepdf_congress-gray.pdf", PIKEPDF, "CC-PDDC", "greyscale JPEG photo page", scanned=True),
    OddPdf(
        "pikepdf_graph-encrypted.pdf",
        PIKEPDF,
        "CC-PDDC",
        "AES-256 R6 that opens only with its owner password",
        password="owner",
        user_password=None,
        owner_password="owner",
        encrypted="AES-256 R6",
        scanned=True,
    ),
    OddPdf("pikepdf_jbig2.pdf", PIKEPDF, "CC-PDDC", "JBIG2 bitonal scan", scanned=True),
    OddPdf("pikepdf_outlines.pdf", PIKEPDF, "MPL-2.0", "nested outlines, text pages", 2),
    OddPdf(
        "pikepdf_c03-29.pdf",
        PIKEPDF,
        "CC-PDDC",
        "public-domain scanned page (pdfa/ test input)",
        scanned=True,
    ),
    OddPdf("pikepdf_overlay.pdf", PIKEPDF, "MIT", "text over an image, made for PDF/A tests"),
    OddPdf("pikepdf_vector.pdf", PIKEPDF, "MIT", "vector drawing, no text"),
    # pypdf's resources/encryption (qpdf --encrypt over unencrypted.pdf)
    OddPdf(
        "pypdf_unencrypted.pdf",
        PYPDF,
        "BSD-3-Clause",
        "plain text page the encrypted copies came from",
        words=("encryption", "test"),
    ),
    _qpdf_enc("r2-empty-password", "RC4-40", "RC4 40-bit, empty user and owner passwords", "", ""),
    _qpdf_enc("r2-user-password", "RC4-40", "RC4 40-bit, user password", ASDF, ASDF),
    _qpdf_enc("r2-owner-password", "RC4-40", "RC4 40-bit, owner password only (opens without one)", "", ASDF),
    _qpdf_enc("r3-empty-password", "RC4-128", "RC4 128-bit R3, empty passwords", "", ""),
    _qpdf_enc("r3-user-password", "RC4-128", "RC4 128-bit R3, user password", ASDF, ASDF),
    _qpdf_enc("r4-user-password", "RC4-128", "RC4 128-bit R4 crypt filters, user password", ASDF, ASDF),
    _qpdf_enc("r4-owner-password", "RC4-128", "RC4 128-bit R4, owner password only", "", ASDF),
    _qpdf_enc("r4-aes-user-password", "AES-128", "AES-128 R4, user password", ASDF, ASDF),
    _qpdf_enc("r4-aes-v2-no-key-length", "AES-128", "AES-128 R4 whose crypt filter has no /Length", "", ""),
    _qpdf_enc(
        "r5-empty-password", "AES-256 R5", "AES-256 R5 (deprecated Adobe extension), empty passwords", "", ""
    ),
    _qpdf_enc(
        "r5-user-password",
        "AES-256 R5",
        "AES-256 R5, user password; the owner password is empty",
        ASDF,
        "",
        password=ASDF,
    ),
    _qpdf_enc("r5-owner-password", "AES-256 R5", "AES-256 R5, owner password only", "", ASDF),
    _qpdf_enc("r6-empty-password", "AES-256 R6", "AES-256 R6, empty passwords", "", ""),
    _qpdf_enc(
        "r6-user-password",
        "AES-256 R6",
        "AES-256 R6, user password; the owner password is empty",
        ASDF,
        "",
        password=ASDF,
    ),
    _qpdf_enc("r6-owner-password", "AES-256 R6", "AES-256 R6, owner password only", "", ASDF),
    _qpdf_enc("r6-both-passwords", "AES-256 R6", "AES-256 R6, user foo and owner bar", "foo", "bar"),
    # pypdf's resources
    OddPdf(
        "pypdf_crazyones-encrypted-256.pdf",
        PYPDF,
        "BSD-3-Clause",
        "AES-256 R6, user password",
        password="password",
        user_password="password",
        owner_password=None,
        encrypted="AES-256 R6",
        words=("crazy", "ones"),
    ),
    OddPdf(
        "pypdf_encrypted-file.pdf",
        PYPDF,
        "BSD-3-Clause",
        "RC4 128-bit R3, user password",
        password="test",
        user_password="test",
        owner_password=None,
        encrypted="RC4-128",
    ),
    OddPdf(
        "pypdf_encrypted_doc_no_id.pdf",
        PYPDF,
        "BSD-3-Clause",
        "RC4-40 encrypted but the trailer has no /ID",
        3,
        encrypted="RC4-40",
    ),
    OddPdf(
        "pypdf_libreoffice-writer-password.pdf",
        PYPDF,
        "BSD-3-Clause",
        "LibreOffice RC4-128, user password",
        password="openpassword",
        user_password="openpassword",
        owner_password=None,
        encrypted="RC4-128",
    ),
    OddPdf(
        "pypdf_imagemagick-CCITTFaxDecode.pdf",
        PYPDF,
        "BSD-3-Clause",
        "ImageMagick CCITT G4 image page",
        scanned=True,
    ),
    OddPdf(
        "pypdf_imagemagick-lzw.pdf",
        PYPDF,
        "BSD-3-Clause",
        "ImageMagick LZW-compressed image page",
        scanned=True,
    ),
    OddPdf("pypdf_indirect-rotation.pdf", PYPDF, "BSD-3-Clause", "/Rotate given as an indirect object", 5),
    OddPdf(
        "pypdf_test Orient.pdf", PYPDF, "BSD-3-Clause", "text in four orientations; a space in the file name"
    ),
    OddPdf(
        "pypdf_Seige_of_Vicksburg_Sample_OCR.pdf",
        PYPDF,
        "BSD-3-Clause",
        "scans with an OCR text layer",
        6,
        scanned=True,
        words=("Vicksburg",),
    ),
    OddPdf("pypdf_jpeg.pdf", PYPDF, "BSD-3-Clause", "one JPEG image page", scanned=True),
    OddPdf("pypdf_issue-297.pdf", PYPDF, "BSD-3-Clause", "xref table that strict readers refuse"),
    OddPdf("pypdf_bytes.pdf", PYPDF, "BSD-3-Clause", "metadata title as UTF-8 bytes"),
    OddPdf("pypdf_box.pdf", PYPDF, "BSD-3-Clause", "crop/trim/bleed/art boxes that differ"),
    # pypdfium2's tests/resources (from PDFium's test corpus)
    OddPdf(
        "pypdfium2_box_fallback.pdf", PYPDFIUM2, "BSD-3-Clause AND Apache-2.0", "page without any MediaBox"
    ),
    OddPdf("pypdfium2_toc_circular.pdf", PYPDFIUM2, "BSD-3-Clause AND Apache-2.0", "circular bookmarks", 2),
    OddPdf(
        "pypdfium2_toc_maxdepth.pdf",
        PYPDFIUM2,
        "BSD-3-Clause AND Apache-2.0",
        "bookmark /Count edited to 100",
        2,
    ),
    OddPdf(
        "pypdfium2_form_object_with_image.pdf",
        PYPDFIUM2,
        "BSD-3-Clause AND Apache-2.0",
        "image inside a form XObject",
        scanned=True,
    ),
    # made by make_odd.py
    _gen("gen_page_tree_loop.pdf", "Pages node lists itself among its Kids"),
    _gen("gen_page_tree_loop_two_nodes.pdf", "two Pages nodes that are each other's kid"),
    _gen("gen_page_tree_depth_150.pdf", "page tree 150 Pages nodes deep"),
    _gen("gen_mediabox_zero.pdf", "MediaBox [0 0 0 0]"),
    _gen("gen_mediabox_missing.pdf", "no MediaBox on the page or its parents"),
    _gen("gen_mediabox_inverted.pdf", "MediaBox corners given top-right first"),
    _gen("gen_mediabox_not_numbers.pdf", "MediaBox [0 0 (wide) null]"),
    _gen("gen_mediabox_inherited.pdf", "MediaBox only on the Pages root", 2),
    _gen("gen_cropbox_outside.pdf", "CropBox entirely outside the MediaBox"),
    _gen("gen_xref_offsets_shifted.pdf", "every xref offset 13 bytes off", 2),
    _gen("gen_xref_missing.pdf", "no xref table and no startxref", 2),
    _gen("gen_startxref_wrong.pdf", "startxref points past the end of the file"),
    _gen("gen_xref_prev_loop.pdf", "trailer /Prev points at its own xref"),
    _gen("gen_objstm_self_ref.pdf", "object stream that holds itself, /Extends itself (xref stream)"),
    _gen("gen_kids_not_pages.pdf", "Kids hold null, a number, a string and a font", 2),
    _gen("gen_page_type_missing.pdf", "second page has no /Type", 2),
    _gen("gen_count_wrong.pdf", "/Count 1000000000 over two pages", 2),
    _gen("gen_empty_pages_nodes.pdf", "empty Pages nodes (no Kids, Kids [])"),
    _gen("gen_contents_missing.pdf", "second page's /Contents points at a missing object (a blank page)", 2),
    _gen("gen_form_xobject_recursive.pdf", "form XObject that draws itself"),
    _gen("gen_rotate_attr.pdf", "/Rotate 0, 90, 180, 270, each showing upright text", 4),
    _gen("gen_rotate_odd_values.pdf", "/Rotate -90, 450 and 45 (not a multiple of 90)", 3),
    _gen("gen_scan_sideways.pdf", "scan lying on its side, no /Rotate"),
    _gen("gen_scan_jpeg.pdf", "plain greyscale JPEG scan (the good file of the batch)"),
    _gen("gen_scan_ccitt_g4.pdf", "bitonal CCITT G4 scan"),
    _gen("gen_text_thin.pdf", "scan with an invisible text layer holding only 'Odd corpus page'", 2),
    _gen("gen_text_garbage.pdf", "scan with an invisible text layer of mojibake"),
    _gen("gen_blank_page.pdf", "second page has no content and no resources", 2),
    _gen(
        "gen_signed.pdf",
        "adbe.pkcs7.detached signature (self-signed P-256, valid over its ByteRange)",
        signed=True,
    ),
    _gen(
        "gen_aes256_saslprep.pdf",
        "AES-256 R6 user password 'Café'; SASLprep maps 'Cafe\\u0301' to it",
        password="Caf\u00e9",
        user_password="Caf\u00e9",
        owner_password="owner-\u00e9",
        encrypted="AES-256 R6",
    ),
    _gen(
        "gen_aes256_scan_user.pdf",
        "AES-256 R6 scan, user password",
        2,
        password="scan-user",
        user_password="scan-user",
        owner_password="scan-owner",
        encrypted="AES-256 R6",
    ),
    _gen(
        "gen_aes128_owner_only.pdf",
        "AES-128 scan with an owner password only",
        user_password="",
        owner_password="owner-only",
        encrypted="AES-128",
    ),
    _gen(
        "gen_rc4_40_scan_user.pdf",
        "RC4 40-bit scan, user password",
        password="rc4user",
        user_password="rc4user",
        owner_password="rc4owner",
        encrypted="RC4-40",
    ),
)

#: A password that needs SASLprep: NFD "Cafe\u0301" must open gen_aes256_saslprep.pdf.
SASLPREP_PASSWORD = "Cafe\u0301"

ENCRYPTED = tuple(case for case in CASES if case.encrypted)
SIGNED = tuple(case for case in CASES if case.signed)
#: Files that ended a --format pdf batch with a traceback or gave no PDF in the issue 15 baseline
#: (bench/RESULTS.md); a batch should put one between two good scans.
NASTY = tuple(
    case
    for case in CASES
    if case.name
    in {
        "gen_page_tree_loop.pdf",
        "gen_page_tree_loop_two_nodes.pdf",
        "gen_page_tree_depth_150.pdf",
        "gen_mediabox_zero.pdf",
        "gen_mediabox_missing.pdf",
        "gen_mediabox_not_numbers.pdf",
        "gen_cropbox_outside.pdf",
        "gen_xref_missing.pdf",
        "gen_objstm_self_ref.pdf",
        "gen_kids_not_pages.pdf",
        "pikepdf_cyclic-toc.pdf",
        "pypdfium2_box_fallback.pdf",
    }
)
