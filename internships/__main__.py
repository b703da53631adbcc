"""Run the internships CLI: ``python -m internships --help``."""

import sys

from .cli import main

sys.exit(main())
