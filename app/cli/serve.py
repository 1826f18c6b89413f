"""``scriba serve``: the HTTP API (FastAPI on uvicorn) on the engine, the cache and its workers."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from pathlib import Path

from app.cli.cluster import add_cluster_argument, cluster_executor
from app.cli.language import EXIT_FAILED, EXIT_OK, EXIT_USAGE, argparse_in_locale, integer, t
from app.core.errors import ScribaError, message, ui_language

DEFAULT_PORT = 8000
DEFAULT_MAX_UPLOAD_MB = 500
TOKEN_VARIABLE = "SCRIBA_SERVER_TOKEN"  # keeps the token out of the process list


def serve_parser() -> argparse.ArgumentParser:
    argparse_in_locale()
    p = argparse.ArgumentParser(
        prog="scriba serve",
        description=t(
            "Serve Scriba's OCR over HTTP: POST /upload, GET /status/ID, GET /result/ID "
            "(API documentation at /docs).",
            "Oferece o OCR do Scriba por HTTP: POST /upload, GET /status/ID, GET /result/ID "
            "(documentação da API em /docs).",
        ),
    )
    p.add_argument(
        "--host",
        default="127.0.0.1",
        metavar=t("HOST", "ENDEREÇO"),
        help=t(
            "address to listen on (default 127.0.0.1: this computer only; any other needs --token)",
            "endereço em que escutar (padrão 127.0.0.1: só este computador; outro exige --token)",
        ),
    )
    p.add_argument(
        "--port",
        type=integer,
        default=DEFAULT_PORT,
        metavar=t("PORT", "PORTA"),
        help=t("port (default 8000)", "porta (padrão 8000)"),
    )
    p.add_argument(
        "--token",
        default=os.environ.get(TOKEN_VARIABLE),
        metavar="TOKEN",
        help=t(
            f"bearer token every request must carry (or set {TOKEN_VARIABLE})",
            f"token que toda requisição deve trazer (ou defina {TOKEN_VARIABLE})",
        ),
    )
    p.add_argument(
        "--workers",
        type=integer,
        default=None,
        metavar="N",
        help=t("worker processes", "processos de trabalho"),
    )
    p.add_argument(
        "--max-upload",
        type=integer,
        default=DEFAULT_MAX_UPLOAD_MB,
        metavar="MB",
        help=t(
            f"largest document accepted, in MB (default {DEFAULT_MAX_UPLOAD_MB})",
            f"maior documento aceito, em MB (padrão {DEFAULT_MAX_UPLOAD_MB})",
        ),
    )
    p.add_argument(
        "--data",
        type=Path,
        default=None,
        metavar=t("DIR", "PASTA"),
        help=t(
            "folder for uploads and job records (default: the user data folder)",
            "pasta dos envios e dos registros de trabalhos (padrão: a pasta de dados do usuário)",
        ),
    )
    add_cluster_argument(p)
    p.add_argument(
        "--no-cache",
        action="store_true",
        help=t("neither read nor write the result cache", "não lê nem grava o cache de resultados"),
    )
    return p


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run_serve(args: argparse.Namespace) -> int:
    if not is_loopback(args.host) and not args.token:
        print(f"scriba serve: {message('usage_serve_host', ui_language(), host=args.host)}", file=sys.stderr)
        return EXIT_USAGE
    if args.workers is not None and args.workers < 1:
        print(f"scriba serve: {message('usage_workers', ui_language())}", file=sys.stderr)
        return EXIT_USAGE
    import uvicorn

    from app.core.storage.cache import ResultCache
    from app.server.api import ServerSettings, create_app
    from app.server.records import default_folder
    from app.server.service import OcrService

    try:
        executor = cluster_executor(args.cluster, args.workers)
    except ScribaError as error:
        print(f"scriba serve: {error.localized(ui_language())}", file=sys.stderr)
        return EXIT_FAILED
    cache = None if args.no_cache else ResultCache.open()
    service = OcrService(
        args.data or default_folder(), cache, workers=args.workers, executor=executor or None
    )
    try:
        service.start()
        app = create_app(service, ServerSettings(args.max_upload * 1_000_000, args.token or None))
        where = f"http://{args.host}:{args.port}"
        print(
            t(
                f"Scriba serving on {where} (API docs: {where}/docs)",
                f"Scriba servindo em {where} (API: {where}/docs)",
            ),
            file=sys.stderr,
            flush=True,
        )
        # log_config=None: uvicorn's records go to Scriba's log file (app.cli.startup) like the rest.
        uvicorn.run(app, host=args.host, port=args.port, log_config=None, access_log=False)
    finally:
        service.shutdown()
        if cache is not None:
            cache.close()
    return EXIT_OK
