"""Import: last year's Word document read back into a plan, for a Sở's first year with the tool.

May use ``plan`` (areas, the prose keys), ``docx`` (the bounded reader, automatic numbering)
and ``common``. Reads documents typed by people, not only the tool's own output.
"""
