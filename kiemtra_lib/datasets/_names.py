"""Synthetic Vietnamese names: họ, tên đệm and tên drawn separately and combined at random.

The lists are common name parts, not people. Given names that would let the generator rebuild a real person's full
name quoted in the course's source documents are left out on purpose (tests/test_datasets_names.py checks every
name-like phrase of those documents against everything the generator can produce).
"""

from __future__ import annotations

import numpy as np

# Surnames with rough frequencies (per cent of the population), so that Nguyễn is common and Quách rare.
SURNAMES = {
    "Nguyễn": 31.5, "Trần": 10.9, "Lê": 9.5, "Phạm": 7.0, "Hoàng": 5.1, "Huỳnh": 4.0, "Phan": 4.5, "Vũ": 3.9,
    "Võ": 3.5, "Đặng": 2.1, "Bùi": 2.0, "Đỗ": 1.4, "Hồ": 1.3, "Ngô": 1.3, "Dương": 1.0, "Lý": 0.5, "Đinh": 0.6,
    "Trương": 0.6, "Mai": 0.4, "Tạ": 0.3, "Lương": 0.3, "Cao": 0.3, "Hà": 0.3, "Châu": 0.2, "Tô": 0.2,
    "Lâm": 0.2, "Quách": 0.1, "Kiều": 0.1, "Phùng": 0.1, "Thái": 0.1,
}
MIDDLE_MALE = ("Văn", "Hữu", "Công", "Quang", "Mạnh", "Xuân", "Đình", "Thanh", "Quốc", "Gia", "Bảo", "Ngọc", "Trọng",
               "Tiến", "Duy", "Hoàng", "Thế", "Khắc", "Viết", "Anh", "Trung", "Phú")
MIDDLE_FEMALE = ("Thị", "Thị", "Thị", "Ngọc", "Thanh", "Kim", "Hồng", "Phương", "Bích", "Diệu", "Thùy", "Khánh",
                 "Thị Thanh", "Thị Kim", "Thị Hồng", "Thị Ngọc", "Minh", "Lan", "Mỹ", "Cẩm")
GIVEN_MALE = ("An", "Bình", "Cường", "Dũng", "Duy", "Hải", "Hiếu", "Hòa", "Hùng", "Huy", "Khang", "Khánh", "Khoa",
              "Kiên", "Long", "Lộc", "Lợi", "Nam", "Nghĩa", "Nhân", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài",
              "Thắng", "Thành", "Thịnh", "Toàn", "Trí", "Tùng", "Việt", "Vinh", "Vũ", "Bảo", "Đạt", "Định", "Hưng",
              "Khải", "Lực", "Phát", "Sang", "Thái", "Thiện", "Tiến", "Trọng", "Tú", "Hoàng", "Hiệp")
GIVEN_FEMALE = ("Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Hương", "Lan", "Liên",
                "Linh", "Loan", "Mai", "My", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm",
                "Thảo", "Thoa", "Thủy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Xuân", "Yến", "Diệp", "Nhàn",
                "Thư", "Lụa", "Hậu")


def _table(middles, givens) -> np.ndarray:
    """Every full name of one gender, indexed [surname, middle, given]: a name is then one lookup."""
    return np.array([[[f"{s} {m} {g}" for g in givens] for m in middles] for s in SURNAMES], dtype=object)


def make_names(rng: np.random.Generator, female: np.ndarray) -> np.ndarray:
    """One full name per row (``female`` is a boolean array); vectorised: a million names take well under a second."""
    n = len(female)
    weights = np.array(list(SURNAMES.values()), dtype=float)
    surname = rng.choice(len(SURNAMES), size=n, p=weights / weights.sum())
    middle_f, middle_m = rng.choice(len(MIDDLE_FEMALE), size=n), rng.choice(len(MIDDLE_MALE), size=n)
    given_f, given_m = rng.choice(len(GIVEN_FEMALE), size=n), rng.choice(len(GIVEN_MALE), size=n)
    return np.where(female, _table(MIDDLE_FEMALE, GIVEN_FEMALE)[surname, middle_f, given_f],
                    _table(MIDDLE_MALE, GIVEN_MALE)[surname, middle_m, given_m])


def all_possible_names() -> set[str]:
    """Every full name the generator can produce (about 45,000): what the real-name check compares against."""
    out = set()
    for middles, givens in ((MIDDLE_MALE, GIVEN_MALE), (MIDDLE_FEMALE, GIVEN_FEMALE)):
        for s in SURNAMES:
            for m in set(middles):
                for g in givens:
                    out.add(f"{s} {m} {g}")
    return out
