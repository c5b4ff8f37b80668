"""``python -m generator`` runs the ``kehoach`` command."""

import sys

from generator.cli import main

sys.exit(main())
