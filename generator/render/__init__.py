"""Plan → DOCX: the template built in code, the context of printed values, docxtpl rendering.

May use plan and common; never check, nextyear, pdf or the command line.
"""
