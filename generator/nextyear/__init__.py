"""Next year's plan from this year's: years moved in the source text, citations kept, a report.

May use plan and common.
"""
