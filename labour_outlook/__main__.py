"""Entry point for ``python -m labour_outlook``."""

import sys

from .cli import main

sys.exit(main())
