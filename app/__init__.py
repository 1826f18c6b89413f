"""Scriba: OCR for scanned PDFs."""

__version__ = "0.1.0"
