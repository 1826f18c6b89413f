"""An upload, streamed from the request body to a file on disk as it arrives.

The body is ``multipart/form-data`` with the document in the field ``file`` and the options as
small text fields. It is parsed chunk by chunk (``python_multipart``), the document's bytes go
straight to ``target`` and are never held whole in memory, the size limit is enforced while
receiving, and the first bytes must be a PDF or a scanner's image (``reading.kinds``): a client's
file name is kept only as a label, never used as a path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from python_multipart.multipart import MultipartParser, parse_options_header

from app.core.reading.kinds import HEADER_WINDOW, DocumentKind, kind_of

FILE_FIELD = "file"
#: The text fields together (lang, force_ocr, ...), their names included: a form, not a second document.
MAX_FIELDS_BYTES = 64 * 1024
#: Parts of one upload (the document and a few options).
MAX_PARTS = 32
#: A label from the client, shown back in /status; cut so no header is unbounded.
MAX_NAME_CHARS = 255


class UploadRefused(Exception):
    """The upload is not accepted; ``code`` is a catalog code (``app.core.errors``), ``status``
    the HTTP status to answer with."""

    def __init__(self, code: str, status: int, **params: object) -> None:
        super().__init__(code)
        self.code, self.status, self.params = code, status, params


@dataclass
class Upload:
    """What arrived: the document's size and kind, its label, and the text fields."""

    size: int = 0
    kind: DocumentKind | None = None
    name: str = ""
    fields: dict[str, str] = field(default_factory=dict)


class UploadReceiver:
    """Feed it the body's chunks (``feed``), then ``finish``; the document lands in ``target``."""

    def __init__(self, content_type: str, target: Path, max_bytes: int) -> None:
        kind, params = parse_options_header(content_type)
        boundary = params.get(b"boundary")
        if kind != b"multipart/form-data" or not boundary:
            raise UploadRefused("server_not_multipart", 400)
        self.upload = Upload()
        self._target = target
        self._max_bytes = max_bytes
        self._out: BinaryIO | None = None
        self._head = b""  # the document's first bytes, until its kind is known
        self._part_name = ""
        self._part_file = False
        self._header_field = b""
        self._header_value = b""
        self._disposition = b""
        self._field_value = bytearray()
        self._fields_bytes = 0
        self._parts = 0
        self._seen_file = False
        self._error: UploadRefused | None = None
        self._parser = MultipartParser(
            boundary,
            {
                "on_part_begin": self._on_part_begin,
                "on_header_field": self._on_header_field,
                "on_header_value": self._on_header_value,
                "on_header_end": self._on_header_end,
                "on_headers_finished": self._on_headers_finished,
                "on_part_data": self._on_part_data,
                "on_part_end": self._on_part_end,
            },
        )

    def feed(self, chunk: bytes) -> None:
        try:
            self._parser.write(chunk)
        except UploadRefused:
            raise
        except Exception as exc:  # python_multipart's parse errors have no common base worth naming
            raise UploadRefused("server_bad_form", 400) from exc
        if self._error is not None:
            raise self._error

    def finish(self) -> Upload:
        """The body ended: the document is complete on disk (or the upload is refused)."""
        self._parser.finalize()
        if self._error is not None:
            raise self._error
        self._close()
        if not self._seen_file or self.upload.kind is None:
            raise UploadRefused("server_no_file", 400)
        return self.upload

    def discard(self) -> None:
        """Remove what was written (a refused or broken upload)."""
        self._close()
        self._target.unlink(missing_ok=True)

    # -- parser callbacks --------------------------------------------------------------------

    def _on_part_begin(self) -> None:
        self._parts += 1
        if self._parts > MAX_PARTS:
            self._error = UploadRefused("server_bad_form", 400)
        self._part_name, self._part_file, self._disposition = "", False, b""
        self._field_value = bytearray()

    def _on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def _on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _on_header_end(self) -> None:
        if self._header_field.strip().lower() == b"content-disposition":
            self._disposition = self._header_value
        self._header_field, self._header_value = b"", b""

    def _on_headers_finished(self) -> None:
        _, params = parse_options_header(self._disposition)
        self._part_name = params.get(b"name", b"").decode("utf-8", "replace")
        if self._part_name != FILE_FIELD:
            self._fields_bytes += len(self._part_name)
            if self._fields_bytes > MAX_FIELDS_BYTES:
                self._error = UploadRefused("server_bad_form", 400)
            return
        if self._seen_file:
            self._error = UploadRefused("server_two_files", 400)
            return
        self._seen_file = self._part_file = True
        raw_name = params.get(b"filename", b"").decode("utf-8", "replace")
        # Only the last path segment, as a label: "C:\\scans\\a.pdf" or "../../a.pdf" -> "a.pdf".
        self.upload.name = raw_name.replace("\\", "/").rsplit("/", 1)[-1][:MAX_NAME_CHARS]
        self._out = self._target.open("xb")

    def _on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._error is not None:
            return
        piece = data[start:end]
        if not self._part_file:
            self._fields_bytes += len(piece)
            if self._fields_bytes > MAX_FIELDS_BYTES:
                self._error = UploadRefused("server_bad_form", 400)
                return
            self._field_value += piece
            return
        self.upload.size += len(piece)
        if self.upload.size > self._max_bytes:
            self._error = UploadRefused("server_too_large", 413, limit=self._max_bytes)
            return
        if self.upload.kind is None:
            self._head += piece
            if len(self._head) >= HEADER_WINDOW:
                self._check_kind(final=False)
        assert self._out is not None
        self._out.write(piece)

    def _on_part_end(self) -> None:
        if self._part_file:
            if self.upload.kind is None and self._error is None:
                self._check_kind(final=True)
            self._part_file = False
        elif self._part_name:
            self.upload.fields[self._part_name] = self._field_value.decode("utf-8", "replace")

    def _check_kind(self, *, final: bool) -> None:
        kind = kind_of(self._head[:HEADER_WINDOW])
        if kind is None and (final or len(self._head) >= HEADER_WINDOW):
            self._error = UploadRefused("server_not_document", 415, name=self.upload.name or "upload")
            return
        self.upload.kind = kind

    def _close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
