"""The plan format: located YAML loading, the schema, cross-field rules, dates and years, JSON Schema.

May use common only.
"""
