"""sync_deadlines(): the T5 chain of a case across Tết 2026, worked out by hand.

`holidays` VN 2026 (printed): 01/01; Tết Mon 16/02 – Fri 20/02; Sun 26/04 Hùng Kings, Mon 27/04 its day off;
Thu 30/04; Fri 01/05; Mon 31/08 off for Sat 22/08 worked; 01–02/09; 24/11. Limits in working days count from the
day after the start (RULES.md "Counting days"); a notice limit ending on a day off moves to the next working day.
"""

import datetime as dt

import pytest

from kiemtra_lib import InputError
from kiemtra_lib.discipline import sync_deadlines

D = dt.date


@pytest.mark.parametrize("name, event, event_date, kwargs, notice_due, decision_due, state_due", [
    # Arrest on Tue 10/02/2026: notice within 3 days → Fri 13/02. 30 working days after 13/02: Tết 16–20/02 and the
    # weekend are skipped; 23–27/02 (5), March 2–27 (25), 30–31/03 (27), 01–03/04 (30) → Fri 03/04/2026. Then 30
    # working days after 03/04: 06–24/04 (15), 28–29/04 (17; 27/04, 30/04, 01/05 off), 04–15/05 (27), 18–20/05 (30)
    # → Wed 20/05/2026.
    ("bắt giữ trước Tết", "bat_giu_khoi_to", D(2026, 2, 10), {}, D(2026, 2, 13), D(2026, 4, 3), D(2026, 5, 20)),
    # State discipline on Tue 10/02/2026: 5 days → Sun 15/02, in the Tết break → Mon 23/02. 30 working days after
    # 23/02: 24–27/02 (4), March 2–27 (24), 30–31/03 (26), 01–03/04 (29), Mon 06/04 (30). Then after 06/04:
    # 07–10/04 (4), 13–24/04 (14), 28–29/04 (16), 04–15/05 (26), 18–21/05 (30) → Thu 21/05/2026.
    ("kỷ luật chính quyền trước Tết", "ky_luat_chinh_quyen_doan_the", D(2026, 2, 10), {},
     D(2026, 2, 23), D(2026, 4, 6), D(2026, 5, 21)),
    # Actual dates known: notice received Thu 12/02; 30 working days after: 13/02 (1), 23–27/02 (6), March 2–27 (26),
    # 30–31/03 (28), 01–02/04 (30) → Thu 02/04. Announced Fri 20/03: 23–27/03 (5), 30/03–03/04 (10), 06–24/04 (25),
    # 28–29/04 (27), 04–06/05 (30) → Wed 06/05/2026.
    ("ngày thực tế", "bat_giu_khoi_to", D(2026, 2, 10), {"notice_received": D(2026, 2, 12),
                                                          "announced": D(2026, 3, 20)},
     D(2026, 2, 13), D(2026, 4, 2), D(2026, 5, 6)),
])
def test_the_t5_chain_across_tet_2026(name, event, event_date, kwargs, notice_due, decision_due, state_due):
    chain = sync_deadlines(event, event_date, **kwargs)
    assert (chain.notice_due, chain.party_decision_due, chain.state_discipline_due) == \
        (notice_due, decision_due, state_due), name
    assert {"D5", "T5"} <= {r.rule_id for r in chain.reasons}


def test_unknown_dates_are_assumed_to_be_the_latest_allowed_and_flagged():
    chain = sync_deadlines("bat_giu_khoi_to", D(2026, 2, 10))
    assert chain.assumed == ("notice_received", "announced")
    assert chain.notice_received == D(2026, 2, 13) and chain.announced == D(2026, 4, 3)
    assert "ngay_gia_dinh" in chain.flags and "khong_cho_ban_an" in chain.flags
    known = sync_deadlines("bat_giu_khoi_to", D(2026, 2, 10), notice_received=D(2026, 2, 12),
                           announced=D(2026, 3, 20))
    assert known.assumed == () and "ngay_gia_dinh" not in known.flags


def test_a_late_notice_and_a_late_decision_are_flagged():
    # notice due 13/02; received Tue 24/02 → late; decision due 30 working days after 24/02 = Tue 07/04;
    # announced 08/04 → late
    chain = sync_deadlines("bat_giu_khoi_to", D(2026, 2, 10), notice_received=D(2026, 2, 24),
                           announced=D(2026, 4, 8))
    assert chain.party_decision_due == D(2026, 4, 7)
    assert {"thong_bao_muon", "qua_han_xem_xet_ky_luat"} <= set(chain.flags)


@pytest.mark.parametrize("args, kwargs, words", [
    (("xem_xet_ky_luat_dang", D(2026, 2, 10)), {}, "sự kiện"),
    (("bat_giu_khoi_to", "31/02/2026"), {}, "31/02/2026"),
    (("bat_giu_khoi_to", D(2026, 2, 10)), {"notice_received": D(2026, 2, 9)}, "Trước ngày của sự kiện"),
    (("bat_giu_khoi_to", D(2026, 2, 10)), {"notice_received": D(2026, 2, 12), "announced": D(2026, 2, 11)},
     "Trước ngày nhận thông báo"),
])
def test_bad_input_is_an_input_error(args, kwargs, words):
    with pytest.raises(InputError) as err:
        sync_deadlines(*args, **kwargs)
    assert words in str(err.value)


def test_the_chain_shows_its_steps_and_calendar():
    chain = sync_deadlines("bat_giu_khoi_to", D(2026, 2, 10))
    frame = chain.as_frame()
    assert frame["ngay"].tolist() == ["10/02/2026", "13/02/2026", "13/02/2026", "03/04/2026", "03/04/2026",
                                      "20/05/2026"]
    assert "giả định" in frame["buoc"].iloc[2]
    assert "Bộ luật Lao động" in str(chain) and "20/05/2026" in chain._repr_html_()
