"""Reading any DOCX (the tool's own or one typed in Word): paragraphs, runs, tables, sections, anatomy.

May use common only.
"""
