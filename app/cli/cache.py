"""``scriba cache info|clear``: neither evicts (opening the cache never does)."""

from __future__ import annotations

from app.cli.language import EXIT_OK, t
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
        print(t("documents", "documentos") + f": {info.documents}")
        print(t("pages", "páginas") + f":     {info.pages}")
        print(t("size", "tamanho") + f":      {info.bytes / MIB:.1f} MiB")
        print(
            t("limit", "limite")
            + f":     {limits.max_bytes / MIB:.10g} MiB, "
            + t(f"{limits.max_age_days:g} days", f"{limits.max_age_days:g} dias")
        )
        if not info.enabled:
            print(t("state:     disabled", "estado:    desativado") + f" ({cache.warning})")
        return EXIT_OK
    finally:
        cache.close()
