"""The long fuzz run: many more mutants through the same worker path as ``test_fuzz.py``.

    uv run python -m tests.reliability.fuzz_long [--cases 500] [--workers 2] [--seed N] [--keep DIR]

Prints the outcome counts and every broken invariant with the mutant file that broke it (kept
in --keep, default a temporary folder that is removed at the end unless something broke).
Exit status 1 when any invariant broke.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from app.core.running.scheduler import JobManager
from tests.reliability import odd_inputs as odd
from tests.reliability.fuzzing import FuzzRunner, Mutant, make_seeds, mutants

BATCH = 8


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--page-timeout", type=float, default=20.0)
    parser.add_argument("--keep", type=Path, help="folder for the mutants (kept)")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="scriba-fuzz-"))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with JobManager(args.workers, None, page_timeout=args.page_timeout) as manager:
        runner = FuzzRunner(manager, folder, make_seeds(folder / "seeds"))

        @seed(args.seed)
        @settings(
            max_examples=max(1, args.cases // BATCH),
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(batch=st.lists(mutants, min_size=BATCH, max_size=BATCH))
        def run_batch(batch: list[Mutant]) -> None:
            for problem in runner.run(batch, timeout=args.page_timeout * 2 * BATCH + 60):
                print("PROBLEM", problem, flush=True)  # not raised: the run goes on, nothing shrinks

        run_batch()
        problems = runner.tally.problems + runner.still_reads(
            odd.scan_of_words(folder / "good.pdf"), "quick brown"
        )
    elapsed = time.monotonic() - started
    print(f"seed {args.seed}: {runner.tally.cases} mutants in {elapsed:.0f} s")
    for outcome, count in runner.tally.outcomes.most_common():
        print(f"  {count:5d}  {outcome}  (e.g. {', '.join(runner.tally.examples[outcome])})")
    print(f"{len(problems)} problems" + (f"; mutants kept in {folder}" if problems or args.keep else ""))
    if not problems and not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
