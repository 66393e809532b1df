"""One vocabulary and one renderer (issue 13, item 6): every decision's HTML escapes its text and marks a reason
whose rule is to be confirmed «cần xác nhận»; yes/no and flags have one table each."""

from __future__ import annotations

import pytest

from kiemtra_lib import discipline, rating, schema, vocabulary
from kiemtra_lib.render import TBC, card, reason_html
from kiemtra_lib.rules import Reason

EVIL = Reason(rule_id="R<1>", text='Lý do <script>alert("x")</script> & «trích»', source="004 §<IV>",
              status="to_be_confirmed")
PLAIN = Reason(rule_id="R-M3", text="Đạt «Hoàn thành tốt nhiệm vụ».", source="004 §IV.2.2.b")


def test_a_reason_is_escaped_and_a_rule_to_be_confirmed_is_marked():
    out = reason_html(EVIL)
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out and "R&lt;1&gt;" in out
    assert TBC in out
    assert TBC not in reason_html(PLAIN)


def test_a_card_escapes_every_piece_and_shows_flags_in_words():
    out = card("<b>Tiêu đề</b>", [EVIL, PLAIN], rows=[("<k>", "<v>")], lines=["<l>"], flags=["can_bo_phieu_lai"],
               note="<n>", foot="<f>")
    for raw in ("<b>Tiêu", "<k>", "<v>", "<l>", "<n>", "<f>"):
        assert raw not in out
    assert out.count(TBC) == 1 and vocabulary.FLAG_LABELS["can_bo_phieu_lai"] in out


@pytest.mark.parametrize("make", [
    lambda: rating.Decision(level=None, reasons=(EVIL, PLAIN), flags=("can_xem_xet_lai",), ruleset="hcm-2014",
                            ruleset_label="bộ quy tắc «hcm-2014»", subject="Đảng viên <M1>"),
    lambda: discipline.rating_effects({"form": "khien_trach", "announced": "01/06/2025"}, "25/11/2025"),
], ids=["rating decision", "discipline effects"])
def test_decisions_render_through_the_one_renderer(make):
    d = make()
    out = d._repr_html_()
    confirmed = all(r.status == "confirmed" for r in d.reasons)
    assert (TBC in out) == (not confirmed)
    assert "<script>" not in out and "<M1>" not in out


def test_one_table_of_flags_and_of_yes_no_words():
    assert rating.FLAGS.items() <= vocabulary.FLAG_LABELS.items()
    assert discipline.FLAG_LABELS is vocabulary.FLAG_LABELS
    assert [vocabulary.parse_yes_no(w) for w in ("Có", "KHÔNG", "x", "0", "có lẽ")] == [True, False, True, False, None]
    assert vocabulary.yes_no(True) == "có" and vocabulary.yes_no(False) == "không"
    table = schema.MEMBERS.validate([{"member_id": "A", "chi_bo_id": "C", "official": "Có", "reviewed": "không",
                                      "task_result": "tot",
                                      "votes_xuat_sac": 0, "votes_tot": 0, "votes_hoan_thanh": 0,
                                      "votes_khong_hoan_thanh": 0}])
    assert (bool(table["official"].iat[0]), bool(table["reviewed"].iat[0])) == (True, False)
