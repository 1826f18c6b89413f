"""``python -m app``: the same as the ``scriba`` command."""

from app.cli.main import run

if __name__ == "__main__":
    run()
