"""Scriba's window (PySide6). No OCR logic here: it shows what app.core computes.

Keep this file free of Qt imports: ``app.gui.export_worker`` runs in a child process that
must not load Qt.
"""
