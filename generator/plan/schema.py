"""The plan format, version 1: one model per YAML block, one field per line with its meaning.

The ``description`` of each field is what VS Code shows while the author types (through the
exported JSON Schema) and what the README's format reference is generated from.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from generator.plan.appendix_schema import Appendix
from generator.plan.areas import AREA_TITLES
from generator.plan.fields import (
    AreaKey,
    Authority,
    Code,
    DocumentNumber,
    IssueDate,
    Marker,
    SchemaVersion,
    Slug,
    Text,
    Units,
    Year,
)
from generator.plan.model import Discriminator, Field, Model, Tag

# The seven reform areas of the state programme (Nghị quyết 76/NQ-CP) and their usual titles.


# --- items: what goes inside a section ---------------------------------------------------


class Bullet(Model):
    """An item with sub-items (the "+" level)."""

    text: Text = Field(description="Nội dung của ý (công cụ tự thêm dấu “-”).")
    note: Text | None = Field(
        None,
        description="Dòng ghi chú in nghiêng riêng bên dưới, thường là đơn vị thực hiện, ví dụ “Phòng Nghiệp vụ Y "
        "chủ trì thực hiện.”",
    )
    sub: list[Item] = Field(default_factory=list, description="Các ý con, in với dấu “+”.")


class Paragraph(Model):
    """A plain paragraph, without a marker."""

    paragraph: Text = Field(description="Một đoạn văn thường, không có dấu đầu dòng.")


class AppendixRef(Model):
    """Where the body points to an appendix (ND30 Phụ lục I, III.1.a requires it)."""

    appendix: Slug | None = Field(None, description="“id” của phụ lục được chỉ dẫn; bỏ trống khi chỉ có một phụ lục.")
    text: Text | None = Field(
        None,
        description="Lời dẫn, không cần dấu ngoặc; mặc định “Chi tiết tại Phụ lục kèm theo”. Phải có chữ “Phụ lục”.",
    )


class RefItem(Model):
    """An item holding an appendix reference."""

    appendix_ref: AppendixRef | None = Field(description="Chỉ dẫn tới phụ lục; để trống để dùng lời dẫn mặc định.")


def _item_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        if "appendix_ref" in value:
            return "ref"
        if "paragraph" in value:
            return "paragraph"
        if "text" in value or "sub" in value:
            return "bullet"
        return None
    if isinstance(value, Bullet):
        return "bullet"
    if isinstance(value, Paragraph):
        return "paragraph"
    return "ref" if isinstance(value, RefItem) else None


# A string is an item with the section's marker ("-" unless the plan says otherwise).
Item = Annotated[
    Annotated[Text, Tag("text")]
    | Annotated[Bullet, Tag("bullet")]
    | Annotated[Paragraph, Tag("paragraph")]
    | Annotated[RefItem, Tag("ref")],
    Discriminator(
        _item_kind,
        custom_error_type="item_shape",
        custom_error_message="mục không đúng dạng",
    ),
]


class Point(Model):
    """A lettered point: a), b), c) … đ) …"""

    title: Text | None = Field(None, description="Tiêu đề của điểm (sau “a)”).")
    text: Text | None = Field(None, description="Nội dung viết liền sau tiêu đề.")
    items: list[Item] = Field(default_factory=list, description="Các ý của điểm.")


class Subsection(Model):
    """A numbered subsection: 1.1., 1.2. …"""

    title: Text | None = Field(None, description="Tiêu đề của mục con (sau “1.1.”).")
    text: Text | None = Field(None, description="Nội dung viết liền sau tiêu đề.")
    items: list[Item] = Field(default_factory=list, description="Các ý của mục con.")
    points: list[Point] = Field(default_factory=list, description="Các điểm a), b), c)…")


class Target(Model):
    """A specific, measurable objective."""

    text: Text = Field(description="Nội dung chỉ tiêu, ví dụ “100% hồ sơ TTHC được giải quyết đúng hạn”.")
    units: Units = Field(default_factory=list, description="Đơn vị chịu trách nhiệm (một hoặc nhiều).")
    note: Text | None = Field(
        None,
        description="Dòng ghi chú in nghiêng riêng bên dưới, thường là đơn vị thực hiện, ví dụ “Phòng Nghiệp vụ Y "
        "chủ trì thực hiện.”",
    )


class _Section(Model):
    """Fields every kind of numbered section (1., 2., …) has."""

    title: Text | None = Field(None, description="Tiêu đề in đậm sau số thứ tự.")
    text: Text | None = Field(None, description="Nội dung viết liền sau tiêu đề (hoặc sau số).")
    marker: Marker | None = Field(
        None, description="Dấu đầu dòng của các ý: “-” (mặc định), “+” hoặc none (đoạn văn thường)."
    )
    items: list[Item] = Field(default_factory=list, description="Các ý, đoạn văn, chỉ dẫn phụ lục.")
    points: list[Point] = Field(
        default_factory=list, description="Các điểm a), b), c)… ngay dưới mục, mỗi điểm có các ý của nó."
    )
    subsections: list[Subsection] = Field(default_factory=list, description="Các mục con 1.1., 1.2.…")


class TextSection(_Section):
    """A section of free text."""

    kind: Literal["text"] = Field("text", description="Mục tự do (mặc định).")


class ObjectivesSection(_Section):
    """Objectives: general text, then specific targets."""

    kind: Literal["objectives"] = Field(description="Mục tiêu; tiêu đề mặc định “Mục tiêu”.")
    targets: list[Target] = Field(default_factory=list, description="Các chỉ tiêu cụ thể.")
    targets_numbered: bool = Field(True, description="Đánh số chỉ tiêu 2.1., 2.2.… (true) hay dùng dấu “-” (false).")
    units_on_own_line: bool = Field(
        False,
        description="In đơn vị của chỉ tiêu trên một dòng riêng in nghiêng “Đơn vị thực hiện: …” (true) thay vì "
        "“(Đơn vị thực hiện: …)” liền sau chỉ tiêu (false).",
    )


class RequirementsSection(_Section):
    """Requirements."""

    kind: Literal["requirements"] = Field(description="Yêu cầu; tiêu đề mặc định “Yêu cầu”.")


class AreaSection(_Section):
    """One of the seven reform areas."""

    kind: Literal["area"] = Field(description="Một trong bảy lĩnh vực cải cách hành chính.")
    area: AreaKey = Field(
        description="Lĩnh vực: direction (chỉ đạo, điều hành), institutions (thể chế), procedures "
        "(thủ tục hành chính), apparatus (tổ chức bộ máy), civil_service (công vụ), "
        "public_finance (tài chính công), digital_government (chính quyền điện tử, số)."
    )


class UnitSection(Model):
    """What one unit must do (Tổ chức thực hiện)."""

    kind: Literal["unit"] = Field(description="Nhiệm vụ của một đơn vị.")
    unit: Text = Field(description="Đơn vị, in đậm sau số thứ tự, ví dụ “Văn phòng Sở Y tế”.")
    text: Text | None = Field(None, description="Nhiệm vụ viết liền sau tên đơn vị.")
    marker: Marker | None = Field(None, description="Dấu đầu dòng của các nhiệm vụ.")
    items: list[Item] = Field(default_factory=list, description="Các nhiệm vụ của đơn vị.")
    points: list[Point] = Field(default_factory=list, description="Các điểm a), b), c)… ngay dưới mục.")
    subsections: list[Subsection] = Field(default_factory=list, description="Các mục con.")


class FundingSection(_Section):
    """Funding."""

    kind: Literal["funding"] = Field(description="Kinh phí; tiêu đề mặc định “Kinh phí thực hiện”.")


SECTION_KINDS = ("text", "objectives", "requirements", "area", "unit", "funding")


def _section_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        kind = value.get("kind")
        return "text" if kind is None else kind if isinstance(kind, str) else None
    return getattr(value, "kind", None)


Section = Annotated[
    Annotated[TextSection, Tag("text")]
    | Annotated[ObjectivesSection, Tag("objectives")]
    | Annotated[RequirementsSection, Tag("requirements")]
    | Annotated[AreaSection, Tag("area")]
    | Annotated[UnitSection, Tag("unit")]
    | Annotated[FundingSection, Tag("funding")],
    Discriminator(_section_kind),
]


class Part(Model):
    """A top-level part of the body: I., II., III. …"""

    heading: Text = Field(description="Tiêu đề phần, ví dụ “MỤC TIÊU, YÊU CẦU” (in hoa tự động).")
    marker: Marker | None = Field(None, description="Dấu đầu dòng cho các ý viết ngay dưới phần.")
    items: list[Item] = Field(default_factory=list, description="Các ý viết ngay dưới tiêu đề phần.")
    sections: list[Section] = Field(default_factory=list, description="Các mục 1., 2., 3.…")


# --- the plan -----------------------------------------------------------------------------


class Agency(Model):
    """The issuing agency (ô 2 of ND30) and where it sits."""

    parent: Text | None = Field(
        None,
        description="Cơ quan chủ quản (dòng trên, in hoa, không đậm), ví dụ “UBND TỈNH HÒA BÌNH”.",
    )
    name: Text = Field(description="Tên cơ quan ban hành (in hoa, đậm), ví dụ “SỞ Y TẾ”.")
    full_name: Text = Field(
        description="Tên đầy đủ viết thường, dùng trong dòng “(Kèm theo …)”, ví dụ “Sở Y tế tỉnh Hòa Bình”."
    )
    code: Code = Field(description="Chữ viết tắt tên cơ quan trong ký hiệu, ví dụ “SYT” trong 05/KH-SYT.")
    place: Text = Field(description="Địa danh ở dòng ngày tháng, ví dụ “Hòa Bình”.")


class DocumentKind(Model):
    """The kind of document (tên loại) and its abbreviation (ND30 Phụ lục III)."""

    type: Text = Field("Kế hoạch", description="Tên loại văn bản; mặc định “Kế hoạch”.")
    code: Code = Field("KH", description="Chữ viết tắt tên loại trong ký hiệu; mặc định “KH”.")


class Recipient(Model):
    """One line of Nơi nhận with its purpose."""

    name: Text = Field(description="Nơi nhận, ví dụ “UBND tỉnh”.")
    purpose: Text | None = Field(None, description="Mục đích, ví dụ “b/c” hoặc “để báo cáo” (in trong ngoặc).")


def _recipient_kind(value: Any) -> str:
    return "text" if isinstance(value, str) else "entry"


RecipientLine = Annotated[
    Annotated[Text, Tag("text")] | Annotated[Recipient, Tag("entry")],
    Discriminator(_recipient_kind),
]


class Signer(Model):
    """The signature block (ô 7a-7c)."""

    authority: Authority | None = Field(
        None,
        description="Thẩm quyền ký: KT., TM., TL., TUQ., Q. hoặc để trống khi người đứng đầu ký.",
    )
    titles: list[Text] = Field(
        min_length=1,
        description="Các dòng chức vụ, ví dụ [GIÁM ĐỐC] hoặc [GIÁM ĐỐC, PHÓ GIÁM ĐỐC] khi ký KT.",
    )
    name: Text = Field(description="Họ và tên người ký, ví dụ “Bùi Thu Hằng”.")


class Layout(Model):
    """Choices about how the body is laid out."""

    marker: Marker = Field("-", description="Dấu đầu dòng mặc định của các ý: “-” hoặc none.")


class Plan(Model):
    """A Kế hoạch cải cách hành chính, in the order it is printed."""

    schema_version: SchemaVersion = Field(alias="schema", description="Phiên bản định dạng; luôn là 1.")
    agency: Agency = Field(description="Cơ quan ban hành.")
    document: DocumentKind = Field(default_factory=DocumentKind, description="Tên loại văn bản.")
    number: DocumentNumber = Field(None, description="Số văn bản; để trống khi còn là dự thảo.")
    date: IssueDate = Field(description="Ngày ban hành: “05/01/2024”, hoặc “01/2024” khi còn là dự thảo.")
    year: Year = Field(description="Năm của kế hoạch, ví dụ 2025.")
    title: Text = Field(description="Trích yếu, ví dụ “Cải cách hành chính năm 2025”.")
    layout: Layout = Field(default_factory=Layout, description="Tùy chọn trình bày.")
    opening: list[Text] = Field(default_factory=list, description="Các đoạn mở đầu “Thực hiện …”, “Căn cứ …”.")
    parts: list[Part] = Field(min_length=1, description="Các phần I., II., III.… theo thứ tự in.")
    closing: Text = Field(description="Đoạn kết; công cụ tự thêm “./.” ở cuối.")
    recipients: list[RecipientLine] = Field(min_length=1, description="Nơi nhận, mỗi dòng một nơi.")
    archive: Text | None = Field(None, description="Dòng lưu, ví dụ “VT, TCHC” (in “- Lưu: VT, TCHC.”).")
    signer: Signer = Field(description="Người ký.")
    appendices: list[Appendix] = Field(default_factory=list, description="Các phụ lục (bảng nhiệm vụ).")
    thematic: bool = Field(
        False,
        description="Kế hoạch chuyên đề (ví dụ nâng cao các chỉ số PCI, PAPI, SIPAS, PAR INDEX), không chia theo "
        "bảy lĩnh vực cải cách: kiểm tra không đòi đủ bảy lĩnh vực.",
    )
    units: list[Text] = Field(
        default_factory=list,
        description="Tên đúng các phòng, đơn vị của Sở (không in ra): khi có, kiểm tra chỉ cảnh báo tên gần giống "
        "một tên trong danh sách. Dùng chung cho mọi kế hoạch: tệp plans/don-vi.txt, mỗi dòng một tên.",
    )


__all__ = ["AREA_TITLES", "SECTION_KINDS", "Item", "Plan", "Section", "Slug", "Units"]
