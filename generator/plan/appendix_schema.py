"""The appendix task table in the plan format: rows, groups and the columns a province uses."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, PositiveFloat

from generator.plan.fields import AreaKey, Model, Slug, Text, Units

ColumnField = Literal["number", "group", "task", "product", "lead", "partners", "deadline", "note", "status"]


class Column(Model):
    """One column of the task table."""

    field: ColumnField = Field(
        description="Nội dung cột: number (TT), group (nhóm nhiệm vụ, gộp dọc), task (nhiệm vụ), "
        "product (sản phẩm), lead (chủ trì), partners (phối hợp), deadline (thời gian), note (ghi chú), "
        "status (tình trạng thực hiện)."
    )
    heading: Text | None = Field(None, description="Tên cột; mặc định theo bố cục đã chọn.")
    width: PositiveFloat | None = Field(None, description="Độ rộng tương đối (các cột được co giãn cho vừa khổ ngang).")
    band: Text | None = Field(
        None,
        description="Tiêu đề chung của các cột liền nhau (hàng tiêu đề thứ nhất), "
        "ví dụ “PHÂN CÔNG THỰC HIỆN” trên “Chủ trì” và “Phối hợp”.",
    )


class Row(Model):
    """One task."""

    task: Text = Field(description="Nhiệm vụ.")
    product: Text | None = Field(None, description="Sản phẩm, kết quả dự kiến.")
    lead: Units = Field(default_factory=list, description="Cơ quan, đơn vị chủ trì (một hoặc nhiều).")
    partners: Units = Field(default_factory=list, description="Cơ quan, đơn vị phối hợp.")
    deadline: Text | None = Field(
        None,
        description="Thời gian, viết như thường lệ: “Thường xuyên”, “Quý I/2025”, “Tháng 12/2025”.",
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


class SubGroup(Model):
    """A numbered group inside a group (one level of nesting)."""

    area: AreaKey | None = Field(None, description="Lĩnh vực cải cách; tiêu đề lấy từ lĩnh vực.")
    title: Text | None = Field(None, description="Tiêu đề nhóm con (sau số 1., 2.…).")
    label: Text | None = Field(
        None, description="Số riêng của nhóm con (ví dụ “4” theo bộ chỉ số); mặc định tự đánh 1, 2, 3…"
    )
    rows: list[Row] = Field(default_factory=list, description="Các nhiệm vụ của nhóm con.")


class Group(Model):
    """A group of rows: usually one reform area, or any heading (PCI, PAPI, SIPAS…)."""

    area: AreaKey | None = Field(None, description="Lĩnh vực cải cách; tiêu đề lấy từ lĩnh vực.")
    title: Text | None = Field(None, description="Tiêu đề nhóm (bắt buộc khi không có area).")
    label: Text | None = Field(None, description="Số riêng của nhóm; mặc định tự đánh I, II, III…")
    rows: list[Row] = Field(default_factory=list, description="Các nhiệm vụ của nhóm.")
    groups: list[SubGroup] = Field(default_factory=list, description="Các nhóm con 1., 2.…")


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
    groups: list[Group] = Field(default_factory=list, description="Các nhóm nhiệm vụ.")
