"""The tool's version: printed by ``kehoach --version`` and part of every document's source digest."""

VERSION = "1.0.0"
