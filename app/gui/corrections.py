"""The user's corrections as the window keeps them: in memory at once, in the cache behind.

The review pane edits one document's pages through a :class:`DocumentCorrections`; the controller
hands them out (one per job) and reads them for the exports. A document's corrections are read
from the cache once, when its file hash is known, and are then kept here: every save changes the
copy in memory at once (an export right after sees it) and goes to the cache's one writer, the
job manager's dispatcher thread (``AppController.on_cache``), never written from the GUI thread.
Without a cache (turned off, or a document not hashed) they live for the session only.
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.storage.cache import Correction, ResultCache

#: Runs cache work on the cache's writer thread (``AppController.on_cache``).
OnCache = Callable[[Callable[[ResultCache], object]], bool]


class CorrectionBook:
    """Every document's corrections seen in this session, by file hash."""

    def __init__(self, read: Callable[[str], dict[int, Correction]], on_cache: OnCache) -> None:
        self._read = read  # a read of the cache: any thread may
        self._on_cache = on_cache
        self._documents: dict[str, dict[int, Correction]] = {}

    def of(self, digest: str) -> dict[int, Correction]:
        if digest not in self._documents:
            self._documents[digest] = self._read(digest)
        return self._documents[digest]

    def save(self, digest: str, correction: Correction) -> None:
        self.of(digest)[correction.page] = correction
        self._on_cache(
            lambda cache: cache.put_correction(digest, correction.page, correction.text, correction.base)
        )

    def remove(self, digest: str, page: int) -> None:
        if self.of(digest).pop(page, None) is not None:
            self._on_cache(lambda cache: cache.remove_correction(digest, page))


class DocumentCorrections:
    """One document's corrected pages: what the review pane shows and saves, what exports use."""

    def __init__(
        self, book: CorrectionBook | None = None, digest: Callable[[], str | None] = lambda: None
    ) -> None:
        self._book = book
        self._digest = digest
        self._local: dict[int, Correction] = {}  # until the document has a hash, or without a cache

    def _stored(self) -> dict[int, Correction] | None:
        digest = self._digest() if self._book is not None else None
        if digest is None or self._book is None:
            return None
        for correction in self._local.values():  # made before the hash was known: keep them
            self._book.save(digest, correction)
        self._local.clear()
        return self._book.of(digest)

    def follow(self, digest: Callable[[], str | None]) -> None:
        """The document's job was replaced (Retry): keep its hash if known, else ask the new job."""
        known = self._digest() if self._book is not None else None
        self._digest = (lambda: known) if known is not None else digest

    def all(self) -> dict[int, Correction]:
        """Page number (0-based) -> its correction."""
        stored = self._stored()
        return dict(stored if stored is not None else self._local)

    def texts(self) -> dict[int, str]:
        return {page: correction.text for page, correction in self.all().items()}

    def save(self, page: int, text: str, base: str) -> None:
        """Keep ``text`` as page ``page``'s text; ``base``: the OCR text it corrects."""
        correction = Correction(page, text, base)
        digest = self._digest() if self._book is not None else None
        if digest is not None and self._book is not None:
            self._stored()
            self._book.save(digest, correction)
        else:
            self._local[page] = correction

    def revert(self, page: int) -> None:
        """The page's OCR text again: its correction is dropped."""
        digest = self._digest() if self._book is not None else None
        if digest is not None and self._book is not None:
            self._stored()
            self._book.remove(digest, page)
        else:
            self._local.pop(page, None)


def carry(
    corrections: dict[int, DocumentCorrections], old_id: int, new_id: int, digest: Callable[[], str | None]
) -> None:
    """A row's job was replaced by ``new_id``: its corrections, saved or not, go with the row."""
    moved = corrections.pop(old_id, None)
    if moved is not None:
        moved.follow(digest)
        corrections[new_id] = moved
