"""The HTTP API of ``scriba serve``: the seed backend's routes on Scriba's engine.

``POST /upload`` → ``{"job_id"}``; ``GET /status/{id}``, ``GET /result/{id}[?format=...]``,
``POST /cancel/{id}``, ``GET /events/{id}`` (server-sent events), ``GET /health``; OpenAPI at
``/docs``. Every refusal is ``{"detail": "one sentence"}`` in the client's language
(``Accept-Language: pt`` → Portuguese), from the one catalog (``app.core.errors``).
"""

from __future__ import annotations

import asyncio
import hmac
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse

from app.core.errors import ScribaError, message
from app.core.export.registry import FORMATS
from app.core.results import PageResult
from app.server.options import OptionRefused, options_from_fields
from app.server.service import FINISHED, JobStatus, NotReady, OcrService, UnknownJob, labelled
from app.server.uploads import UploadReceiver, UploadRefused

#: Routes anyone may call, even when a token is set: they hold no one's documents.
OPEN_PATHS = frozenset({"/health", "/docs", "/docs/oauth2-redirect", "/openapi.json"})
EVENT_POLL = 0.1  # seconds between looks at a job's status for /events
RETRY_AFTER = 5  # seconds: a finished job's pages being read back from the cache


@dataclass(frozen=True, slots=True)
class ServerSettings:
    max_upload_bytes: int
    token: str | None = None


def language_of(request: Request) -> str:
    """``pt_BR`` for a client that prefers Portuguese, else ``en``."""
    accepted = request.headers.get("accept-language", "")
    first = accepted.split(",", 1)[0].strip().lower()
    return "pt_BR" if first.startswith("pt") else "en"


def refusal(request: Request, status: int, code: str, **params: object) -> HTTPException:
    return HTTPException(status, message(code, language_of(request), **params))


def status_body(status: JobStatus, language: str) -> dict[str, Any]:
    return {
        "job_id": status.job_id,
        "name": status.name,
        "status": status.status,
        "pages_done": status.pages_done,
        "pages_total": status.pages_total,
        "pages_cached": status.pages_cached,
        "pages_per_second": status.pages_per_second,
        "eta": status.eta,
        "error": status.error(language),
        "error_code": status.error_code,
    }


def create_app(service: OcrService, settings: ServerSettings) -> FastAPI:
    """The FastAPI application over ``service`` (started and stopped by the caller)."""
    app = FastAPI(
        title="Scriba",
        summary="OCR for scanned PDFs and scanner images: upload, follow, fetch the text or a file.",
        version="1",
    )

    @app.middleware("http")
    async def require_token(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if settings.token is not None and request.url.path not in OPEN_PATHS:
            given = request.headers.get("authorization", "")
            expected = f"Bearer {settings.token}"
            if not hmac.compare_digest(given.encode(), expected.encode()):
                detail = message("server_token", language_of(request))
                return JSONResponse({"detail": detail}, 401, headers={"WWW-Authenticate": "Bearer"})
        return await call_next(request)

    def known(request: Request, job_id: str) -> JobStatus:
        try:
            return service.status(job_id)
        except UnknownJob:
            raise refusal(request, 404, "server_unknown_job", job=job_id[:64]) from None

    def busy(request: Request) -> HTTPException:
        detail = message("server_busy", language_of(request))
        return HTTPException(503, detail, headers={"Retry-After": str(RETRY_AFTER)})

    def loaded(request: Request, job_id: str) -> list[PageResult]:
        try:
            return service.pages(job_id)
        except NotReady:
            raise busy(request) from None

    @app.post(
        "/upload",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "required": ["file"],
                            "properties": {
                                "file": {"type": "string", "format": "binary"},
                                "lang": {"type": "string", "example": "por+eng"},
                                "force_ocr": {"type": "boolean"},
                                "dpi": {"type": "integer"},
                                "deskew": {"type": "boolean"},
                                "rotate": {"type": "boolean"},
                                "password": {"type": "string"},
                            },
                        }
                    }
                },
            }
        },
    )
    async def upload(request: Request) -> dict[str, str]:
        """Send one PDF or scanner image; answers with its job id at once (reading goes on)."""
        from app.core.export.split import human_size  # the size sentence's words; loads the PDF writers

        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > settings.max_upload_bytes + 64 * 1024:
            raise refusal(request, 413, "server_too_large", limit=human_size(settings.max_upload_bytes))
        job_id, target = service.new_job()
        try:
            receiver = UploadReceiver(
                request.headers.get("content-type", ""), target, settings.max_upload_bytes
            )
            try:
                async for chunk in request.stream():
                    receiver.feed(chunk)
                received = receiver.finish()
                options, password = options_from_fields(received.fields)
            except BaseException:
                receiver.discard()
                raise
        except UploadRefused as refused:
            service.discard(job_id)
            params = dict(refused.params)
            if "limit" in params:
                params["limit"] = human_size(int(str(params["limit"])))
            raise refusal(request, refused.status, refused.code, **params) from None
        except OptionRefused as refused:
            service.discard(job_id)
            raise HTTPException(400, refused.error.localized(language_of(request))) from None
        except BaseException:  # a client that went away mid-upload: nothing of it stays
            service.discard(job_id)
            raise
        service.submit(job_id, received.name, options, password)
        return {"job_id": job_id}

    @app.get("/status/{job_id}")
    def status(request: Request, job_id: str) -> dict[str, Any]:
        """Where the job is: its state, pages done of total, speed and time left."""
        return status_body(known(request, job_id), language_of(request))

    @app.post("/cancel/{job_id}")
    def cancel(request: Request, job_id: str) -> dict[str, Any]:
        """Stop the job; its finished pages stay in the cache."""
        known(request, job_id)
        return status_body(service.cancel(job_id), language_of(request))

    @app.get("/result/{job_id}", response_model=None)
    def result(request: Request, job_id: str, format: str | None = None) -> dict[str, Any] | FileResponse:
        """The text so far (JSON), or with ``?format=txt|docx|pdf|pdfa|alto|hocr`` the finished file."""
        from app.core.export.page_text import page_text

        current = known(request, job_id)
        language = language_of(request)
        if format is None:
            pages = loaded(request, job_id)
            texts = [page_text(page) for page in pages]
            return {
                "job_id": job_id,
                "status": service.status(job_id).status,
                "text": "\f".join(texts),
                "pages": [
                    {
                        "page": page.page + 1,
                        "text": text,
                        "confidence": page.confidence,
                        "source": page.source.value,
                        "error": _page_error(page, current.name, language),
                    }
                    for page, text in zip(pages, texts, strict=True)
                ],
            }
        if format not in FORMATS:
            raise refusal(request, 400, "server_unknown_format", format=format[:32], known=", ".join(FORMATS))
        if current.status != "done":
            raise refusal(request, 409, "server_not_finished", state=current.status)
        try:
            written = service.export(job_id, format, language)
        except NotReady:
            raise busy(request) from None
        except ScribaError as error:
            raise HTTPException(500, error.localized(language)) from None
        name = (Path(current.name).stem or "document") + FORMATS[format].suffix
        return FileResponse(written, filename=name, media_type=_media_type(format))

    @app.get("/events/{job_id}")
    async def events(request: Request, job_id: str) -> StreamingResponse:
        """Server-sent events: one ``status`` event per change, until the job has finished."""
        known(request, job_id)
        language = language_of(request)

        async def stream() -> AsyncIterator[str]:
            version = -1
            while not await request.is_disconnected():
                current = service.status(job_id)
                if current.version != version:
                    version = current.version
                    yield f"event: status\ndata: {json.dumps(status_body(current, language))}\n\n"
                    if current.status in FINISHED:
                        return
                await asyncio.sleep(EVENT_POLL)

        return StreamingResponse(
            stream(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"}
        )

    @app.get("/health")
    def health() -> dict[str, Any]:
        """Whether the server runs, and how many jobs it holds by state."""
        return {"status": "ok", "jobs": service.counts()}

    return app


def _page_error(page: PageResult, label: str, language: str) -> str | None:
    if not page.failed:
        return None
    if page.error_code is None:
        return page.error
    return message(page.error_code, language, **dict(labelled(page.error_params, label)))


def _media_type(fmt: str) -> str:
    return {
        "txt": "text/plain; charset=utf-8",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf",
        "pdfa": "application/pdf",
        "alto": "application/xml",
        "hocr": "text/html; charset=utf-8",
    }[fmt]
