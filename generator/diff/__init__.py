"""Redlines: what changed between two built documents, written as Word tracked changes.

Uses ``docx`` (the WordprocessingML names and the accepted view) and ``common``; it never sees a
plan: it compares the documents a reader would compare.
"""
