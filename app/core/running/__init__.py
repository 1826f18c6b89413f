"""Running jobs.

- ``book`` (with ``entries``, ``effects`` and ``speed``): the rules, pure: which task goes next,
  retries, time limits, cancel, finish, speed and time left. Told the time; no threads, no I/O.
- ``executor``: the seam between the rules and where tasks run; ``pool.LocalExecutor`` runs them
  in local worker processes (``worker``, capped by ``limits``).
- ``scheduler``: ``JobManager``, the dispatcher thread that drives both and owns the cache calls
  and the events.
- ``protocol``: what crosses the pipe between the dispatcher and a worker.
"""
