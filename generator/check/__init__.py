"""Checks: a DOCX measured against Nghị định 30 rule by rule, and warnings about a valid plan.

May use plan, docx and common; never render, so the checker is not measured against itself.
"""
