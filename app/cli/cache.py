"""``scriba cache info|clear``."""

from __future__ import annotations

from app.cli.language import EXIT_OK, t
from app.core.storage.cache import ResultCache


def run_cache(action: str) -> int:
    cache = ResultCache.open()
    try:
        if action == "clear":
            cache.clear()
            print(t(f"Cache cleared: {cache.folder}", f"Cache limpo: {cache.folder}"))
            return EXIT_OK
        info = cache.info()
        print(t("location", "local") + f":   {info.location}")
        print(t("documents", "documentos") + f": {info.documents}")
        print(t("pages", "páginas") + f":     {info.pages}")
        print(t("size", "tamanho") + f":      {info.bytes / 1e6:.1f} MB")
        if not info.enabled:
            print(t("state:     disabled", "estado:    desativado") + f" ({cache.warning})")
        return EXIT_OK
    finally:
        cache.close()
