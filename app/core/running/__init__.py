"""Running jobs: the job book (which page next, retries, timeouts, cancel), the manager thread,
the executors (local worker processes) and what crosses the pipe to a worker."""
