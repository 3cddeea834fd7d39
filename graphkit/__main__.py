"""`graphkit` and `python -m graphkit`: the command line, Ctrl-C during start-up included."""

import sys


def main() -> None:
    """Import and run the command line; Ctrl-C while it imports exits 130 without a traceback."""
    try:
        from graphkit.cli import INTERRUPTED
        from graphkit.cli import main as run
    except KeyboardInterrupt:
        print("graphkit: interrupted", file=sys.stderr)
        sys.exit(130)
    try:
        run()
    except KeyboardInterrupt:  # between the group's handler and the interpreter's exit
        print("graphkit: interrupted", file=sys.stderr)
        sys.exit(INTERRUPTED)


if __name__ == "__main__":
    main()
