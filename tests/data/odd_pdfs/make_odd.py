"""Make the odd PDFs that no public test suite had in a licence we can ship (gen_*.pdf).

Every page is a small scan (a greyscale or bitonal image of known English text, drawn with
DejaVu Sans), so a reader that gets past the odd structure has something to recognise. The
structure is written byte by byte (RawPdf) where pikepdf or pypdf would repair it on save;
encryption is done with pikepdf (qpdf); the signature is a real CMS detached signature made
with cryptography over a throwaway key. The encrypted and signed files differ on every run
(random salts, IDs and ECDSA nonces); the others come out byte-identical.

Run from the repository root: ``uv run --group bench python tests/data/odd_pdfs/make_odd.py [OUT_DIR]``.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

from raw_pdf import PAGE_PT, RawPdf, ccitt_g4, flat, scan, scan_page

HERE = Path(__file__).resolve().parent


def page_tree_loop() -> bytes:
    pdf = flat(1)
    pdf.add(2, "<< /Type /Pages /Kids [10 0 R 2 0 R] /Count 2 >>")
    return pdf.write()


def page_tree_loop_two_nodes() -> bytes:
    pdf = flat(1)
    pdf.add(2, "<< /Type /Pages /Kids [10 0 R 3 0 R] /Count 3 >>")
    pdf.add(3, "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>")
    return pdf.write()


def page_tree_deep(depth: int = 150) -> bytes:
    pdf = RawPdf()
    pdf.add(1, "<< /Type /Catalog /Pages 1000 0 R >>")
    for level in range(depth):
        parent = f"/Parent {999 + level} 0 R " if level else ""
        kid = 1000 + level + 1 if level < depth - 1 else 10
        pdf.add(1000 + level, f"<< /Type /Pages {parent}/Kids [{kid} 0 R] /Count 1 >>")
    scan_page(pdf, 1, 10, 999 + depth)
    return pdf.write()


def mediabox(box: str) -> Callable[[], bytes]:
    return lambda: flat(1, box=box).write()


def mediabox_inherited() -> bytes:
    pdf = flat(2, box="")
    pdf.add(2, f"<< /Type /Pages /Kids [10 0 R 20 0 R] /Count 2 /MediaBox [0 0 {PAGE_PT[0]} {PAGE_PT[1]}] >>")
    return pdf.write()


def xref_shifted() -> bytes:
    return flat(2).write(shift=13)


def xref_missing() -> bytes:
    out, _ = flat(2).body()
    return out + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


def startxref_wrong() -> bytes:
    data = flat(1).write()
    head, _, _ = data.rpartition(b"startxref\n")
    return head + b"startxref\n999999\n%%EOF\n"


def xref_prev_loop() -> bytes:
    return flat(1).write(prev_self=True)


def objstm_self_ref() -> bytes:
    """Object stream 6 holds object 6 itself and /Extends itself; the xref stream agrees."""
    pdf = flat(1)
    inner = b"<< /Type /ObjStm >> << /Title (inside a looping object stream) >>"
    header = b"6 0 7 20 "
    pdf.stream(6, f"/Type /ObjStm /N 2 /First {len(header)} /Extends 6 0 R", header + inner)
    out, offsets = pdf.body()
    xref_num = max(offsets) + 1
    xref_at = len(out)
    rows = bytearray()
    for num in range(xref_num + 1):
        if num == 0:
            rows += bytes([0]) + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")
        elif num == 6:
            rows += bytes([2]) + (6).to_bytes(4, "big") + (0).to_bytes(2, "big")
        elif num == 7:
            rows += bytes([2]) + (6).to_bytes(4, "big") + (1).to_bytes(2, "big")
        elif num == xref_num:
            rows += bytes([1]) + xref_at.to_bytes(4, "big") + (0).to_bytes(2, "big")
        elif num in offsets:
            rows += bytes([1]) + offsets[num].to_bytes(4, "big") + (0).to_bytes(2, "big")
        else:
            rows += bytes([0]) + (0).to_bytes(4, "big") + (0).to_bytes(2, "big")
    keys = f"/Type /XRef /Size {xref_num + 1} /W [1 4 2] /Root 1 0 R /Info 7 0 R /Length {len(rows)}"
    xref = f"{xref_num} 0 obj\n<< {keys} >>\nstream\n".encode() + bytes(rows) + b"\nendstream\nendobj\n"
    return out + xref + f"startxref\n{xref_at}\n%%EOF\n".encode()


def kids_not_pages() -> bytes:
    pdf = flat(2)
    pdf.add(2, "<< /Type /Pages /Kids [10 0 R null 42 (page) 20 0 R 5 0 R] /Count 2 >>")
    pdf.add(5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return pdf.write()


def page_type_missing() -> bytes:
    pdf = flat(2)
    body = pdf.objects[20].replace(b"/Type /Page ", b"")
    pdf.add(20, body)
    return pdf.write()


def count_wrong() -> bytes:
    pdf = flat(2)
    pdf.add(2, "<< /Type /Pages /Kids [10 0 R 20 0 R] /Count 1000000000 >>")
    return pdf.write()


def empty_pages_node() -> bytes:
    pdf = flat(1)
    pdf.add(2, "<< /Type /Pages /Kids [3 0 R 10 0 R 4 0 R] /Count 1 >>")
    pdf.add(3, "<< /Type /Pages /Parent 2 0 R /Kids [] /Count 0 >>")
    pdf.add(4, "<< /Type /Pages /Parent 2 0 R >>")
    return pdf.write()


def contents_missing() -> bytes:
    pdf = flat(2)
    pdf.add(20, pdf.objects[20].replace(b"/Contents 21 0 R", b"/Contents 99 0 R"))
    del pdf.objects[21]
    return pdf.write()


def form_recursive() -> bytes:
    pdf = flat(1)
    pdf.add(10, pdf.objects[10].replace(b"/Im0 12 0 R", b"/Im0 12 0 R /Fx 5 0 R"))
    pdf.stream(11, "", b"q 297.6 0 0 420 0 0 cm /Im0 Do Q /Fx Do\n")
    pdf.stream(
        5,
        "/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /Fx 5 0 R >> >>",
        b"/Fx Do\n",
    )
    return pdf.write()


def rotate_attr() -> bytes:
    """Four pages with /Rotate 0, 90, 180, 270 whose images are turned so each shows upright."""
    pdf = flat(4)
    for i, angle in enumerate((0, 90, 180, 270)):
        img = scan(i + 1).rotate(angle, expand=True)
        scan_page(pdf, i + 1, 10 * (i + 1), 2, img=img, extra=f"/Rotate {angle}")
    return pdf.write()


def rotate_odd_values() -> bytes:
    pdf = flat(3)
    for i, angle in enumerate(("-90", "450", "45")):
        scan_page(pdf, i + 1, 10 * (i + 1), 2, extra=f"/Rotate {angle}")
    return pdf.write()


def scan_sideways() -> bytes:
    pdf = flat(1)
    scan_page(pdf, 1, 10, 2, img=scan(1, sideways=True))
    return pdf.write()


def scan_ccitt() -> bytes:
    pdf = flat(1)
    img = scan(1)
    data, parms = ccitt_g4(img)
    pdf.stream(
        12,
        f"/Type /XObject /Subtype /Image /Width {img.width} /Height {img.height}"
        f" /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms {parms}",
        data,
    )
    return pdf.write()


def text_thin() -> bytes:
    """A scan with an invisible text layer holding only its first line (the rest is image)."""
    return flat(2, text_layer="Odd corpus page").write()


def text_garbage() -> bytes:
    """A scan whose invisible text layer is mojibake, as broken font maps produce."""
    return flat(1, text_layer="\xc3\x9e\xc2\xa7\xc3\xb0 q\\226\\227\\230 ~~~ ###").write()


def blank_page() -> bytes:
    pdf = flat(2)
    pdf.add(20, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 297.6 420] /Resources << >> >>")
    del pdf.objects[21], pdf.objects[22]
    return pdf.write()


def save_encrypted(data: bytes, *, user: str, owner: str, R: int, aes: bool = True) -> bytes:
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user=user, owner=owner, R=R, aes=aes, metadata=R >= 4))
    return out.getvalue()


def signed() -> bytes:
    """A scan page with a real adbe.pkcs7.detached signature (self-signed P-256 key)."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs7
    from cryptography.x509.oid import NameOID

    key = ec.derive_private_key(0x5C81BA, ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Scriba odd corpus test signer")])
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    pdf = flat(1)
    pdf.add(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] /SigFlags 3 >> >>")
    pdf.add(10, pdf.objects[10][:-2] + b"/Annots [5 0 R] >>")
    pdf.add(
        5,
        "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /Rect [0 0 0 0] /F 132"
        " /P 10 0 R /V 6 0 R >>",
    )
    placeholder = "0" * 16384
    pdf.add(
        6,
        "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached"
        " /ByteRange [0 0000000000 0000000000 0000000000] /M (D:20260101000000Z)"
        f" /Name (Scriba odd corpus) /Contents <{placeholder}> >>",
    )
    data = bytearray(pdf.write())
    start_hex = data.index(b"<" + placeholder.encode())
    end_hex = start_hex + len(placeholder) + 2
    ranges = f"[0 {start_hex:010d} {end_hex:010d} {len(data) - end_hex:010d}]".encode()
    at = data.index(b"[0 0000000000 0000000000 0000000000]")
    data[at : at + len(ranges)] = ranges
    signed_bytes = bytes(data[:start_hex] + data[end_hex:])
    cms = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(signed_bytes)
        .add_signer(cert, key, hashes.SHA256())
        .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary])
    )
    hexed = cms.hex().encode().ljust(len(placeholder), b"0")
    data[start_hex + 1 : end_hex - 1] = hexed
    return bytes(data)


CASES: dict[str, Callable[[], bytes]] = {
    "gen_page_tree_loop.pdf": page_tree_loop,
    "gen_page_tree_loop_two_nodes.pdf": page_tree_loop_two_nodes,
    "gen_page_tree_depth_150.pdf": page_tree_deep,
    "gen_mediabox_zero.pdf": mediabox("/MediaBox [0 0 0 0]"),
    "gen_mediabox_missing.pdf": mediabox(""),
    "gen_mediabox_inverted.pdf": mediabox(f"/MediaBox [{PAGE_PT[0]} {PAGE_PT[1]} 0 0]"),
    "gen_mediabox_not_numbers.pdf": mediabox("/MediaBox [0 0 (wide) null]"),
    "gen_mediabox_inherited.pdf": mediabox_inherited,
    "gen_cropbox_outside.pdf": mediabox(
        f"/MediaBox [0 0 {PAGE_PT[0]} {PAGE_PT[1]}] /CropBox [1000 1000 1200 1200]"
    ),
    "gen_xref_offsets_shifted.pdf": xref_shifted,
    "gen_xref_missing.pdf": xref_missing,
    "gen_startxref_wrong.pdf": startxref_wrong,
    "gen_xref_prev_loop.pdf": xref_prev_loop,
    "gen_objstm_self_ref.pdf": objstm_self_ref,
    "gen_kids_not_pages.pdf": kids_not_pages,
    "gen_page_type_missing.pdf": page_type_missing,
    "gen_count_wrong.pdf": count_wrong,
    "gen_empty_pages_nodes.pdf": empty_pages_node,
    "gen_contents_missing.pdf": contents_missing,
    "gen_form_xobject_recursive.pdf": form_recursive,
    "gen_rotate_attr.pdf": rotate_attr,
    "gen_rotate_odd_values.pdf": rotate_odd_values,
    "gen_scan_sideways.pdf": scan_sideways,
    "gen_scan_jpeg.pdf": lambda: flat(1).write(),
    "gen_scan_ccitt_g4.pdf": scan_ccitt,
    "gen_text_thin.pdf": text_thin,
    "gen_text_garbage.pdf": text_garbage,
    "gen_blank_page.pdf": blank_page,
    "gen_signed.pdf": signed,
    # R6 (AES-256) user password "Café" (NFC). SASLprep (RFC 4013) maps "Cafe\u0301" (NFD, as
    # macOS keyboards type it) and "Caf\u00ade\u0301" (with a soft hyphen) to it.
    "gen_aes256_saslprep.pdf": lambda: save_encrypted(
        flat(1).write(), user="Caf\u00e9", owner="owner-\u00e9", R=6
    ),
    "gen_aes256_scan_user.pdf": lambda: save_encrypted(
        flat(2).write(), user="scan-user", owner="scan-owner", R=6
    ),
    "gen_aes128_owner_only.pdf": lambda: save_encrypted(flat(1).write(), user="", owner="owner-only", R=4),
    "gen_rc4_40_scan_user.pdf": lambda: save_encrypted(
        flat(1).write(), user="rc4user", owner="rc4owner", R=2, aes=False
    ),
}


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for name, make in CASES.items():
        (out / name).write_bytes(make())
        print(name, (out / name).stat().st_size)


if __name__ == "__main__":
    main()
