"""Every lesson is written for trainees (issue 19): what they see holds no file name and no developer word, one
register («anh/chị»), the Party documents' spelling (khóa, hóa, ủy), the decimal comma, its time, and each
abbreviation spelled out at its first use. The cells' code is collapsed in JupyterLab and the test tools' comments
live in the cells' metadata."""

from __future__ import annotations

import re

import nbformat
import pytest

from _visible import lesson_paths, visible_text
from kiemtra_lib import glossary

# Every lesson but 09 (H18's), which still shows a few words of the catalogue and its tool's file names (see the
# closing note of issue 19); it is checked here once they are reworded.
PATHS = list(lesson_paths())
IDS = [p.stem for p in PATHS]

# What a trainee must not read: file names, the catalogue's English words, package and function names, the
# data's machine column names, the dataset's technical words.
FORBIDDEN = [
    (r"RULES\.md", "a file name"), (r"\b\w+\.(?:ipynb|py|md|yaml|csv|txt)\b", "a file name"),
    (r"INTERPRETATION", "the catalogue's English"), (r"Counting days", "the catalogue's English"),
    (r"gói holidays|holidays \d", "a package name"), (r"hàm \w+|\brevise\b", "a function name"),
    (r"\bvotes_\w+|\b(?:member_id|org_id|chi_bo_id|task_result|civil_servant_rating|parent_id|committee_result)\b",
     "a machine column name"),
    (r"hạt giống|`seed`|\bseed\b", "the generator's word"), (r"Traceback|Error\b|Exception\b", "a traceback"),
    (r"\bbạn\b", "another register than «anh/chị»"),
    (r"\bdatetime\b|<IPython|IPY_MODEL|\bNone\b|\{'\w+':", "a Python value printed as code"),
    (r"(?<![\w/.-])[a-z]+(?:_[a-z0-9]+)+(?![\w/])", "a machine name (a case, a code)"),
]
# The spelling of the Party's documents: the tone mark on the first vowel of a final «oa», «oe», «uy».
SPELLING = re.compile(r"(?<![qQ])(?:oá|oà|oả|oã|oạ|oé|oè|oẻ|uý|uỳ|uỷ|uỹ|uỵ|Uỷ)(?!\w)")
POINT_NUMBER = re.compile(r"(?<![\d./:-])\d+\.\d+(?![\d./:-])")  # 86.5 (a date 05.02 or a clause 2.2.a is not one)


@pytest.fixture(scope="module", params=PATHS, ids=IDS)
def lesson(request):
    return request.param, visible_text(request.param)


def test_there_are_lessons():
    assert len(PATHS) >= 8


def test_no_file_name_or_developer_word(lesson):
    path, text = lesson
    found = [(why, m.group(0)) for pattern, why in FORBIDDEN for m in re.finditer(pattern, text)]
    assert not found, f"{path.stem}: {found[:10]}"


def test_spelling_as_the_party_documents_write_it(lesson):
    path, text = lesson
    # A quotation («> ...» lines) keeps the source's own spelling: quotes are as the documents wrote them.
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))
    found = sorted({text[max(0, m.start() - 6):m.end() + 2] for m in SPELLING.finditer(text)})
    assert not found, f"{path.stem}: {found[:10]}"


def test_decimal_comma_in_every_number_shown(lesson):
    path, text = lesson
    # Rule clauses («IV.2.2», «2.1.d», «§III.2.2(4)») are section numbers, not decimals: only a number with one
    # dot between digits and nothing section-like after it counts.
    found = [text[max(0, m.start() - 20):m.end() + 10] for m in POINT_NUMBER.finditer(text)
             if not re.match(r"[a-zđ]\b|\(|\s*[–-]", text[m.end():m.end() + 2])
             and not re.search(r"(?:§|mục|Mục|tiểu mục|điểm|khoản|[IVX]\.)\s*$", text[max(0, m.start() - 12):m.start()])]
    assert not found, f"{path.stem}: {found[:10]}"


def test_each_lesson_states_its_time(lesson):
    path, text = lesson
    assert re.search(r"Thời lượng:\*\* khoảng \d+ phút", text), f"{path.stem}: no «Thời lượng: khoảng N phút»"


def test_each_abbreviation_is_spelled_out_at_its_first_use(lesson):
    path, text = lesson
    if path.stem == "10_thuat_ngu":
        pytest.skip("the glossary itself: each row of its table spells its abbreviation out")
    assert glossary.unexplained(text) == [], path.stem


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_code_is_collapsed_and_test_comments_are_metadata(path):
    nb = nbformat.read(path, as_version=4)
    for cell in (c for c in nb.cells if c.cell_type == "code"):
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, cell.source[:60]
        assert "nbval" not in cell.source, f"{path.stem}: a test tool's comment in the code: {cell.source[:60]}"
        if "nbval-ignore-output" in cell.metadata.get("tags", []):
            assert cell.metadata.get("kiemtra", {}).get("nbval_ignore_output"), "say why in the metadata"


def test_the_checks_catch_what_they_look_for():
    """The patterns above find the words the issue quotes (each check can fail)."""
    bad = ("Nguồn: RULES.md R-M2 (INTERPRETATION); Lịch theo gói holidays 0.109; xem hàm revise; cột votes_xuat_sac; "
           "một số hạt giống (`seed`); bạn hãy chọn; khoá học; 86.5 điểm; {'entry': datetime.date(2014, 11, 18)}; "
           "Tình huống «dang_bo_lon»")
    assert len([1 for pattern, _ in FORBIDDEN if re.search(pattern, bad)]) >= 9
    assert SPELLING.search(bad) and POINT_NUMBER.search(bad)
    assert not SPELLING.search("quý khóa hóa ủy hoàn toán khuyết")
    assert glossary.unexplained("Chi bộ đạt TSVM") == ["TSVM"]
