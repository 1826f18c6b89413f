"""Entry point of the frozen app (both ``Scriba`` and ``scriba-cli`` run this file).

``freeze_support()`` must run before anything else: worker processes are started with the
``spawn`` method, which re-launches this same executable with special arguments. Without it
every worker would start a whole new Scriba (a window, a pool, more workers...) instead of
becoming a worker. Nothing else may be imported first, so an import error in the app cannot
hide that.
"""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()

    from app.cli.main import run

    run()
