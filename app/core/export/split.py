"""A searchable PDF (or PDF/A) within a size limit: compressed when needed, else split into parts.

``export_sized`` writes ``<stem>.pdf`` when the document fits the limit (compressed first when
it does not fit as it is), else the compressed document as ``<stem>-1.pdf``, ``<stem>-2.pdf``,
... in page order, each within the limit and each a complete file (PDF/A when asked). The
compression steps are the user's (``--jpeg-quality``, default 75, at most 300 DPI), then quality
50 at 200 DPI, then 35 at 150 DPI (``compress.ladder``): the first step at which the whole
document fits gives one file; when none does, the step giving the fewest parts is used (of as
many, the better quality): a filing in 4 parts at 200 DPI is easier than one in 10 at 300. When one page cannot fit even at
the smallest compression step, nothing is written for the document: a filing without one of its
pages would be incomplete, and the user is told which page it is.
"""

from __future__ import annotations

import glob
import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.export.atomic import same_file, write_all_atomically
from app.core.export.base import ExportDocument, ExportError, ExportOptions
from app.core.export.compress import Compression, compress, ladder
from app.core.export.pdfa import make_pdfa
from app.core.export.pikepdf_source import saved, searchable_pdf

if TYPE_CHECKING:
    import pikepdf

log = logging.getLogger(__name__)

_UNITS = {"": 1, "B": 1, "KB": 1000, "MB": 1000_000, "GB": 1000_000_000}
_SIZE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([KMG]?B?)\s*$", re.IGNORECASE)
#: Below this no searchable page can be stored (the fonts and the file's own structure).
SMALLEST_LIMIT = 20_000


def parse_size(text: str) -> int:
    """``1.5MB`` -> 1500000; KB = 1000 bytes, MB = 1000000 (as the courts' portals count).

    Raises:
        ValueError: Not a size.
    """
    match = _SIZE.match(text)
    if not match:
        raise ValueError(text)
    number, unit = match.groups()
    unit = unit.upper()
    if unit and not unit.endswith("B"):
        unit += "B"
    size = int(float(number.replace(",", ".")) * _UNITS[unit])
    if size <= 0:
        raise ValueError(text)
    return size


def human_size(size: int) -> str:
    """1500000 -> ``1.5 MB``; 500000 -> ``500 KB``."""
    if size >= 1000_000:
        return f"{size / 1000_000:.2f}".rstrip("0").rstrip(".") + " MB"
    if size >= 1000:
        return f"{size / 1000:.1f}".rstrip("0").rstrip(".") + " KB"
    return f"{size} B"


@dataclass(frozen=True)
class SizedExport:
    """What was written: the files in page order, and the whole document's size before size
    control and after (the sum of the parts)."""

    paths: tuple[Path, ...]
    before: int
    after: int
    #: Parts of an earlier export of this name left in the folder (``x-3.pdf`` when this one has
    #: two parts, or any ``x-N.pdf`` when it is one file): not this document's; they are named to
    #: the user, never deleted (they may be another file).
    leftovers: tuple[Path, ...] = ()


def _pages(data: bytes, first: int, stop: int, *, pdfa: bool) -> bytes:
    """The file holding pages ``first`` to ``stop - 1`` of ``data`` only."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        total = len(pdf.pages)
        for index in reversed(range(total)):
            if not first <= index < stop:
                del pdf.pages[index]
        return saved(pdf, pdfa=pdfa)


def _document(
    doc: ExportDocument, fmt: str, options: ExportOptions, *, from_images: bool = False
) -> pikepdf.Pdf:
    pdf = searchable_pdf(doc, options, from_images=from_images)
    if fmt == "pdfa":
        make_pdfa(pdf, doc.display_title)
    return pdf


def _compressed(original: bytes, settings: Compression, *, pdfa: bool) -> bytes:
    import pikepdf

    with pikepdf.open(io.BytesIO(original)) as pdf:
        compress(pdf, settings)
        return saved(pdf, pdfa=pdfa)


def _parts(data: bytes, limit: int, *, pdfa: bool) -> list[bytes] | int:
    """``data`` cut into consecutive parts within ``limit``, or the page (0-based) that alone
    exceeds it."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        count = len(pdf.pages)
    singles = [len(_pages(data, index, index + 1, pdfa=pdfa)) for index in range(count)]
    for index, size in enumerate(singles):
        if size > limit:
            return index
    # What every part holds once (fonts, ICC profile, XMP): the single pages' sum less the whole.
    shared = max(0, (sum(singles) - len(data)) // max(count - 1, 1))
    parts: list[bytes] = []
    first = 0
    while first < count:
        stop, estimate = first + 1, singles[first]
        while stop < count and estimate + singles[stop] - shared <= limit:
            estimate += singles[stop] - shared
            stop += 1
        part = _pages(data, first, stop, pdfa=pdfa)
        while len(part) > limit and stop - first > 1:  # the estimate was short: one page fewer
            stop -= 1
            part = _pages(data, first, stop, pdfa=pdfa)
        parts.append(part)
        first = stop
    return parts


def sized_bytes(
    doc: ExportDocument, fmt: str, options: ExportOptions, target: Path | str = ""
) -> tuple[int, list[bytes]]:
    """The document's size as made, and the files to write (one, or the parts in order).

    Raises:
        ExportError: ``page_too_large``: a page does not fit the limit even compressed.
    """
    pdfa = fmt == "pdfa"
    try:
        with _document(doc, fmt, options) as pdf:
            original = saved(pdf, pdfa=pdfa)
    except RuntimeError as error:  # pikepdf.PdfError is one: qpdf met an object it cannot write
        log.warning(
            "%s: qpdf cannot write the kept pages (%s); rebuilding them from their images",
            doc.source.name,
            error,
        )
        with _document(doc, fmt, options, from_images=True) as pdf:
            original = saved(pdf, pdfa=pdfa)
    limit = options.max_size
    steps: list[Compression | None] = [None] if options.jpeg_quality is None else []
    steps += ladder(Compression(options.jpeg_quality or Compression().quality))
    if limit is None:
        step = steps[0]
        return len(original), [original if step is None else _compressed(original, step, pdfa=pdfa)]
    too_large = 0
    compressed: list[bytes] = []
    for step in steps:  # one file if any step makes the whole document fit, at the best quality
        data = original if step is None else _compressed(original, step, pdfa=pdfa)
        log.info("Size at %s: %d bytes (limit %d)", step or "no compression", len(data), limit)
        if len(data) <= limit:
            return len(original), [data]
        if step is not None:
            compressed.append(data)
    best: list[bytes] | None = None
    for data in compressed:  # else the fewest parts; of as many, the better quality
        parts = _parts(data, limit, pdfa=pdfa)
        if isinstance(parts, int):
            too_large = parts  # a page alone is over the limit at this step
        elif best is None or len(parts) < len(best):
            best = parts
    if best is not None:
        return len(original), best
    raise ExportError(
        "page_too_large",
        "export_page_too_large",
        target=target,
        name=doc.source.name,
        page=too_large + 1,
        limit=human_size(limit),
    )


def part_paths(target: Path, count: int) -> list[Path]:
    """``x.pdf`` for one file; ``x-1.pdf``, ``x-2.pdf``, ... for parts."""
    if count == 1:
        return [target]
    return [target.with_name(f"{target.stem}-{number}{target.suffix}") for number in range(1, count + 1)]


def export_sized(doc: ExportDocument, target: Path, fmt: str, options: ExportOptions) -> SizedExport:
    """Write ``doc`` as ``fmt`` (``pdf`` or ``pdfa``) within ``options.max_size``, compressed
    as ``options.jpeg_quality`` asks; see the module docstring.

    Raises:
        ExportError: As ``export_document`` does, and ``page_too_large``.
    """
    target = Path(target)
    if same_file(target, doc.source):
        raise ExportError("same_as_source", "export_same_as_source", target=target)
    before, files = sized_bytes(doc, fmt, options, target.name)
    paths = part_paths(Path(target), len(files))
    for path in paths:  # x-1.pdf may be the document itself ("contrato-1.pdf" split in two)
        if same_file(path, doc.source):
            raise ExportError("same_as_source", "export_same_as_source", target=path)
    write_all_atomically(list(zip(paths, files, strict=True)))
    leftovers = _leftovers(target, paths, doc.source)
    return SizedExport(tuple(paths), before, sum(len(data) for data in files), leftovers)


def _leftovers(target: Path, written: list[Path], source: Path) -> tuple[Path, ...]:
    """``target``'s numbered part names that exist beside it but were not written now (the
    document itself, ``contrato-1.pdf`` exported as ``contrato.pdf``, is no leftover)."""
    pattern = re.compile(rf"{re.escape(target.stem)}-(\d+){re.escape(target.suffix)}", re.IGNORECASE)
    found = []
    for path in target.parent.glob(f"{glob.escape(target.stem)}-*{target.suffix}"):
        match = pattern.fullmatch(path.name)
        if match and path not in written and not same_file(path, source):
            found.append((int(match[1]), path))
    return tuple(path for _, path in sorted(found))
