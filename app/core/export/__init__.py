"""Exports of recognised documents: plain text, Word and searchable PDF.

Qt-free. One module per format, each an ``Exporter``; ``export_document`` picks one from
``FORMATS`` and writes atomically.
"""

from app.core.export.base import ExportDocument, Exporter, ExportError, ExportOptions
from app.core.export.registry import FORMATS, export_document, format_for_path

__all__ = [
    "FORMATS",
    "ExportDocument",
    "ExportError",
    "ExportOptions",
    "Exporter",
    "export_document",
    "format_for_path",
]
