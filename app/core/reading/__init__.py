"""Reading pages: opening documents (PDFs and scanner images), rendering, cleaning up (upright,
straight, blank or not), judging text layers and recognising text. Pure functions of a page; no
processes, no storage."""
