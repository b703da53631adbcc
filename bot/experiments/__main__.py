"""Run the experiments CLI: ``python -m bot.experiments --help``."""

import sys

from .cli import main

sys.exit(main())
