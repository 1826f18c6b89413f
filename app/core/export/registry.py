"""The export formats by name, and the one call that writes any of them.

``FORMATS`` is the one list of formats: the CLI's ``--format`` choices, the window's Export
menu and its file dialog filters are made from it (names, suffixes, labels in both languages).
"""

from __future__ import annotations

from pathlib import Path

from app.core.export.alto import AltoExporter
from app.core.export.atomic import same_file, write_atomically
from app.core.export.base import ExportDocument, Exporter, ExportError, ExportOptions
from app.core.export.docx import DocxExporter
from app.core.export.hocr import HocrExporter
from app.core.export.pdf import SearchablePdfExporter
from app.core.export.pdfa import PdfAExporter
from app.core.export.txt import TextExporter

FORMATS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (
        TextExporter(),
        DocxExporter(),
        SearchablePdfExporter(),
        PdfAExporter(),
        AltoExporter(),
        HocrExporter(),
    )
}


def format_label(name: str, language: str = "en") -> str:
    """The format as a menu names it: ``Text (.txt)``, ``Texto (.txt)``."""
    exporter = FORMATS[name]
    return f"{_in(exporter.label, language)} ({exporter.suffix})"


def format_filter(name: str, language: str = "en") -> str:
    """The file dialog filter of a format: ``Plain text (*.txt)``."""
    exporter = FORMATS[name]
    return f"{_in(exporter.description, language)} (*{exporter.suffix})"


def _in(names: tuple[str, str], language: str) -> str:
    return names[1] if language == "pt_BR" else names[0]


def format_for_path(path: Path) -> str | None:
    """The format a file name asks for (``.txt`` -> ``txt``), or ``None``."""
    suffix = Path(path).suffix.lower()
    for name, exporter in FORMATS.items():
        if exporter.suffix == suffix:
            return name
    return None


def export_document(
    doc: ExportDocument, target: Path, fmt: str | None = None, *, page_markers: bool = False
) -> Path:
    """Write ``doc`` to ``target`` in format ``fmt`` (default: from the target's suffix).

    The write is atomic: the target keeps its old content until the new file is complete,
    and no temporary file is left behind on failure.

    Returns:
        The path written.

    Raises:
        ExportError: With a ``code`` and the catalog's sentence for the user.
    """
    target = Path(target)
    name = fmt or format_for_path(target)
    if name is None:
        known = ", ".join(dict.fromkeys(exporter.suffix for exporter in FORMATS.values()))
        raise ExportError("format", "export_no_suffix", target=target, detail=known)
    exporter = FORMATS.get(name)
    if exporter is None:
        raise ExportError("format", "export_unknown_format", target=target, detail=repr(name))
    if same_file(target, doc.source):
        # Replacing the scan the results came from would lose the original for good.
        raise ExportError("same_as_source", "export_same_as_source", target=target)
    options = ExportOptions(page_markers=page_markers)
    return write_atomically(target, lambda handle: exporter.write(doc, handle, options))
