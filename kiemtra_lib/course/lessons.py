"""The list of lessons: the one place that knows their numbers, file names and titles.

A lesson ``NN`` with slug ``s`` is the notebook ``notebooks/NN_s.ipynb``, built from ``scripts/course_src/NN_s.txt``.
To add a lesson, add one line to ``LESSONS`` (numbers 08–19 are reserved in /work/notes/TEAM.md); the course
tests check that the notebook's first heading says the same title.

>>> LESSONS[3].name, LESSONS[3].notebook
('03_xep_loai_dang_vien', '03_xep_loai_dang_vien.ipynb')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Lesson", "LESSONS", "LESSON_FILE", "ROOT", "NOTEBOOKS", "SOURCES", "lesson", "lesson_number",
           "notebook_paths"]

# The course files live in the repository beside the package (installed editable by `make`).
ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
SOURCES = ROOT / "scripts" / "course_src"

#: A lesson's file name: two digits, an underscore, a slug; the number gives the course order.
LESSON_FILE = re.compile(r"^(?P<number>\d{2})_(?P<slug>[A-Za-z0-9_]+)\.(?:ipynb|txt)$")


@dataclass(frozen=True)
class Lesson:
    number: str  # two digits, "03"
    slug: str  # "xep_loai_dang_vien"
    title: str  # the notebook's heading after "Bài NN."

    @property
    def name(self) -> str:
        return f"{self.number}_{self.slug}"

    @property
    def notebook(self) -> str:
        return f"{self.name}.ipynb"

    @property
    def source(self) -> str:
        return f"{self.name}.txt"


LESSONS: tuple[Lesson, ...] = (
    Lesson("00", "gioi_thieu", "Giới thiệu khóa học"),
    Lesson("01", "quy_trinh_kiem_tra", "Quy trình một cuộc kiểm tra: các bước, thời hạn, gia hạn, hồ sơ, tiến độ"),
    Lesson("02", "kiem_diem", "Kiểm điểm: ba bước, trình tự hội nghị chi bộ, nơi kiểm điểm"),
    Lesson("03", "xep_loai_dang_vien", "Xếp loại chất lượng đảng viên"),
    Lesson("04", "xep_loai_to_chuc", "Xếp loại chất lượng tổ chức cơ sở đảng"),
    Lesson("05", "ky_luat", "Kỷ luật: hình thức, tình tiết, thời hiệu, thời hạn đồng bộ, ảnh hưởng tới xếp loại"),
    Lesson("06", "tinh_huong_tong_hop", "Tình huống tổng hợp: một đảng bộ từ kiểm tra đến xếp loại cuối năm"),
    Lesson("07", "theo_doi_ket_luan_34", "Theo dõi chỉ tiêu Kết luận 34 trong nhiệm kỳ"),
    Lesson("08", "quy_dinh_366", "Xếp loại theo Quy định 366-QĐ/TW: quy định hiện hành, so sánh với kế hoạch năm "
           "2014"),
    Lesson("09", "tham_dinh_xep_loai", "Thẩm định kết quả xếp loại: hồ sơ, đối chiếu, bỏ phiếu"),
    Lesson("10", "thuat_ngu", "Thuật ngữ và chữ viết tắt"),
    Lesson("11", "tinh_huong_quy_trinh_331", "Tình huống: một cuộc kiểm tra của cơ quan tham mưu, từ kế hoạch đến theo dõi "
           "khắc phục"),
    Lesson("12", "tinh_huong_ket_luan_34", "Tình huống: một đảng bộ thực hiện Chương trình hành động Kết luận 34"),
    Lesson("13", "tinh_huong_kiem_diem", "Tình huống: đợt kiểm điểm từ trên xuống, ba bước, cấp trên dự"),
    Lesson("14", "tinh_huong_ke_hoach_2014", "Tình huống: một kế hoạch kiểm điểm, đánh giá cuối năm theo từng đợt"),
    Lesson("15", "tinh_huong_tron_nam", "Tình huống trọn năm: một đảng bộ từ kiểm tra, kỷ luật, kiểm điểm đến xếp loại"),
)


def lesson(name: str) -> Lesson:
    """The lesson named ``"03_xep_loai_dang_vien"`` (or ``"03"``, or its notebook's file name)."""
    key = Path(name).stem
    for ls in LESSONS:
        if key in (ls.name, ls.number):
            return ls
    raise KeyError(name)


def lesson_number(file_name: str) -> str | None:
    """``"03"`` for a lesson-shaped file name (``03_xep_loai_dang_vien.ipynb``), else ``None``."""
    match = LESSON_FILE.match(Path(file_name).name)
    return match.group("number") if match else None


def notebook_paths(folder: Path | None = None) -> list[Path]:
    """The lessons' notebooks in course order (``notebooks/`` unless another folder is given)."""
    folder = NOTEBOOKS if folder is None else Path(folder)
    return [folder / ls.notebook for ls in sorted(LESSONS, key=lambda ls: ls.number)]
