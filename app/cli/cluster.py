"""``--cluster tcp://HOST:PORT``: page tasks on a Dask cluster instead of local worker processes."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.cli.language import t

if TYPE_CHECKING:
    from app.core.running.executor import Executor


def add_cluster_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--cluster",
        metavar=t("ADDRESS", "ENDEREÇO"),
        help=t(
            "send the pages to the workers of a Dask cluster (the address of its scheduler, "
            "tcp://HOST:8786; needs scriba[cluster])",
            "envia as páginas aos processos de um cluster Dask (endereço de seu escalonador, "
            "tcp://HOST:8786; requer scriba[cluster])",
        ),
    )


def cluster_executor(address: str | None, workers: int | None) -> Executor | None:
    """The cluster executor ``--cluster`` asks for; None without it.

    Raises:
        ScribaError: the cluster extra is missing, or no scheduler answers at ``address``.
    """
    if not address:
        return None
    from app.core.running.cluster import connect

    return connect(address, workers)
