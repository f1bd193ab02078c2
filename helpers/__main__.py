"""`python -m helpers ...`: hand the command line to `helpers.cli` (see its COMMANDS)."""

import sys

from .cli import main

sys.exit(main())
