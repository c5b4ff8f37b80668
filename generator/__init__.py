"""kehoach: Kế hoạch cải cách hành chính from YAML to DOCX laid out to Nghị định 30/2020/NĐ-CP.

The rooms, top to bottom; a room imports only from rooms below it (``make test`` checks this
with import-linter, see ``[tool.importlinter]`` in pyproject.toml):

- ``cli``, ``cli_text``: the command line (argparse in Vietnamese, exit codes);
- ``commands``: one function per subcommand, and the build pipeline;
- ``render`` (plan → DOCX), ``check`` (ND30 rules on any DOCX, plan lint), ``nextyear``
  (next year's plan), ``pdf`` (LibreOffice): independent of one another;
- ``plan`` (the plan format) and ``docx`` (reading any DOCX): independent of one another;
- ``common``: errors, file writing, text cleaning, ND30 facts, units, font metrics.
"""

from generator.common.version import VERSION as __version__

__all__ = ["__version__", "run"]


def run() -> int:
    """The ``kehoach`` program: the command line, with Ctrl-C during start-up told like any other.

    Python prints a traceback for an interrupt that arrives while modules are imported; this
    function is all that is imported before the guard is in place.
    """
    import sys

    try:
        from generator.cli import main
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130
    return main()
