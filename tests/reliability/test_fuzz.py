"""A short, seeded fuzz run through the worker path (the long one is ``fuzz_long.py``)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.running.scheduler import JobManager
from tests.reliability import odd_inputs as odd
from tests.reliability.fuzzing import FuzzRunner, Mutant, make_seeds, mutants

BATCHES, BATCH_SIZE = 5, 5  # 25 mutants, run 5 at a time so both workers stay busy
PAGE_TIMEOUT = 20.0


def test_mutated_pdfs_end_as_text_or_a_sentence_and_the_pool_survives(tmp_path: Path) -> None:
    # Given one manager (2 workers, 20 s per page) reused for every mutant, as a long session would
    with JobManager(2, None, page_timeout=PAGE_TIMEOUT) as manager:
        runner = FuzzRunner(manager, tmp_path, make_seeds(tmp_path / "seeds"))

        @settings(
            max_examples=BATCHES,
            derandomize=True,  # the same 25 mutants on every run and machine
            database=None,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(batch=st.lists(mutants, min_size=BATCH_SIZE, max_size=BATCH_SIZE))
        def run_batch(batch: list[Mutant]) -> None:
            # When a few mutants run through the workers together,
            # then each ends (done, or failed with its sentence) within the time limits
            assert runner.run(batch, timeout=PAGE_TIMEOUT * 2 * BATCH_SIZE + 30) == []

        run_batch()
        # And afterwards the same pool still reads a good document
        assert runner.still_reads(odd.scan_of_words(tmp_path / "good.pdf"), "quick brown fox") == []
    assert runner.tally.cases == BATCHES * BATCH_SIZE
    print(f"\nfuzz: {runner.tally.cases} mutants, outcomes {dict(runner.tally.outcomes)}")
