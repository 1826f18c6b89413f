"""Storing results: the on-disk page cache and the resume journal (SQLite)."""
