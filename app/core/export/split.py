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
import logging
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from app.core.export.atomic import same_file, write_all_atomically, write_atomically
from app.core.export.base import ExportDocument, ExportError, ExportOptions
from app.core.export.compress import Compression, compress, ladder
from app.core.export.pdfa import make_pdfa
from app.core.export.pikepdf_source import save_to, saved_size, searchable_pdf

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


def _document(
    doc: ExportDocument, fmt: str, options: ExportOptions, *, from_images: bool = False
) -> pikepdf.Pdf:
    pdf = searchable_pdf(doc, options, from_images=from_images)
    if fmt == "pdfa":
        make_pdfa(pdf, doc.display_title)
    return pdf


def _write_document(
    doc: ExportDocument, fmt: str, options: ExportOptions, out: BinaryIO, step: Compression | None
) -> int:
    """Write the document (compressed at ``step``) into ``out``; its size before compression.

    Streamed to ``out`` as qpdf writes it: no whole document is ever held in memory.
    """
    pdfa = fmt == "pdfa"
    start = out.tell()
    for from_images in (False, True):
        try:
            with _document(doc, fmt, options, from_images=from_images) as pdf:
                before = None
                if step is not None:
                    before = saved_size(pdf, pdfa=pdfa)
                    compress(pdf, step)
                save_to(pdf, out, pdfa=pdfa)
                return before if before is not None else out.tell() - start
        except RuntimeError as error:  # pikepdf.PdfError is one: qpdf met an object it cannot write
            if from_images:
                raise
            log.warning(
                "%s: qpdf cannot write the kept pages (%s); rebuilding them from their images",
                doc.source.name,
                error,
            )
            out.seek(start)
            out.truncate()
    raise AssertionError("unreachable")


def _save_file(pdf: pikepdf.Pdf, path: Path, *, pdfa: bool) -> int:
    with path.open("w+b") as handle:
        save_to(pdf, handle, pdfa=pdfa)
        return handle.tell()


def _pages(data: Path, first: int, stop: int, out: Path, *, pdfa: bool) -> int:
    """Write the file holding pages ``first`` to ``stop - 1`` of ``data`` only; its size."""
    import pikepdf

    with pikepdf.open(data) as pdf:
        total = len(pdf.pages)
        for index in reversed(range(total)):
            if not first <= index < stop:
                del pdf.pages[index]
        return _save_file(pdf, out, pdfa=pdfa)


def _compressed(original: Path, settings: Compression, out: Path, *, pdfa: bool) -> Path:
    import pikepdf

    with pikepdf.open(original) as pdf:
        compress(pdf, settings)
        _save_file(pdf, out, pdfa=pdfa)
    return out


def _single_sizes(data: Path, *, pdfa: bool) -> list[int]:
    """The size of each page of ``data`` as a file of its own (with the catalog's output intent
    and XMP packet, which every part carries), from one open of ``data``."""
    import pikepdf

    sizes = []
    with pikepdf.open(data) as pdf:
        for page in pdf.pages:
            with pikepdf.new() as single:
                single.pages.append(page)
                for key in ("/OutputIntents", "/Metadata"):
                    if key in pdf.Root:
                        single.Root[key] = _copied(single, pdf.Root[key])
                sizes.append(saved_size(single, pdfa=pdfa))
    return sizes


def _copied(pdf: pikepdf.Pdf, value: pikepdf.Object) -> pikepdf.Object:
    """``value`` of another file, in ``pdf``: an object copied, or a direct array of them."""
    import pikepdf

    if isinstance(value, pikepdf.Array) and not value.is_indirect:
        return pikepdf.Array([_copied(pdf, item) for item in value])
    return pdf.copy_foreign(value) if value.is_indirect else value


def _parts(data: Path, limit: int, folder: Path, *, pdfa: bool) -> list[Path] | int:
    """``data`` cut into consecutive part files (in ``folder``) within ``limit``, or the page
    (0-based) that alone exceeds it."""
    singles = _single_sizes(data, pdfa=pdfa)
    count = len(singles)
    for index, size in enumerate(singles):
        if size > limit:
            return index
    # What every part holds once (fonts, ICC profile, XMP): the single pages' sum less the whole.
    shared = max(0, (sum(singles) - data.stat().st_size) // max(count - 1, 1))
    parts: list[Path] = []
    first = 0
    while first < count:
        stop, estimate = first + 1, singles[first]
        while stop < count and estimate + singles[stop] - shared <= limit:
            estimate += singles[stop] - shared
            stop += 1
        part = folder / f"{data.stem}-part-{len(parts) + 1}.pdf"
        # The estimate was short: one page fewer.
        while _pages(data, first, stop, part, pdfa=pdfa) > limit and stop - first > 1:
            stop -= 1
        parts.append(part)
        first = stop
    return parts


def sized_files(
    doc: ExportDocument, fmt: str, options: ExportOptions, folder: Path, target: Path | str = ""
) -> tuple[int, list[Path]]:
    """The document's size as made, and the files to put in place (one, or the parts in order),
    written in ``folder``. One compression step's document is on disk at a time beside the best
    split so far, and only the page images one step has recompressed are in memory.

    Raises:
        ExportError: ``page_too_large``: a page does not fit the limit even compressed.
    """
    pdfa = fmt == "pdfa"
    limit = options.max_size
    steps: list[Compression | None] = [None] if options.jpeg_quality is None else []
    steps += ladder(Compression(options.jpeg_quality or Compression().quality))
    original = folder / "original.pdf"
    with original.open("w+b") as handle:
        before = _write_document(doc, fmt, options, handle, None)
    if limit is None:
        step = steps[0]
        return before, [
            original if step is None else _compressed(original, step, folder / "1.pdf", pdfa=pdfa)
        ]
    too_large = 0
    best: list[Path] | None = None
    for number, step in enumerate(steps):  # one file if any step fits whole, at the best quality
        data = original if step is None else _compressed(original, step, folder / f"{number}.pdf", pdfa=pdfa)
        size = data.stat().st_size
        log.info("Size at %s: %d bytes (limit %d)", step or "no compression", size, limit)
        if size <= limit:
            return before, [data]
        if step is None:
            continue  # the document as made is never split: compressed first
        parts = _parts(
            data, limit, folder, pdfa=pdfa
        )  # else the fewest parts; of as many, the better quality
        if isinstance(parts, int):
            too_large = parts  # a page alone is over the limit at this step
        elif best is None or len(parts) < len(best):
            for old in best or ():
                old.unlink()
            best = parts
        else:
            for part in parts:
                part.unlink()
        data.unlink()
    if best is not None:
        return before, best
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
    if options.max_size is None:  # compression alone: written straight into the file
        sizes: list[int] = []

        def produce(handle: BinaryIO) -> None:
            sizes.append(
                _write_document(
                    doc, fmt, options, handle, Compression(options.jpeg_quality or Compression().quality)
                )
            )

        write_atomically(target, produce)
        return SizedExport(
            (target,), sizes[-1], target.stat().st_size, _leftovers(target, [target], doc.source)
        )
    with tempfile.TemporaryDirectory(prefix="scriba-size-") as folder:
        before, files = sized_files(doc, fmt, options, Path(folder), target.name)
        paths = part_paths(Path(target), len(files))
        for path in paths:  # x-1.pdf may be the document itself ("contrato-1.pdf" split in two)
            if same_file(path, doc.source):
                raise ExportError("same_as_source", "export_same_as_source", target=path)
        after = sum(file.stat().st_size for file in files)
        write_all_atomically(list(zip(paths, files, strict=True)))
    leftovers = _leftovers(target, paths, doc.source)
    return SizedExport(tuple(paths), before, after, leftovers)


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
