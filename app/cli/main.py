"""Command line: no subcommand opens the window; ``ocr`` runs headless; ``cache`` manages the cache.

This module builds the parsers and dispatches; the commands live in their own modules, which
never import this one. Exit codes: see ``app.cli.language``.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from app import __version__
from app.cli.language import EXIT_FAILED, EXIT_USAGE, argparse_in_locale, t
from app.cli.startup import ensure_streams, is_closed_pipe, start_logging, stdout_closed

if TYPE_CHECKING:
    # argparse is imported where a parser is built: under ``spawn`` every worker process runs
    # the ``scriba`` script's imports again, and has no use for it (~7 ms of each one's start).
    import argparse


def _integer(text: str) -> int:
    return int(text)


def _ocr_parser() -> argparse.ArgumentParser:
    import argparse

    argparse_in_locale()
    from app.core import defaults
    from app.core.export.registry import FORMATS
    from app.core.reading.engines import ENGINES  # the run imports them anyway (the scheduler needs them)
    from app.core.reading.render import RENDERERS

    _integer.__name__ = t("int", "inteiro")  # what "invalid int value: 'x'" calls the type
    p = argparse.ArgumentParser(
        prog="scriba ocr",
        description=t(
            "Recognise the text of scanned PDFs and scanner images (TIFF, JPEG, PNG, BMP, WebP).",
            "Reconhece o texto de PDFs digitalizados e de imagens de scanner (TIFF, JPEG, PNG, BMP, WebP).",
        ),
    )
    p.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar=t("FILE", "ARQUIVO"),
        help=t("PDFs or scanner images to read", "PDFs ou imagens de scanner a ler"),
    )
    out = p.add_mutually_exclusive_group()
    out.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar=t("OUT", "SAÍDA"),
        help=t(
            "output file for a single input ('-' prints the text)",
            "arquivo de saída para uma única entrada ('-' imprime o texto)",
        ),
    )
    out.add_argument(
        "--out-dir",
        type=Path,
        metavar=t("DIR", "PASTA"),
        help=t("write DIR/<input name>.<format>", "grava PASTA/<nome da entrada>.<formato>"),
    )
    p.add_argument(
        "--format",
        choices=list(FORMATS),
        help=t("output format (default: from -o, else txt)", "formato de saída (padrão: de -o, senão txt)"),
    )
    p.add_argument(
        "--lang",
        default=defaults.LANGUAGES,
        metavar=t("LANGS", "IDIOMAS"),
        help=t(
            "OCR languages, e.g. por+eng (default %(default)s)",
            "idiomas do OCR, ex. por+eng (padrão %(default)s)",
        ),
    )
    p.add_argument(
        "--dpi",
        type=_integer,
        default=defaults.DPI,
        help=t(
            f"render resolution (default: the scan's own, else {defaults.FALLBACK_DPI})",
            f"resolução (padrão: a da digitalização, senão {defaults.FALLBACK_DPI})",
        ),
    )
    p.add_argument(
        "--workers",
        type=_integer,
        default=defaults.WORKERS,
        metavar="N",
        help=t(
            "worker processes (default: one per CPU core, as many as free memory holds)",
            "processos de trabalho (padrão: um por núcleo, quantos couberem na memória livre)",
        ),
    )
    p.add_argument(
        "--password",
        metavar=t("PASSWORD", "SENHA"),
        help=t("password of protected PDFs", "senha de PDFs protegidos"),
    )
    p.add_argument(
        "--force-ocr",
        action="store_true",
        help=t(
            "OCR every page, even pages that already have text",
            "faz OCR de todas as páginas, mesmo as que já têm texto",
        ),
    )
    p.add_argument(
        "--no-rotate",
        action="store_true",
        help=t("do not detect and fix page orientation", "não detecta nem corrige a orientação"),
    )
    p.add_argument(
        "--no-deskew",
        action="store_true",
        help=t("do not straighten pages scanned crooked", "não endireita páginas digitalizadas tortas"),
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help=t("neither read nor write the result cache", "não lê nem grava o cache de resultados"),
    )
    p.add_argument(
        "--engine",
        default=defaults.ENGINE,
        choices=list(ENGINES),
        help=t(
            "OCR engine (pytesseract uses an installed Tesseract)",
            "motor de OCR (pytesseract usa um Tesseract instalado)",
        ),
    )
    p.add_argument(
        "--renderer",
        default=defaults.RENDERER,
        choices=list(RENDERERS),
        help=t(
            "page renderer (pdf2image uses an installed Poppler)",
            "renderizador (pdf2image usa um Poppler instalado)",
        ),
    )
    p.add_argument(
        "--page-markers",
        action="store_true",
        help=t(
            "separate pages with '--- Page N ---' lines instead of form feeds",
            "separa páginas com linhas '--- Page N ---' em vez de quebras de página",
        ),
    )
    p.add_argument(
        "--compress",
        action="store_true",
        help=t(
            "pdf/pdfa: store images smaller (bitonal as CCITT G4, others as JPEG, at most 300 DPI)",
            "pdf/pdfa: grava as imagens menores (bitonais em CCITT G4, as demais em JPEG, até 300 DPI)",
        ),
    )
    p.add_argument(
        "--jpeg-quality",
        type=_integer,
        default=None,
        metavar="Q",
        help=t(
            "pdf/pdfa: JPEG quality of compressed images, 10-95 (implies --compress; default 75)",
            "pdf/pdfa: qualidade JPEG das imagens comprimidas, 10-95 (implica --compress; padrão 75)",
        ),
    )
    p.add_argument(
        "--max-size",
        metavar=t("SIZE", "TAMANHO"),
        help=t(
            "pdf/pdfa: largest file, e.g. 1.5MB, 500KB (MB = 1,000,000 bytes); compressed, then "
            "split into <name>-1.pdf, <name>-2.pdf, ... when larger",
            "pdf/pdfa: maior arquivo, ex. 1.5MB, 500KB (MB = 1.000.000 bytes); comprimido e, se "
            "ainda maior, dividido em <nome>-1.pdf, <nome>-2.pdf, ...",
        ),
    )
    p.add_argument(
        "--progress",
        choices=["bar", "json", "none"],
        default=None,
        help=t(
            "progress on stderr (bar), JSON lines on stdout, or none",
            "progresso no stderr (bar), linhas JSON no stdout, ou nada",
        ),
    )
    p.add_argument("--page-timeout", type=float, default=None, help=argparse.SUPPRESS)
    p.add_argument("-v", "--verbose", action="store_true", help=argparse.SUPPRESS)
    return p


def _cache_parser() -> argparse.ArgumentParser:
    import argparse

    argparse_in_locale()
    p = argparse.ArgumentParser(
        prog="scriba cache", description=t("Inspect or clear the result cache.", "Consulta ou limpa o cache.")
    )
    p.add_argument(
        "action",
        choices=["info", "clear"],
        metavar="{info,clear}",  # also what an error names, instead of the name "action"
        help=t(
            "info: what the cache holds and its limit; clear: delete every cached result",
            "info: o que o cache guarda e o seu limite; clear: apaga todos os resultados guardados",
        ),
    )
    return p


def _gui_parser() -> argparse.ArgumentParser:
    import argparse

    argparse_in_locale()
    p = argparse.ArgumentParser(
        prog="scriba",
        description=t(
            "Scriba: OCR for scanned PDFs. 'scriba ocr --help' for headless use.",
            "Scriba: OCR para PDFs digitalizados. 'scriba ocr --help' para uso sem janela.",
        ),
    )
    p.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar=t("FILE", "ARQUIVO"),
        help=t(
            "PDFs, scanner images or folders to queue", "PDFs, imagens de scanner ou pastas a pôr na fila"
        ),
    )
    p.add_argument(
        "--exit-when-done",
        action="store_true",
        help=t(
            "process the given files, then quit (exit 1 if any failed)",
            "processa os arquivos e fecha (código 1 se algum falhar)",
        ),
    )
    p.add_argument(
        "--version",
        action="version",
        version=f"Scriba {__version__}",
        help=t("show the version and exit", "mostra a versão e sai"),
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv``, start logging, run the command or open the window; the exit code.

    The commands and the window are imported only once chosen: under ``spawn`` every worker
    process runs the ``scriba`` script's imports again (this module's), and the window must not
    wait for the engine's modules, nor ``scriba ocr`` for Qt.
    """
    ensure_streams()
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] == "ocr":
            ocr_args = _ocr_parser().parse_args(args[1:])
            start_logging("scriba ocr", verbose=ocr_args.verbose)
            from app.cli.ocr import run_ocr

            return run_ocr(ocr_args)
        if args and args[0] == "cache":
            action = _cache_parser().parse_args(args[1:]).action
            start_logging("scriba cache")
            from app.cli.cache import run_cache

            return run_cache(action)
        options = _gui_parser().parse_args(args)
    except SystemExit as exc:  # argparse: --help exits 0, bad usage exits 2
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_USAGE
    start_logging("window")
    from app.gui.main import run_gui

    return run_gui(options.files, options.exit_when_done)


def run() -> NoReturn:
    """The ``scriba`` program: ``main``, then out.

    A headless command has written and flushed its exports, closed the cache and reaped its
    workers when ``main`` returns. The interpreter's own teardown (~15 ms of freeing what the
    OS frees anyway) would only keep a script waiting, so it ends there. The window exits the
    usual way: Qt saves its settings while it is torn down.
    """
    try:
        status = main()
    except OSError as exc:  # ``scriba cache info | head -n 1``, ``scriba ocr --help | head``
        if not is_closed_pipe(exc):
            raise
        stdout_closed()
        status = EXIT_FAILED
    if sys.argv[1:2] in (["ocr"], ["cache"]):
        logging.shutdown()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass  # a closed pipe (``scriba ocr ... | head``): what was written is all it gets
        os._exit(status)
    sys.exit(status)
