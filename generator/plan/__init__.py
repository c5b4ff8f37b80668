"""The plan format: located YAML loading, the schema and its model engine, cross-field rules,
dates and years, JSON Schema.

May use common only.
"""
