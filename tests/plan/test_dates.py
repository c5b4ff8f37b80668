"""Issue dates: the forms authors type, the ones that do not exist, and ND30's zero padding."""

from __future__ import annotations

import pytest

from generator.plan.dates import BLANK, PlanDate


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("05/01/2024", PlanDate(2024, 1, 5)),
        ("5/1/2024", PlanDate(2024, 1, 5)),
        ("05-01-2024", PlanDate(2024, 1, 5)),
        ("05.01.2024", PlanDate(2024, 1, 5)),
        ("2024-01-05", PlanDate(2024, 1, 5)),
        ("01/2024", PlanDate(2024, 1)),
        ("12 / 2020", PlanDate(2020, 12)),
        ("2024", PlanDate(2024)),
        ("ngày 05 tháng 01 năm 2024", PlanDate(2024, 1, 5)),
        ("tháng 12 năm 2020", PlanDate(2020, 12)),
        ("ngày tháng năm 2024", PlanDate(2024)),
    ],
)
def test_the_forms_authors_type(typed: str, parsed: PlanDate):
    assert PlanDate.parse(typed) == parsed


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("30/02/2024", "ngày 30/02/2024 không tồn tại: tháng 2 năm 2024 chỉ có 29 ngày."),
        ("29/02/2023", "ngày 29/02/2023 không tồn tại: tháng 2 năm 2023 chỉ có 28 ngày."),
        ("31/04/2024", "ngày 31/04/2024 không tồn tại: tháng 4 năm 2024 chỉ có 30 ngày."),
        ("13/2024", "tháng 13 không tồn tại; tháng phải từ 1 đến 12."),
        ("01/2O24", "không đọc được ngày “01/2O24”."),
        ("mùng 5 tết", "không đọc được ngày “mùng 5 tết”."),
    ],
)
def test_dates_that_cannot_be_are_explained(typed: str, message: str):
    with pytest.raises(ValueError) as caught:  # the message is checked below
        PlanDate.parse(typed)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("date", "words"),
    [
        (PlanDate(2024, 1, 5), "ngày 05 tháng 01 năm 2024"),
        (PlanDate(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),
        (PlanDate(2024, 3, 9), "ngày 09 tháng 3 năm 2024"),
        (PlanDate(2024, 8, 15), "ngày 15 tháng 8 năm 2024"),
        (PlanDate(2024, 12, 31), "ngày 31 tháng 12 năm 2024"),
    ],
)
def test_words_pad_days_1_to_9_and_months_1_and_2_only(date: PlanDate, words: str):
    assert date.words() == words


def test_a_draft_leaves_room_for_the_day_and_month():
    assert PlanDate(2024, 1).words() == f"ngày {BLANK} tháng 01 năm 2024"
    assert PlanDate(2024).words() == f"ngày {BLANK} tháng {BLANK} năm 2024"
    assert len(BLANK) >= 5 and not BLANK.strip()


def test_dates_write_back_in_the_form_they_were_read():
    for text in ("05/01/2024", "01/2024", "2024"):
        assert PlanDate.parse(text).as_yaml() == text


# --- the edges, each with the words the author reads (kills the boundary mutants) -----------------


@pytest.mark.parametrize(
    ("year", "month", "day", "said"),
    [
        (1899, None, None, "năm 1899 không hợp lệ; hãy viết năm bằng 4 chữ số, ví dụ 2025."),
        (2201, None, None, "năm 2201 không hợp lệ; hãy viết năm bằng 4 chữ số, ví dụ 2025."),
        (2024, None, 5, "có ngày nhưng thiếu tháng."),
        (2024, 1, 0, "ngày 00/01/2024 không tồn tại: tháng 1 năm 2024 chỉ có 31 ngày."),
        (2024, 1, 32, "ngày 32/01/2024 không tồn tại: tháng 1 năm 2024 chỉ có 31 ngày."),
        (2023, 2, 29, "ngày 29/02/2023 không tồn tại: tháng 2 năm 2023 chỉ có 28 ngày."),
        (2024, 13, None, "tháng 13 không tồn tại; tháng phải từ 1 đến 12."),
    ],
)
def test_impossible_dates_are_refused_in_words(year: int, month: int | None, day: int | None, said: str):
    with pytest.raises(ValueError) as caught:
        PlanDate.checked(year, month, day)
    assert str(caught.value) == said


@pytest.mark.parametrize(("year", "month", "day"), [(1900, None, None), (2200, 12, 31), (2024, 1, 1), (2024, 2, 29)])
def test_the_last_possible_values_are_accepted(year: int, month: int | None, day: int | None):
    assert PlanDate.checked(year, month, day) == PlanDate(year, month, day)


def test_a_month_only_date_is_no_calendar_date_and_blanks_to_its_year():
    assert PlanDate(2024, 1).as_date() is None
    assert PlanDate(2024, 1, 5).blanked() == PlanDate(2024)
