"""Redlines: what changed between two built documents, written as Word tracked changes.

May use ``docx`` (the WordprocessingML names) and ``common``. It never sees a plan: it compares
the documents a reader would compare.
"""
