"""A tiny TrueType font for invisible text layers.

Every character of the text layer is drawn with one glyph of a fixed advance, so any Unicode
text can be laid over a scan without shipping a real font: the layer's text comes from the
ToUnicode map, its placement from the advance and the text matrix. The glyph is a solid box
the size of the em. The layer is drawn in render mode 3 (neither filled nor stroked), so the
box never shows; but it gives viewers a real glyph box to highlight on selection, and PDFium
(Chrome, Edge) drops characters with an empty glyph from rotated text and line ends.

Built here from the TrueType specification (tables ``head hhea maxp hmtx loca glyf cmap name
post OS/2``), under 800 bytes.
"""

from __future__ import annotations

import struct

UNITS_PER_EM = 1000
ADVANCE = 500  # every glyph's width; the text layer scales words horizontally to fit
ASCENT = 800
DESCENT = -200
FONT_NAME = "ScribaGlyphless"


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    words: tuple[int, ...] = struct.unpack(f">{len(padded) // 4}I", padded)
    return sum(words) & 0xFFFFFFFF


def _box_glyph() -> bytes:
    # One clockwise contour of four on-curve points: the glyph's em box.
    points = [(0, DESCENT), (0, ASCENT), (ADVANCE, ASCENT), (ADVANCE, DESCENT)]
    header = struct.pack(">hhhhh", 1, 0, DESCENT, ADVANCE, ASCENT)
    body = struct.pack(">HH", len(points) - 1, 0) + bytes([0x01] * len(points))
    xs, ys, px, py = b"", b"", 0, 0
    for x, y in points:
        xs += struct.pack(">h", x - px)
        ys += struct.pack(">h", y - py)
        px, py = x, y
    return header + body + xs + ys


def _name_table() -> bytes:
    names = {1: FONT_NAME, 2: "Regular", 3: f"{FONT_NAME} 1.0", 4: FONT_NAME, 5: "Version 1.0", 6: FONT_NAME}
    records, strings = b"", b""
    for name_id, value in names.items():
        encoded = value.encode("utf-16-be")
        records += struct.pack(">HHHHHH", 3, 1, 0x409, name_id, len(encoded), len(strings))
        strings += encoded
    return struct.pack(">HHH", 0, len(names), 6 + len(records)) + records + strings


def _os2_table() -> bytes:
    return struct.pack(
        ">HhHHHhhhhhhhhhhh10s4I4sHHHhhhHH2IhhHHH",
        3,  # version
        ADVANCE,  # xAvgCharWidth
        400,  # usWeightClass: regular
        5,  # usWidthClass: medium
        0,  # fsType: installable, so any viewer may embed and use it
        *(650, 600, 0, 75, 650, 600, 0, 350, 50, 250),  # sub/superscript, strikeout
        0,  # sFamilyClass
        bytes(10),  # panose
        1, 0, 0, 0,  # ulUnicodeRange: Basic Latin
        b"SCRB",  # achVendID
        0x40,  # fsSelection: regular
        0x20,  # usFirstCharIndex
        0xFFFF,  # usLastCharIndex
        ASCENT, DESCENT, 0,  # sTypoAscender, sTypoDescender, sTypoLineGap
        ASCENT, -DESCENT,  # usWinAscent, usWinDescent
        1, 0,  # ulCodePageRange: Latin 1
        ASCENT // 2, ASCENT,  # sxHeight, sCapHeight
        0, 0x20, 1,  # usDefaultChar, usBreakChar, usMaxContext
    )  # fmt: skip


def truetype() -> bytes:
    """The font file: glyph 0 is an empty ``.notdef``, glyph 1 the box every character uses."""
    glyph = _box_glyph()
    loca = struct.pack(">HHH", 0, 0, len(glyph) // 2)  # short offsets, in units of 2 bytes
    bbox = (0, DESCENT, ADVANCE, ASCENT)
    tables = {
        "OS/2": _os2_table(),
        "cmap": struct.pack(">HHHHI", 0, 1, 3, 1, 12)
        # Format 4 with only the required final segment: PDF maps CIDs to glyphs itself.
        + struct.pack(">HHHHHHHHHHhH", 4, 24, 0, 2, 2, 0, 0, 0xFFFF, 0, 0xFFFF, 1, 0),
        "glyf": glyph,
        "head": struct.pack(
            ">IIIIHHqqhhhhHHhhh",
            0x10000,
            0x10000,
            0,
            0x5F0F3CF5,
            0x000B,
            UNITS_PER_EM,
            0,
            0,
            *bbox,
            0,
            8,
            2,
            0,
            0,
        ),
        "hhea": struct.pack(
            ">IhhhHhhhhhhhhhhhH",
            0x10000,
            ASCENT,
            DESCENT,
            0,
            ADVANCE,
            0,
            0,
            ADVANCE,
            1,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            2,
        ),
        "hmtx": struct.pack(">HhHh", ADVANCE, 0, ADVANCE, 0),
        "loca": loca,
        "maxp": struct.pack(">IHHHHHHHHHHHHHH", 0x10000, 2, 4, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0),
        "name": _name_table(),
        "post": struct.pack(">IihhIIIII", 0x30000, 0, -100, 50, 1, 0, 0, 0, 0),
    }
    count = len(tables)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(
        ">IHHHH", 0x10000, count, power * 16, power.bit_length() - 1, count * 16 - power * 16
    )
    directory, body = b"", b""
    offset = len(header) + 16 * count
    for tag in sorted(tables):
        data = tables[tag]
        directory += struct.pack(
            ">4sIII", tag.encode("ascii"), _checksum(data), offset + len(body), len(data)
        )
        body += data + b"\0" * (-len(data) % 4)
    font = header + directory + body
    adjustment = (0xB1B0AFBA - _checksum(font)) & 0xFFFFFFFF
    head_at = font.index(b"head") + 8
    head_offset = struct.unpack(">I", font[head_at : head_at + 4])[0]
    return font[: head_offset + 8] + struct.pack(">I", adjustment) + font[head_offset + 12 :]


def to_unicode_cmap() -> bytes:
    """A ToUnicode CMap where each two-byte code is its own BMP code point (CID = UTF-16
    code unit), in ranges that never cross a first byte, as the PDF specification asks."""
    ranges = [
        f"<{high:02X}00> <{high:02X}FF> <{high:02X}00>" for high in range(256) if not 0xD8 <= high <= 0xDF
    ]
    blocks = []
    for start in range(0, len(ranges), 100):
        chunk = ranges[start : start + 100]
        blocks.append(f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange")
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            "<0000> <FFFF>",
            "endcodespacerange",
            *blocks,
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    ).encode("ascii")


def encode(text: str) -> bytes:
    """Two-byte codes for ``text`` under Identity-H: BMP code points; anything outside the
    BMP (or a lone surrogate) becomes U+FFFD, which this one-code-per-character layer
    cannot express otherwise."""
    units = [ord(c) if ord(c) <= 0xFFFF and not 0xD800 <= ord(c) <= 0xDFFF else 0xFFFD for c in text]
    return struct.pack(f">{len(units)}H", *units)
