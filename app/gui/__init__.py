"""Scriba's window (PySide6). No OCR logic here: it shows what app.core computes.

Keep this file free of Qt imports: a child process that imports a module of this package must
not load Qt.
"""
