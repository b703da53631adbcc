"""Run the reports CLI: ``python -m internships.reports --help``."""

import sys

from .cli import main

sys.exit(main())
