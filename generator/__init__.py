"""kehoach: Kế hoạch cải cách hành chính from YAML to DOCX laid out to Nghị định 30/2020/NĐ-CP."""

__version__ = "1.0.0"
