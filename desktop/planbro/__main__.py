"""`python -m planbro` runs the same command as `planbro`."""

import sys

from planbro.cli import main

sys.exit(main())
