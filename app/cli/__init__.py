"""The command line: ``scriba`` (the window), ``scriba ocr`` and ``scriba cache``."""
