"""The appendix task table in the plan format: rows, groups and the columns a province uses."""

from __future__ import annotations

import typing
from typing import Annotated, Literal

from generator.plan.fields import AreaKey, Slug, Text, Units
from generator.plan.model import Constraints, Field, Model

# A relative width: any number above zero.
PositiveNumber = Annotated[float, Constraints(gt=0)]

ColumnField = Literal["number", "group", "task", "product", "lead", "partners", "deadline", "note", "status"]


class Column(Model):
    """One column of the task table."""

    field: ColumnField = Field(
        description="Nội dung cột: number (TT), group (nhóm nhiệm vụ, gộp dọc), task (nhiệm vụ), "
        "product (sản phẩm), lead (chủ trì), partners (phối hợp), deadline (thời gian), note (ghi chú), "
        "status (tình trạng thực hiện)."
    )
    heading: Text | None = Field(None, description="Tên cột; mặc định theo bố cục đã chọn.")
    width: PositiveNumber | None = Field(
        None, description="Độ rộng tương đối (các cột được co giãn cho vừa khổ ngang)."
    )
    band: Text | None = Field(
        None,
        description="Tiêu đề chung của các cột liền nhau (hàng tiêu đề thứ nhất), "
        "ví dụ “PHÂN CÔNG THỰC HIỆN” trên “Chủ trì” và “Phối hợp”.",
    )


# Columns whose equal values in consecutive rows may print as one cell merged down the rows.
MergeField = Literal["product", "lead", "partners", "deadline", "note", "status"]
MERGEABLE: tuple[str, ...] = typing.get_args(MergeField)
# A cell value meaning "the same as the cell above, merged with it".
SAME_AS_ABOVE = "^"
_SAME_AS_ABOVE_HELP = f"“{SAME_AS_ABOVE}”: như ô ngay trên, in gộp với ô đó."


class RowLine(Model):
    """One line of a task printed over several lines (several products or deadlines)."""

    product: Text | None = Field(None, description="Sản phẩm của dòng này.")
    lead: Units = Field(default_factory=list, description="Chủ trì của dòng này.")
    partners: Units = Field(default_factory=list, description="Phối hợp của dòng này.")
    deadline: Text | None = Field(None, description="Thời gian của dòng này.")
    note: Text | None = Field(None, description="Ghi chú của dòng này.")
    status: Text | None = Field(None, description="Tình trạng của dòng này.")


class Row(Model):
    """One task."""

    task: Text = Field(description="Nhiệm vụ.")
    product: Text | None = Field(None, description="Sản phẩm, kết quả dự kiến. " + _SAME_AS_ABOVE_HELP)
    lead: Units = Field(
        default_factory=list, description="Cơ quan, đơn vị chủ trì (một hoặc nhiều). " + _SAME_AS_ABOVE_HELP
    )
    partners: Units = Field(default_factory=list, description="Cơ quan, đơn vị phối hợp. " + _SAME_AS_ABOVE_HELP)
    deadline: Text | None = Field(
        None,
        description="Thời gian, viết như thường lệ: “Thường xuyên”, “Quý I/2025”, “Tháng 12/2025”. "
        + _SAME_AS_ABOVE_HELP,
    )
    note: Text | None = Field(None, description="Ghi chú.")
    status: Text | None = Field(
        None, description="Tình trạng thực hiện trong năm (theo dõi); kehoach new để trống khi sang năm mới."
    )
    number: Text | None = Field(
        None,
        description="Số thứ tự riêng (ví dụ “1.7.2” theo bộ tiêu chí); “none”: dòng không đánh số (không tính vào "
        "số tự đánh của các dòng sau); mặc định tự đánh số.",
    )
    lines: list[RowLine] = Field(
        default_factory=list,
        description="Nhiệm vụ in trên nhiều dòng (mỗi dòng một sản phẩm, thời gian…): số thứ tự, nhiệm vụ và các cột "
        "không ghi trong lines được gộp dọc qua các dòng. " + _SAME_AS_ABOVE_HELP.replace("“^”", "Trong mọi cột, “^”"),
    )

    def cells(self, field: str) -> list[tuple[tuple[str | int, ...], str]]:
        """The texts of one column with where each is written (``("lines", 1, "deadline")`` or
        ``("deadline",)``): one per line when the lines set it, else the row's own."""
        if any(field in line.model_fields_set for line in self.lines):
            sources: list[tuple[tuple[str | int, ...], Row | RowLine]] = [
                (("lines", k, field), line) for k, line in enumerate(self.lines)
            ]
        else:
            sources = [((field,), self)]
        out = []
        for where, source in sources:
            value = getattr(source, field, None)
            out.append((where, "; ".join(value) if isinstance(value, list) else (value or "")))
        return out

    def values(self, field: str) -> list[str]:
        """The texts of one column: one per line when the lines set it, else the row's own."""
        return [text for _, text in self.cells(field)]


class SubGroup(Model):
    """A numbered group inside a group (one level of nesting)."""

    area: AreaKey | None = Field(None, description="Lĩnh vực cải cách; tiêu đề lấy từ lĩnh vực.")
    title: Text | None = Field(None, description="Tiêu đề nhóm con (sau số 1., 2.…).")
    label: Text | None = Field(
        None, description="Số riêng của nhóm con (ví dụ “4” theo bộ chỉ số); mặc định tự đánh 1, 2, 3…"
    )
    rows: list[Row] = Field(default_factory=list, description="Các nhiệm vụ của nhóm con.")
    merge: list[MergeField] | None = Field(None, description="Như merge của nhóm; mặc định theo nhóm.")


class Group(Model):
    """A group of rows: usually one reform area, or any heading (PCI, PAPI, SIPAS…)."""

    area: AreaKey | None = Field(None, description="Lĩnh vực cải cách; tiêu đề lấy từ lĩnh vực.")
    title: Text | None = Field(None, description="Tiêu đề nhóm (bắt buộc khi không có area).")
    label: Text | None = Field(None, description="Số riêng của nhóm; mặc định tự đánh I, II, III…")
    rows: list[Row] = Field(default_factory=list, description="Các nhiệm vụ của nhóm.")
    groups: list[SubGroup] = Field(default_factory=list, description="Các nhóm con 1., 2.…")
    merge: list[MergeField] | None = Field(None, description="Như merge của phụ lục; mặc định theo phụ lục.")


class Appendix(Model):
    """A Phụ lục: a landscape task table after the signature."""

    id: Slug | None = Field(None, description="Tên ngắn để chỉ dẫn, ví dụ “nhiem-vu”.")
    title: Text = Field(description="Tiêu đề phụ lục (in hoa tự động).")
    layout: Literal["common", "thanh-hoa"] = Field(
        "common",
        description="Bố cục có sẵn: common (TT | Nhiệm vụ | Chủ trì | Phối hợp | Kết quả | Thời gian, "
        "nhóm là hàng tiêu đề) hoặc thanh-hoa (cột “Nhiệm vụ chung” gộp dọc).",
    )
    columns: list[Column] | None = Field(None, description="Các cột tự chọn, thay cho bố cục có sẵn.")
    issued_separately: bool = Field(
        False, description="true khi phụ lục ban hành thành tệp riêng (không in vào văn bản này)."
    )
    merge: list[MergeField] = Field(
        default_factory=list,
        description="Các cột (product, lead, partners, deadline, note, status) mà các dòng liền nhau cùng giá trị "
        "được in gộp thành một ô dọc, ví dụ [lead, deadline].",
    )
    groups: list[Group] = Field(default_factory=list, description="Các nhóm nhiệm vụ.")
