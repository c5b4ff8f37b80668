"""The same plan rendered the way a docxtpl user would write it by hand: the baseline of ``make bench``.

A template made once in Word (here: with python-docx, ``make_template``) holds the national
header, the title, ``{%p for %}`` loops over the body's paragraphs and an appendix table whose
body row is a ``{%tr for %}`` loop. The script reads the plan's YAML, flattens it into those
paragraphs and rows, renders and saves. No validation, no numbering rules, no lint: what a
quick script does.

    python tools/bare_docxtpl.py template PLAN.yaml TEMPLATE.docx   # once
    python tools/bare_docxtpl.py render PLAN.yaml TEMPLATE.docx OUT.docx
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml


def make_template(path: Path) -> None:
    """A plain template with paragraph loops and a ``{%tr %}`` appendix table."""
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "{{ parent }}\n{{ agency }}"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: {{ number }}/KH-{{ code }}"
    header.cell(1, 1).text = "{{ place }}, {{ date }}"
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("{{ title }}")
    for tag in ("{%p for text in paragraphs %}", "{{ text }}", "{%p endfor %}"):
        document.add_paragraph(tag)
    document.add_paragraph("{{ closing }}./.")
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = "Nơi nhận:"
    signature.cell(0, 0).add_paragraph("{%p for line in recipients %}")
    signature.cell(0, 0).add_paragraph("- {{ line }};")
    signature.cell(0, 0).add_paragraph("{%p endfor %}")
    signature.cell(0, 1).text = "{{ signer }}"
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    document.add_paragraph("PHỤ LỤC")
    table = document.add_table(rows=4, cols=5)
    headings = ("Nhiệm vụ", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian")
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        cell.text = heading
    table.cell(1, 0).text = "{%tr for row in rows %}"
    for cell, field in zip(table.rows[2].cells, ("task", "product", "lead", "partners", "deadline"), strict=True):
        cell.text = "{{ row." + field + " }}"
    table.cell(3, 0).text = "{%tr endfor %}"
    document.save(str(path))


def _texts(items: list[Any]) -> list[str]:
    out = []
    for item in items:
        if isinstance(item, str):
            out.append("- " + item)
        elif isinstance(item, dict):
            text = item.get("text") or item.get("paragraph")
            if text:
                out.append("- " + str(text))
            out += ["+ " + str(sub) for sub in item.get("sub", [])]
    return out


def flatten(plan: dict[str, Any]) -> dict[str, Any]:
    """The plan as the template's variables: one list of paragraphs, one list of rows."""
    paragraphs: list[str] = list(plan.get("opening", []))
    for part in plan["parts"]:
        paragraphs.append(str(part["heading"]).upper())
        paragraphs += _texts(part.get("items", []))
        for section in part.get("sections", []):
            title = section.get("title") or section.get("unit") or section.get("area") or ""
            paragraphs.append(f"{title} {section.get('text') or ''}".strip())
            paragraphs += _texts(section.get("items", []))
            for target in section.get("targets", []):
                paragraphs.append(str(target["text"]))
            for sub in section.get("subsections", []):
                paragraphs.append(f"{sub.get('title') or ''} {sub.get('text') or ''}".strip())
                paragraphs += _texts(sub.get("items", []))
    rows = []
    for appendix in plan.get("appendices", []):
        for group in appendix.get("groups", []):
            for row in [*group.get("rows", []), *(r for g in group.get("groups", []) for r in g.get("rows", []))]:
                rows.append({
                    "task": row.get("task", ""), "product": row.get("product", ""),
                    "lead": "; ".join(row["lead"]) if isinstance(row.get("lead"), list) else row.get("lead", ""),
                    "partners": "; ".join(row.get("partners") or []) if isinstance(row.get("partners"), list)
                    else row.get("partners", ""),
                    "deadline": row.get("deadline", ""),
                })  # fmt: skip
    agency = plan["agency"]
    signer = plan["signer"]
    return {
        "parent": agency.get("parent", ""), "agency": agency["name"], "code": agency["code"],
        "place": agency["place"], "number": plan.get("number") or "", "date": plan["date"],
        "title": plan["title"], "paragraphs": paragraphs, "closing": plan["closing"],
        "recipients": [r if isinstance(r, str) else r.get("name", "") for r in plan["recipients"]],
        "signer": "\n".join([*signer.get("titles", []), signer["name"]]), "rows": rows,
    }  # fmt: skip


def render(plan_path: Path, template: Path, out: Path) -> None:
    """Read, flatten, render, save: the whole of a hand-written script."""
    from docxtpl import DocxTemplate

    plan = yaml.safe_load(plan_path.read_text(encoding="utf-8"))
    document = DocxTemplate(str(template))
    document.render(flatten(plan), autoescape=True)
    document.save(str(out))


if __name__ == "__main__":
    if sys.argv[1] == "template":
        make_template(Path(sys.argv[3]))
    else:
        render(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
