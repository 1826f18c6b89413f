"""Scriba's Qt-free core: everything that computes. Never imports PySide6."""
