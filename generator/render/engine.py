"""Render a context through the DOCX template: sandboxed Jinja, then the fixes tags cannot make."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import jinja2.nodes
from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup

from generator.common.errors import TemplateError, display_path
from generator.common.fileio import cache_folder
from generator.render.docxsave import docx_bytes
from generator.render.layout import LANDSCAPE
from generator.render.ooxml import appendix_section
from generator.render.provenance import CUSTOM_PART, TEMPLATE_PATH, source_property_xml


class _Environment(SandboxedEnvironment):
    """Sandboxed Jinja that keeps the Python it compiles from a template source between runs.

    docxtpl hands every XML part of the template to ``from_string``, which compiles it anew in
    each process: about a tenth of an ordinary build. Jinja's bytecode cache, which its loaders
    use for the same purpose, keeps the compiled code per source text (a changed template is a
    new source, so it can never run stale code); the sandbox is enforced when the code runs,
    cached or not.
    """

    def from_string(
        self,
        source: str | jinja2.nodes.Template,
        globals: Any = None,  # Jinja's own parameter name
        template_class: type[jinja2.Template] | None = None,
    ) -> jinja2.Template:
        cache = self.bytecode_cache
        if cache is None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        # Compiled code depends on the environment (a sandbox intercepts operators): named with it.
        name = hashlib.sha256(f"{type(self).__qualname__}\n{source}".encode()).hexdigest()
        try:
            bucket = cache.get_bucket(self, name, None, source)
        except Exception:  # a file cut short after its header (Jinja unpickles it): write anew
            bucket = jinja2.bccache.Bucket(self, cache.get_cache_key(name), cache.get_source_checksum(source))
        code = bucket.code
        if code is None:
            code = self.compile(source)
            bucket.code = code
            with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
                cache.set_bucket(bucket)
        cls = template_class or self.template_class
        return cls.from_code(self, code, self.make_globals(globals), None)


def _template_cache() -> jinja2.BytecodeCache | None:
    folder = cache_folder() / "jinja"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def make_env() -> SandboxedEnvironment:
    """The only Jinja environment of the project.

    Sandboxed (a template can never reach Python internals), autoescaping (``&`` and ``<`` in
    a plan are text, never XML) and strict (a misspelt variable is an error, not a blank).
    """
    return _Environment(undefined=jinja2.StrictUndefined, autoescape=True, bytecode_cache=_template_cache())


def render_docx(context: dict[str, Any], properties: dict[str, Any], template: Path = TEMPLATE_PATH) -> bytes:
    """The DOCX bytes of one document.

    Raises:
        TemplateError: when the template cannot be read or rendered, naming the template and
            the place in it.
    """
    context, tables = _lift_tables(context)
    document = _render(context, template)
    _finish_sections(document.docx, bool(context["appendices"]))
    _set_properties(document.docx, properties)
    return docx_bytes(document.docx, main_substitutions=_table_substitutions(tables))


_TABLE_MARK = "kehoach-bang"


def _lift_tables(context: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Take the appendix tables out of the context, leaving a marker paragraph for each.

    A table is finished WordprocessingML already: run through docxtpl it would only pay for
    docxtpl's passes over every cell (line breaks, table widths), most of a large build's time.
    """
    tables = [str(appendix["table"]) for appendix in context["appendices"]]
    marked = [
        {**appendix, "table": Markup(f'<w:p {_TABLE_MARK}="{index}"/>')}
        for index, appendix in enumerate(context["appendices"])
    ]
    return {**context, "appendices": marked}, tables


def _table_substitutions(tables: list[str]) -> dict[bytes, bytes]:
    """Each marker paragraph as serialised, and the table XML to write in its place.

    The tables go in as text while the document is written: moving a parsed table of 200,000
    elements into python-docx's tree costs seconds of namespace reconciliation.
    """
    return {f'<w:p {_TABLE_MARK}="{index}"/>'.encode(): table.encode() for index, table in enumerate(tables)}


def _open(template: Path, shown: str) -> DocxTemplate:
    """Open a template and check its tags (once per version of the file)."""
    try:
        document = DocxTemplate(str(template))
        document.init_docx()
        stamp = template.stat()
    except Exception:  # python-docx raises its own classes for every kind of unreadable file
        msg = f"{shown}: không mở được tệp mẫu DOCX. Hãy kiểm tra tệp còn nguyên vẹn và đúng là tệp .docx."
        raise TemplateError(msg) from None
    key = (str(template.resolve()), stamp.st_mtime_ns, stamp.st_size)
    if key not in _CHECKED:
        check_template_tags(document, shown)
        _CHECKED[key] = None
    return document


def _render(context: dict[str, Any], template: Path) -> DocxTemplate:
    shown = display_path(template)
    document = _open(template, shown)
    try:
        document.render(context, jinja_env=make_env())
    except jinja2.TemplateSyntaxError as exc:
        place = _context_lines(exc)
        msg = f"{shown}: mẫu văn bản có lỗi cú pháp Jinja ({_jinja_reason(exc)}){place}"
        raise TemplateError(msg) from None
    except jinja2.UndefinedError as exc:
        name = _undefined_name(exc)
        msg = (
            f"{shown}: mẫu văn bản dùng biến “{name}” không có trong kế hoạch. "
            f"Hãy sửa thẻ {{{{ {name} }}}} trong mẫu (xem danh sách biến trong README)."
        )
        raise TemplateError(msg) from None
    except jinja2.TemplateError as exc:
        msg = f"{shown}: không dựng được văn bản từ mẫu ({_jinja_reason(exc)})."
        raise TemplateError(msg) from None
    except etree.XMLSyntaxError as exc:
        msg = (
            f"{shown}: mẫu sinh ra XML hỏng ở phần đầu/cuối trang ({exc.msg}). "
            "Thường do một thẻ {{ }} bị Word tách đôi: hãy gõ lại thẻ đó liền một lần."
        )
        raise TemplateError(msg) from None
    return document


def _jinja_reason(exc: jinja2.TemplateError) -> str:
    text = str(exc.message or exc)
    known = {
        "unexpected end of template": "thiếu thẻ đóng như {%p endif %} hoặc {%p endfor %}",
        "Encountered unknown tag": "thẻ không biết",
        "unexpected '}'": "thừa dấu }",
        "expected token": "thẻ viết sai",
    }
    for needle, said in known.items():
        if needle in text:
            return said
    return "thẻ viết sai"


def _context_lines(exc: Exception) -> str:
    lines = [line.strip() for line in getattr(exc, "docx_context", []) or [] if line.strip()]
    return (": gần đoạn “" + " / ".join(lines)[:200] + "”") if lines else "."


def _undefined_name(exc: jinja2.UndefinedError) -> str:
    match = re.search(r"'([^']+)' is undefined", str(exc)) or re.search(r"attribute '([^']+)'", str(exc))
    return match.group(1) if match else "?"


_CHECKED: dict[tuple[str, int, int], None] = {}
_BROKEN_TAG = re.compile(r"\{\s+[{%]|[%}]\s+\}")


def check_template_tags(document: DocxTemplate, shown: str) -> None:
    """Refuse a template whose tags Word has broken, before rendering hides the damage.

    docxtpl re-joins a tag split across *runs*; a tag split across *paragraphs* (an Enter
    typed inside it) or loosened to "{ {" renders as literal braces or as a silently
    repaired, wrong document.

    Raises:
        TemplateError: naming the template and the paragraph.
    """
    parts = [("thân văn bản", document.docx.element.body)]
    for section in document.docx.sections:
        for name, story in (
            ("đầu trang", section.header),
            ("đầu trang đầu tiên", section.first_page_header),
        ):
            parts.append((name, story._element))
    for where, element in parts:
        for paragraph in element.iter(qn("w:p")):
            text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
            opened = text.count("{{") + text.count("{%")
            closed = text.count("}}") + text.count("%}")
            if opened != closed or _BROKEN_TAG.search(text):
                msg = (
                    f"{shown}: thẻ bị tách hoặc gõ sai ở {where}, đoạn “{text[:80]}”. "
                    "Mỗi thẻ {{ … }} hoặc {%p … %} phải nằm trọn trong một đoạn: hãy gõ lại thẻ đó liền một lần."
                )
                raise TemplateError(msg)


def _finish_sections(document: DocxDocument, has_appendix: bool) -> None:
    """Make the last section the last appendix's: landscape, numbered from 1.

    The template ends in the plan's portrait section, so that a plan without appendices needs
    nothing here; with appendices, the break before the first one already closed the plan's
    section and the last appendix must not end portrait (docxtpl tags cannot change this).
    """
    if not has_appendix:
        return
    body = document.element.body
    final = body.find(qn("w:sectPr"))
    if final is not None:
        body.replace(final, appendix_section(final, LANDSCAPE))


# The core properties hold at most 255 characters each (python-docx refuses more; Word cuts).
_PROPERTY_LIMIT = 255


def clip_property(text: str, limit: int = _PROPERTY_LIMIT) -> str:
    """A property value of at most ``limit`` characters, cut at a word and ended with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _set_properties(document: DocxDocument, properties: dict[str, Any]) -> None:
    """Core properties, set with python-docx after rendering (escaped once, never templated).

    Only the property is shortened when a trích yếu or an agency name is long: the document
    keeps every word.
    """
    core = document.core_properties
    core.title = clip_property(properties.get("title", ""))
    core.subject = clip_property(properties.get("subject", ""))
    core.author = clip_property(properties.get("author", ""))
    core.keywords = clip_property(properties.get("keywords", ""))
    core.language = "vi-VN"
    stamp = properties.get("date") or dt.datetime(2020, 3, 5, tzinfo=dt.UTC)
    core.created = stamp
    core.modified = stamp
    if properties.get("source"):
        _add_source_property(document, properties["source"])


def _add_source_property(document: DocxDocument, source: str) -> None:
    package = document.part.package
    part = Part(PackURI(CUSTOM_PART), CT.OFC_CUSTOM_PROPERTIES, source_property_xml(source), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)
