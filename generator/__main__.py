"""``python -m generator`` runs the ``kehoach`` command."""

import sys

from .cli import main

sys.exit(main())
