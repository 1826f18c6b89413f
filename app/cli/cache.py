"""``scriba cache info|clear``: neither evicts (opening the cache never does)."""

from __future__ import annotations

from app.cli.language import EXIT_OK, number, t
from app.core.defaults import MIB
from app.core.storage.cache import ResultCache


def run_cache(action: str) -> int:
    cache = ResultCache.open()
    try:
        if action == "clear":
            cache.clear()
            print(t(f"Cache cleared: {cache.folder}", f"Cache limpo: {cache.folder}"))
            return EXIT_OK
        info = cache.info()
        limits = info.limits
        print(t("location", "local") + f":   {info.location}")
        print(t("documents", "documentos") + f": {number(info.documents)}")
        print(t("pages", "páginas") + f":     {number(info.pages)}")
        print(t("size", "tamanho") + f":      {number(info.bytes / MIB, ',.1f')} MiB")
        days = number(limits.max_age_days, "g")
        print(
            t("limit", "limite")
            + f":     {number(limits.max_bytes / MIB, ',.10g')} MiB, "
            + t(f"{days} days", f"{days} dias")
        )
        if not info.enabled:
            print(t("state:     disabled", "estado:    desativado") + f" ({cache.warning})")
        return EXIT_OK
    finally:
        cache.close()
