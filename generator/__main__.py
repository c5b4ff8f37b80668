"""``python -m generator`` runs the ``kehoach`` command."""

import sys

from generator import run

sys.exit(run())
