"""The subcommands of ``kehoach`` and the build pipeline: what the command line calls.

May use every room below: render, check, nextyear, pdf, plan, docx, common.
"""
