"""Entry point for the frozen build: the same as the `planbro` command."""

import sys

from planbro.cli import main

if __name__ == "__main__":
    sys.exit(main())
