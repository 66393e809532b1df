"""A reproducible synthetic đảng bộ: organisations, members with votes, inspections across a term, discipline cases.

Everything comes from one ``numpy.random.default_rng(seed)``, drawn in a fixed order, so one seed gives the same
tables on every machine. Every column is drawn for all rows at once (no Python loop per member), so a million
members in 40,000 chi bộ take seconds. The distributions are a design, written here as data (``PROFILES``): most
members Hoàn thành tốt, a few Không hoàn thành, points clustered 75–95. Deliberate edge cases (a tie at the quota
boundary, exactly 2/3 of the votes, a member admitted less than 6 months before the review, a discipline less than a
year old, 3 months of sick leave, an organisation not inspected in the term, a time-barred violation) are placed in
fixed positions and listed in ``Case.meta["edge_cases"]`` with what the rules should make of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError
from ..periods import add_months, add_years
from ..rating.quota import htxs_quota
from ..rules import DEFAULT_RULESET, get_ruleset
from ..schema import CIVIL_SERVANT_RATINGS, DISCIPLINE_CASES, FAULTS, INSPECTIONS, MEMBERS, ORGANISATIONS, \
    TASK_RESULTS, Table, _coerce
from ._names import make_names
from .case import Case
from .generate_qd366 import add_qd366_inputs

__all__ = ["generate", "PROFILES", "GENERATOR_VERSION", "review_date_of", "term_of"]

#: Bump when the same seed and parameters would give different tables (the shipped files are rebuilt then).
GENERATOR_VERSION = 1

_LEVELS = list(TASK_RESULTS)  # xuat_sac, tot, hoan_thanh, khong_hoan_thanh: index 0..3
_CS = list(CIVIL_SERVANT_RATINGS)  # xuat_sac, tot, hoan_thanh, han_che_nang_luc, chua_hoan_thanh
_FAULTS = list(FAULTS)


@dataclass(frozen=True)
class Profile:
    label: str
    task: tuple[float, float, float, float]  # chi bộ's assessment: xuất sắc, tốt, hoàn thành, không hoàn thành
    points_mean: float
    points_sd: float
    discipline: float  # share of members with a discipline in the last three years
    new_members: float  # admitted less than 6 months before the review (K3)
    probationary: float  # admitted 6 to 12 months before: rated, but not yet voting
    absent: float  # missed the review meeting (K5)
    sick: float
    absences_mean: float
    weak_org: float  # share of organisations with a committee problem (disunity, failed tasks)


PROFILES = {
    "binh_thuong": Profile("Bình thường", (0.12, 0.72, 0.13, 0.03), 85.0, 6.0, 0.02, 0.02, 0.03, 0.015, 0.03,
                           0.5, 0.04),
    "vung_manh": Profile("Vững mạnh", (0.18, 0.74, 0.07, 0.01), 91.0, 4.0, 0.005, 0.02, 0.03, 0.01, 0.02,
                         0.3, 0.01),
    "yeu_kem": Profile("Yếu kém", (0.05, 0.55, 0.28, 0.12), 68.0, 10.0, 0.05, 0.02, 0.03, 0.03, 0.05, 1.0, 0.2),
}

# How an official member votes for a colleague, by the level the chi bộ leans to (xs, tốt, hoàn thành, không HT).
_VOTE_P = np.array([[0.85, 0.13, 0.02, 0.00],
                    [0.03, 0.90, 0.07, 0.00],
                    [0.00, 0.12, 0.86, 0.02],
                    [0.00, 0.00, 0.12, 0.88]])
# Civil-service rating by the chi bộ's assessment (columns in the order of CIVIL_SERVANT_RATINGS).
_CS_P = np.array([[0.60, 0.40, 0.00, 0.00, 0.00],
                  [0.05, 0.85, 0.10, 0.00, 0.00],
                  [0.00, 0.10, 0.75, 0.15, 0.00],
                  [0.00, 0.00, 0.20, 0.30, 0.50]])
_PLACES = ("Hòa Bình", "An Phú", "Tân Thịnh", "Phú Lợi", "Thanh Bình", "Hưng Long", "Bình An", "Phước Hải",
           "Đông Hòa", "Tây Sơn", "Nam Thành", "Bắc Hà")
_TOPICS = {"kiem_tra": ("Kiểm tra việc chấp hành nghị quyết, chỉ thị của Đảng",
                        "Kiểm tra việc thực hiện quy chế làm việc của cấp ủy",
                        "Kiểm tra việc thu, nộp, quản lý và sử dụng đảng phí",
                        "Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát"),
           "giam_sat": ("Giám sát việc thực hiện chức trách, nhiệm vụ của cấp ủy viên",
                        "Giám sát việc tu dưỡng, rèn luyện đạo đức, lối sống",
                        "Giám sát việc kê khai tài sản, thu nhập",
                        "Giám sát việc thực hiện quy chế dân chủ ở cơ sở")}
_SUMMARIES = ("Vi phạm quy chế làm việc của cơ quan", "Thiếu trách nhiệm trong quản lý tài chính",
              "Vi phạm quy định về những điều đảng viên không được làm", "Vi phạm chính sách dân số",
              "Thiếu trách nhiệm để cấp dưới vi phạm", "Vi phạm quy định về quản lý đất đai")
_MITIGATING = ("tu_giac_bao_cao", "chu_dong_khac_phuc", "cung_cap_thong_tin")


def review_date_of(year: int) -> dt.date:
    """The review meeting of a generated case: 20/11 of the year (T7: grassroots reviews run September–November)."""
    return dt.date(year, 11, 20)


def term_of(year: int) -> tuple[dt.date, dt.date]:
    """The 5-year term (T6) that ends in September of ``year``: 01/10/(year−5) to 30/09/year."""
    return dt.date(year - 5, 10, 1), dt.date(year, 9, 30)


_MAX_CHI_BO, _MAX_PER_CHI_BO, _MAX_MEMBERS = 100_000, 10_000, 2_000_000


def _check(seed, chi_bo, members_per_chi_bo, year, profile, dang_bo) -> tuple[int, int, int, int]:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InputError("seed", seed, allowed="một số nguyên không âm")
    if isinstance(chi_bo, bool) or not isinstance(chi_bo, (int, np.integer)) or chi_bo < 1:
        raise InputError("chi_bo", chi_bo, allowed="số chi bộ, một số nguyên từ 1 trở lên")
    size = members_per_chi_bo
    lo, hi = (size, size) if isinstance(size, (int, np.integer)) else tuple(size) if isinstance(size, (tuple, list)) \
        and len(size) == 2 else (None, None)
    if not all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in (lo, hi)) or not 3 <= lo <= hi:
        raise InputError("members_per_chi_bo", size, allowed="một số nguyên hoặc cặp (ít nhất, nhiều nhất), từ 3 trở "
                         "lên (chi bộ có ít nhất 3 đảng viên chính thức)")
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)) or not 2000 <= year <= 2100:
        raise InputError("year", year, allowed="năm từ 2000 đến 2100")
    if profile not in PROFILES:
        raise InputError("profile", profile, allowed=", ".join(f"{k} ({p.label})" for k, p in PROFILES.items()))
    # A bigger đảng bộ than the benchmarks' million members is a slip, not a case: refused before any memory is taken.
    if chi_bo > _MAX_CHI_BO or hi > _MAX_PER_CHI_BO or chi_bo * hi > _MAX_MEMBERS:
        raise InputError("chi_bo × members_per_chi_bo", f"{chi_bo} × {hi}",
                         allowed=f"tối đa {_MAX_CHI_BO:,} chi bộ, {_MAX_PER_CHI_BO:,} đảng viên mỗi chi bộ, "
                                 f"{_MAX_MEMBERS:,} đảng viên tất cả".replace(",", "."))
    n_db = (0 if chi_bo == 1 else 1) if dang_bo is None else dang_bo
    if isinstance(n_db, bool) or not isinstance(n_db, (int, np.integer)) or not 0 <= n_db <= chi_bo:
        raise InputError("dang_bo", dang_bo, allowed=f"số đảng bộ cơ sở, từ 0 đến số chi bộ ({chi_bo})")
    return int(lo), int(hi), int(n_db), int(seed)


def _ids(prefix: str, n: int, width: int | None = None) -> np.ndarray:
    """``prefix`` + 1..n zero-padded, built from digit arrays (a million ids in a tenth of a second)."""
    width = width or max(2, len(str(n)))
    digits = (np.arange(1, n + 1)[:, None] // 10 ** np.arange(width - 1, -1, -1)) % 10 + ord("0")
    text = np.ascontiguousarray(digits.astype(np.uint8)).view(f"S{width}").ravel().astype(f"U{width}")
    return np.char.add(prefix, text).astype(object)


def _days_before(day: dt.date, days: np.ndarray) -> np.ndarray:
    return np.datetime64(day, "D") - days.astype("timedelta64[D]")


def _pick_rows(rng: np.random.Generator, table: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """One column index per row, drawn from the probability row ``table[rows]``."""
    cum = table.cumsum(axis=1)[rows]
    return (rng.random(len(rows))[:, None] > cum[:, :-1]).sum(axis=1)


def generate(seed: int, *, chi_bo: int = 6, members_per_chi_bo: Any = (12, 28), year: int = 2025,
             profile: str = "binh_thuong", dang_bo: int | None = None, edge_cases: bool = True,
             name: str | None = None, qd366: bool = False) -> Case:
    """A synthetic đảng bộ (or, with ``chi_bo=1``, a chi bộ cơ sở) for the review of ``year``.

    ``members_per_chi_bo`` is a size or a range (min, max) drawn per chi bộ; ``dang_bo`` the number of đảng bộ cơ sở
    the chi bộ are split among (default 1, or 0 for a single chi bộ); ``profile`` one of ``PROFILES``.
    ``qd366=True`` adds the inputs of rule set qd366-2025, consistent with those of hcm-2014
    (``generate_qd366.add_qd366_inputs``), so the case can be rated under both.

    >>> case = generate(7, chi_bo=2, members_per_chi_bo=(8, 10))
    >>> case.review_date, len(case.organisations)
    (datetime.date(2025, 11, 20), 3)
    >>> generate(7, chi_bo=2, members_per_chi_bo=(8, 10)).members.equals(case.members)
    True
    """
    lo, hi, n_db, seed = _check(seed, chi_bo, members_per_chi_bo, year, profile, dang_bo)
    prof = PROFILES[profile]
    rng = np.random.default_rng(seed)
    review = review_date_of(year)
    sizes = rng.integers(lo, hi + 1, size=chi_bo)
    members, hidden = _members(rng, sizes, review, prof, in_dang_bo=n_db > 0)
    edges = _place_edges(rng, members, hidden, sizes, review) if edge_cases else []
    _cap_votes(members, hidden["cb"], len(sizes))
    orgs = _organisations(rng, sizes, n_db, members, hidden, prof, edges)
    inspections, gap = _inspections(rng, orgs, year, edge_cases and chi_bo >= 2)
    if gap:
        edges.append(gap)
    taken = {i for e in edges for i in e["member_ids"]}
    cases, barred = _discipline_cases(rng, members, hidden, review, edge_cases, taken)
    if barred:
        edges.append(barred)
    term_start, term_end = term_of(year)
    meta = {"seed": seed, "chi_bo": int(chi_bo), "members_per_chi_bo": [lo, hi], "year": int(year),
            "profile": profile, "dang_bo": n_db, "edge_cases": edges, "generator_version": GENERATOR_VERSION,
            "review_date": review.isoformat(), "term_start": term_start.isoformat(),
            "term_end": term_end.isoformat()}
    tables = [_conform(df, t) for df, t in ((_member_frame(members), MEMBERS), (orgs, ORGANISATIONS),
                                            (inspections, INSPECTIONS), (cases, DISCIPLINE_CASES))]
    case = Case(name or f"sinh_ngau_nhien_{seed}", *tables, review, meta)
    if qd366:  # the inputs of qd366-2025 too, consistent with these (issue 14)
        case = add_qd366_inputs(case, seed=seed)
    return case


def _conform(df: pd.DataFrame, table: Table) -> pd.DataFrame:
    """The exact dtypes ``Table.validate`` gives, so a generated table and a loaded one compare equal."""
    for c in table.columns:
        if c.kind in ("id", "text"):
            # Whole columns of strings convert fast; the few with gaps (small tables) go through validate's coercion.
            df[c.name] = df[c.name].astype(str) if df[c.name].notna().all() else _coerce(c, df[c.name])[0]
        elif c.kind in ("enum", "set", "ranks"):
            df[c.name] = df[c.name].astype(object)
    return df


def _members(rng, sizes, review, prof: Profile, *, in_dang_bo: bool) -> tuple[dict, dict]:
    n_cb, n = len(sizes), int(sizes.sum())
    cb = np.repeat(np.arange(n_cb), sizes)
    pos = np.arange(n) - (np.cumsum(sizes) - sizes)[cb]
    female = rng.random(n) < 0.42
    names = make_names(rng, female)
    # Tenure in days: new members (< 6 months, K3), probationary (6–12 months), official (1–45 years). The bands
    # leave a margin around 6 and 12 months, so no random member sits on a boundary (the edge cases do, on purpose).
    u = rng.random(n)
    new = u < prof.new_members
    probationary = ~new & (u < prof.new_members + prof.probationary)
    tenure = np.where(new, rng.integers(20, 160, n), np.where(
        probationary, rng.integers(200, 350, n), (365.25 * (1.2 + np.minimum(rng.gamma(2.0, 7.0, n), 44))).astype(int)))
    # The first three members of every chi bộ are official: a chi bộ has at least 3 official members who vote.
    forced = (pos < 3) & (tenure < 1100)
    tenure = np.where(forced, 1100 + rng.integers(0, 3000, n), tenure)
    new &= ~forced
    official = tenure > 365
    reviewed = new | (rng.random(n) >= prof.absent)
    rated = ~new & reviewed
    task = rng.choice(4, size=n, p=np.array(prof.task))
    # A discipline in the last three years; "recent" ones (in force at the review, DF11) stay clear of the 12-month
    # boundary by a few weeks.
    disc = rng.random(n) < prof.discipline
    recent = rng.random(n) < 0.45
    disc_days = np.where(recent, rng.integers(20, 330, n), rng.integers(400, 1095, n))
    in_force = disc & recent
    task = np.where(in_force, np.maximum(task, 2), task)
    vote_level = np.where(in_force, 3, task)
    two_faults = rng.random(n) < 0.2
    f1 = rng.choice(4, size=n, p=[0.5, 0.2, 0.15, 0.15])
    f2 = (f1 + rng.integers(1, 4, n)) % 4
    # Every canonical fault set of one or two faults, looked up by code: no string work per member.
    sets = np.array([[";".join(sorted({_FAULTS[a], _FAULTS[b]})) for b in range(4)] for a in range(4)], dtype=object)
    faults = np.full(n, "", dtype=object)
    has = task == 3
    faults[has] = sets[f1[has], np.where(two_faults[has], f2[has], f1[has])]
    civil = rng.random(n) < 0.55
    cs = np.array(_CS, dtype=object)[_pick_rows(rng, _CS_P, task)]
    emulation = np.where(task == 0, rng.random(n) < 0.5, rng.random(n) < 0.02)
    absences = np.minimum(rng.poisson(prof.absences_mean, n), 8)
    sick = rng.random(n) < prof.sick
    sick_months = np.where(sick, rng.choice([0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0], size=n,
                                            p=[0.25, 0.25, 0.15, 0.1, 0.1, 0.1, 0.05]), 0.0)
    maternity = female & ~sick & (rng.random(n) < 0.03)
    higher = in_dang_bo & (pos == 1) & (rng.random(n) < 0.3)
    head = (pos >= 2) & (rng.random(n) < 0.05)
    role = np.where(pos == 0, "bi_thu", np.where(higher, "cap_uy_cap_tren", np.where(head, "truong_phong", None)))
    # Votes: every official member of the chi bộ who attends votes once for each colleague; one may be absent.
    voters_cb = np.bincount(cb, weights=official, minlength=n_cb).astype(int)
    voters_cb = voters_cb - np.where(voters_cb > 6, rng.integers(0, 2, n_cb), 0)
    votes = rng.multinomial(voters_cb[cb], _VOTE_P[vote_level])
    votes[~rated] = 0
    cols = {
        "member_id": _ids("DV", n), "chi_bo_id": _ids("CB", n_cb)[cb], "ho_ten": names, "official": official,
        "joined_on": _days_before(review, tenure), "reviewed": reviewed,
        "task_result": np.array(_LEVELS, dtype=object)[task], "civil_servant_rating": np.where(civil, cs, None),
        "emulation_award": emulation,
        "discipline_date": np.where(disc, _days_before(review, disc_days), np.datetime64("NaT", "D")),
        "faults": faults, "absences": absences, "sick_leave_months": sick_months, "maternity_leave": maternity,
        "role": role, "votes_xuat_sac": votes[:, 0], "votes_tot": votes[:, 1], "votes_hoan_thanh": votes[:, 2],
        "votes_khong_hoan_thanh": votes[:, 3],
    }
    return cols, {"cb": cb, "pos": pos, "female": female, "in_force": in_force, "rated": rated}


def _cap_votes(cols: dict, cb: np.ndarray, n_cb: int) -> None:
    """A member's votes never add up to more than the chi bộ's official members (the edge cases may have turned a
    random official member probationary): scale the few rows over it down."""
    names = ("votes_xuat_sac", "votes_tot", "votes_hoan_thanh", "votes_khong_hoan_thanh")
    votes = np.stack([cols[k] for k in names], axis=1).astype(np.int64)
    official = np.bincount(cb, weights=cols["official"].astype(bool), minlength=n_cb).astype(np.int64)[cb]
    total = votes.sum(axis=1)
    over = total > official
    if over.any():
        scaled = np.floor(votes[over] * (official[over] / total[over])[:, None]).astype(np.int64)
        for i, k in enumerate(names):
            cols[k][over] = scaled[:, i]


def _member_frame(cols: dict) -> pd.DataFrame:
    df = pd.DataFrame({k: v for k, v in cols.items()})
    for c in ("official", "reviewed", "emulation_award", "maternity_leave"):
        df[c] = df[c].astype(bool)
    for c in ("absences", "votes_xuat_sac", "votes_tot", "votes_hoan_thanh", "votes_khong_hoan_thanh"):
        df[c] = df[c].astype("int64")
    df["sick_leave_months"] = df["sick_leave_months"].astype("float64")
    for c in ("joined_on", "discipline_date"):
        df[c] = df[c].astype("datetime64[ns]")
    for c in ("member_id", "chi_bo_id", "ho_ten", "task_result", "faults"):
        df[c] = df[c].astype(object)
    for c in ("civil_servant_rating", "role"):
        df[c] = df[c].astype(object).where(df[c].notna(), None)
    return df


def _set(cols: dict, rows, **values) -> None:
    for k, v in values.items():
        cols[k][rows] = v


def _place_edges(rng, cols: dict, hidden: dict, sizes, review: dt.date) -> list[dict]:
    """Script the edge cases into fixed chi bộ: the quota group in the first, the status group in the second (or in
    the first, as far as it fits, when there is one chi bộ). Every member of the quota chi bộ is scripted so that the
    HTXS quota is known from this design alone (R-M2: 15% of those reaching HTT, rounded down; 1 below 7 members)."""
    starts = np.cumsum(sizes) - sizes
    n_a = int(sizes[0])
    rows_a = starts[0] + np.arange(n_a)
    status = ["ket_nap_duoi_6_thang", "ky_luat_duoi_1_nam", "nghi_om_3_thang"]
    if len(sizes) >= 2 and sizes[1] >= 4:
        status_rows = [(s, int(starts[1] + 1 + i)) for i, s in enumerate(status)]
        status_in_a = 0
    else:
        status_in_a = max(0, min(len(status), n_a - 7 if n_a >= 7 else n_a - 5))
        status_rows = []
    # The quota chi bộ: everyone a clean Hoàn thành tốt first, then the scripted roles.
    ids = cols["member_id"]
    _set(cols, rows_a, official=True, reviewed=True, task_result="tot", emulation_award=False,
         discipline_date=np.datetime64("NaT", "D"), faults="", sick_leave_months=0.0, maternity_leave=False,
         role=None)
    cols["absences"][rows_a] = np.minimum(cols["absences"][rows_a], 2)
    old = cols["joined_on"][rows_a] > np.datetime64(add_years(review, -3), "D")
    cols["joined_on"][rows_a[old]] = np.datetime64(add_years(review, -3), "D") - rng.integers(0, 2000, old.sum())
    cols["civil_servant_rating"][rows_a] = np.where(pd.isna(cols["civil_servant_rating"][rows_a]), None, "tot")
    cols["role"][rows_a[0]] = "bi_thu"
    hidden["in_force"][rows_a] = False
    hidden["rated"][rows_a] = True
    edges: list[dict] = []
    if n_a < 5:
        return _status_edges(cols, hidden, status_rows, review, edges)
    in_a = [] if status_rows else [(s, int(rows_a[n_a - 1 - i])) for i, s in enumerate(status[:status_in_a])]
    base = n_a - len(in_a)  # the members reaching HTT or above before the HTXS are chosen
    # R-M2 of hcm-2014 (the design's rule set), from the rating's own quota: 15% rounded down, 1 below 7 members.
    quota = int(htxs_quota(get_ruleset(DEFAULT_RULESET), base, n_a))
    winners = rows_a[1:quota]
    tie = rows_a[quota:quota + 2]
    two_thirds = rows_a[quota + 2]
    clean = np.setdiff1d(rows_a[1:], np.concatenate([winners, tie, [two_thirds], [r for _, r in in_a]]))
    new_in_a = int(any(s == "ket_nap_duoi_6_thang" for s, _ in in_a))
    extra = (n_a - new_in_a) % 3  # some clean members probationary, so the voters are a multiple of 3
    if extra > len(clean):  # too small a chi bộ for exactly 2/3: only the status cases
        return _status_edges(cols, hidden, status_rows or in_a, review, edges, voters_override=None)
    probation = clean[len(clean) - extra:] if extra else clean[:0]
    cols["official"][probation] = False
    cols["joined_on"][probation] = np.datetime64(add_months(review, -9), "D")
    voters = n_a - new_in_a - extra
    for r in np.concatenate([rows_a[:1], clean]):
        k = int(rng.integers(0, voters // 4 + 1))
        _votes(cols, r, 0, voters - k, k, 0)
    excellent = np.concatenate([winners, tie, [two_thirds]])
    _set(cols, excellent, task_result="xuat_sac", emulation_award=False)
    cols["civil_servant_rating"][excellent] = np.where(pd.isna(cols["civil_servant_rating"][excellent]), None,
                                                       "xuat_sac")
    for r in winners:
        _votes(cols, r, voters, 0, 0, 0)
    tie_votes = voters - 1 if len(winners) else voters
    for r in tie:
        _votes(cols, r, tie_votes, voters - tie_votes, 0, 0)
    _votes(cols, two_thirds, 2 * voters // 3, voters // 3, 0, 0)
    edges.append(_edge("hoa_phieu_ranh_gioi_chi_tieu", ids[tie], "htt", "can_bo_phieu_lai",
                       f"Hai đảng viên cùng {tie_votes}/{voters} phiếu Hoàn thành xuất sắc ở ranh giới chỉ tiêu "
                       f"(chỉ tiêu {quota}): không ai được chọn, chi bộ bỏ phiếu lại (R-M2)."))
    edges.append(_edge("dung_2_3_phieu", ids[[two_thirds]], "htt", None,
                       f"Đúng {2 * voters // 3}/{voters} phiếu Hoàn thành xuất sắc, tức đúng 2/3, chưa «trên 2/3»: "
                       "xếp Hoàn thành tốt (R-M1)."))
    if len(winners):
        edges.append(_edge("vuot_chi_tieu", ids[winners], "htxs", None,
                           f"Đủ {voters}/{voters} phiếu, trong chỉ tiêu {quota} người: Hoàn thành xuất sắc (R-M2)."))
    return _status_edges(cols, hidden, status_rows or in_a, review, edges, voters_override=voters if in_a else None)


def _votes(cols, row, xs, tot, ht, kht) -> None:
    for k, v in zip(("votes_xuat_sac", "votes_tot", "votes_hoan_thanh", "votes_khong_hoan_thanh"),
                    (xs, tot, ht, kht)):
        cols[k][row] = v


def _edge(scenario: str, member_ids, level: str | None, flag: str | None, text: str) -> dict:
    return {"scenario": scenario, "member_ids": [str(i) for i in member_ids], "expected_level": level,
            "expected_flag": flag, "mo_ta": text}


def _status_edges(cols, hidden, rows, review: dt.date, edges: list, voters_override: int | None = None) -> list:
    """A new member (K3), a discipline in force (R-M5), 3 months of sick leave (R-M7), each with clear votes."""
    ids = cols["member_id"]
    for scenario, r in rows:
        _set(cols, [r], role=None, maternity_leave=False, sick_leave_months=0.0, faults="", reviewed=True,
             discipline_date=np.datetime64("NaT", "D"))
        hidden["in_force"][r] = False
        if scenario == "ket_nap_duoi_6_thang":
            _set(cols, [r], official=False, joined_on=np.datetime64(add_months(review, -5), "D"))
            hidden["rated"][r] = False
            _votes(cols, r, 0, 0, 0, 0)
            edges.append(_edge(scenario, ids[[r]], None, None,
                               "Kết nạp 5 tháng trước ngày kiểm điểm, chưa đủ 6 tháng: không kiểm điểm, không "
                               "xếp loại (K3)."))
            continue
        if cols["joined_on"][r] > np.datetime64(add_years(review, -2), "D"):
            _set(cols, [r], official=True, joined_on=np.datetime64(add_years(review, -6), "D"))
        # counted after the member's own status is final: the votes must pass 1/2 of this very number
        same = hidden["cb"] == hidden["cb"][r]
        voters = voters_override if voters_override is not None else int(cols["official"][same].sum())
        if scenario == "ky_luat_duoi_1_nam":
            _set(cols, [r], task_result="hoan_thanh", discipline_date=np.datetime64(add_months(review, -8), "D"))
            hidden["in_force"][r] = True
            kht = voters // 2 + 1
            _votes(cols, r, 0, 0, voters - kht, kht)
            edges.append(_edge(scenario, ids[[r]], "kht", None,
                               "Bị kỷ luật 8 tháng trước ngày kiểm điểm, kỷ luật còn hiệu lực: Không hoàn thành "
                               "nhiệm vụ (R-M5)."))
        else:
            _set(cols, [r], task_result="tot", sick_leave_months=3.0)
            if cols["civil_servant_rating"][r] is not None:
                cols["civil_servant_rating"][r] = "tot"
            _votes(cols, r, 0, voters, 0, 0)
            edges.append(_edge(scenario, ids[[r]], "ht", None,
                               "Nghỉ ốm đúng 3 tháng trong năm: tối đa Hoàn thành nhiệm vụ dù được bầu Hoàn "
                               "thành tốt (R-M7)."))
    return edges


def _organisations(rng, sizes, n_db: int, members: dict, hidden: dict, prof: Profile, edges: list) -> pd.DataFrame:
    """The đảng bộ (first) and their chi bộ, in contiguous blocks; points clustered around the profile's mean."""
    n_cb = len(sizes)
    n = n_db + n_cb
    parent_of_cb = (np.arange(n_cb) * n_db) // n_cb if n_db else None
    db_ids, cb_ids = _ids("DB", n_db), _ids("CB", n_cb)
    place = np.array(_PLACES, dtype=object)
    if n_db:
        rank_in_db = np.arange(n_cb) - np.searchsorted(parent_of_cb, parent_of_cb)
        cb_names = "Chi bộ Khu phố " + pd.Series(rank_in_db + 1).astype(str).to_numpy(dtype=object)
        db_names = "Đảng bộ phường " + place[np.arange(n_db) % len(place)] + np.where(
            np.arange(n_db) >= len(place), " " + pd.Series(np.arange(n_db) // len(place) + 1).astype(str).to_numpy(
                dtype=object), "")
    else:
        cb_names = "Chi bộ Trạm Y tế " + place[np.arange(n_cb) % len(place)] + np.where(
            np.arange(n_cb) >= len(place), " " + pd.Series(np.arange(n_cb) // len(place) + 1).astype(str).to_numpy(
                dtype=object), "")
        db_names = np.array([], dtype=object)
    points = np.round(np.clip(rng.normal(prof.points_mean, prof.points_sd, n), 30, 100) * 2) / 2
    weak = rng.random(n) < prof.weak_org
    failed = np.where(weak, rng.choice([0, 1, 2], size=n, p=[0.4, 0.4, 0.2]), 0)
    united = ~(weak & (rng.random(n) < 0.3))
    band = np.digitize(points, [50, 70, 90])  # 0: < 50, 1: 50–70, 2: 70–90, 3: ≥ 90
    result_p = np.array([[0.0, 0.0, 0.4, 0.6], [0.0, 0.1, 0.8, 0.1], [0.05, 0.85, 0.1, 0.0], [0.7, 0.3, 0.0, 0.0]])
    committee = np.array(_LEVELS, dtype=object)[_pick_rows(rng, result_p, band)]
    meets = rng.random(n) >= 0.03
    remedy = rng.random(n) >= 0.07
    k = rng.choice(4, size=n, p=[0.1, 0.3, 0.4, 0.2])
    ranks = rng.choice([1, 2, 3, 4], size=(n, 3), p=[0.75, 0.2, 0.04, 0.01]).astype(str).astype(object)
    mass = np.where(k >= 1, ranks[:, 0], "")
    mass = np.where(k >= 2, mass + ";" + ranks[:, 1], mass)
    mass = np.where(k >= 3, mass + ";" + ranks[:, 2], mass)
    # Facts that follow from the members: a disciplined member with a post, a discipline for corruption.
    cb = hidden["cb"]
    in_force = hidden["in_force"]
    leader = np.bincount(cb, weights=in_force & (members["role"] != None), minlength=n_cb) > 0  # noqa: E711
    disciplined = np.bincount(cb, weights=in_force, minlength=n_cb) > 0
    corrupt = disciplined & (rng.random(n_cb) < 0.25)
    self_found = leader & (rng.random(n_cb) < 0.5)
    agency_lowest = rng.random(n) < 0.01
    outstanding = rng.random(n) < 0.03
    if n_db:
        leader = np.concatenate([np.bincount(parent_of_cb, weights=leader, minlength=n_db) > 0, leader])
        corrupt = np.concatenate([np.bincount(parent_of_cb, weights=corrupt, minlength=n_db) > 0, corrupt])
        self_found = np.concatenate([np.zeros(n_db, bool), self_found])
        self_found[:n_db] = leader[:n_db] & (rng.random(n_db) < 0.5)
    if any(e["scenario"] == "hoa_phieu_ranh_gioi_chi_tieu" for e in edges):
        # The quota chi bộ keeps the 15% quota: neither it nor its đảng bộ has "especially outstanding" results.
        outstanding[n_db] = False
        if n_db:
            outstanding[0] = False
    df = pd.DataFrame({
        "org_id": np.concatenate([db_ids, cb_ids]).astype(object),
        "ten": np.concatenate([db_names, cb_names]).astype(object),
        "kind": np.array(["dang_bo"] * n_db + ["chi_bo"] * n_cb, dtype=object),
        "parent_id": np.concatenate([np.full(n_db, None, dtype=object),
                                     db_ids[parent_of_cb] if n_db else np.full(n_cb, None, dtype=object)]),
        "points": points.astype("float64"), "failed_tasks": failed.astype("int64"), "committee_united": united,
        "committee_result": committee, "meets_regularly": meets, "remedy_plan_done": remedy,
        "mass_org_ranks": mass.astype(object), "leader_disciplined": leader, "self_detected": self_found,
        "corruption_discipline": corrupt, "agency_lowest": agency_lowest, "outstanding": outstanding,
    })
    for c in ("committee_united", "meets_regularly", "remedy_plan_done", "leader_disciplined", "self_detected",
              "corruption_discipline", "agency_lowest", "outstanding"):
        df[c] = df[c].astype(bool)
    return df


def _inspections(rng, orgs: pd.DataFrame, year: int, leave_gap: bool) -> tuple[pd.DataFrame, dict | None]:
    """Inspections and supervisions of every organisation across the term (T6): mostly one to three each; the last
    chi bộ, on purpose, none at all."""
    start, end = term_of(year)
    n = len(orgs)
    counts = 1 + rng.poisson(0.9, n)
    counts = np.where(rng.random(n) < 0.04, 0, counts)
    gap = None
    if leave_gap:
        counts[n - 1] = 0
        gap = {"scenario": "chua_kiem_tra_trong_nhiem_ky", "member_ids": [], "org_id": str(orgs["org_id"].iloc[-1]),
               "expected_level": None, "expected_flag": None,
               "mo_ta": f"Chi bộ {orgs['org_id'].iloc[-1]} không được kiểm tra, giám sát lần nào trong nhiệm kỳ "
                        f"{start.strftime('%d/%m/%Y')}–{end.strftime('%d/%m/%Y')}: chưa đạt chỉ tiêu T6."}
    org = np.repeat(np.arange(n), counts)
    m = len(org)
    days = rng.integers(0, (end - start).days + 1, m)
    order = np.lexsort((days, org))
    org, days = org[order], days[order]
    kind = np.where(rng.random(m) < 0.45, "kiem_tra", "giam_sat").astype(object)
    topic_i = rng.integers(0, 4, m)
    topics = np.where(kind == "kiem_tra", np.array(_TOPICS["kiem_tra"], dtype=object)[topic_i],
                      np.array(_TOPICS["giam_sat"], dtype=object)[topic_i])
    completed = rng.random(m) >= 0.03
    df = pd.DataFrame({
        "inspection_id": _ids("KT", m), "org_id": orgs["org_id"].to_numpy(dtype=object)[org],
        "date": (np.datetime64(start, "D") + days.astype("timedelta64[D]")).astype("datetime64[ns]"),
        "kind": kind, "planned": rng.random(m) >= 0.15, "completed": completed,
        "conclusion_on_time": completed & (rng.random(m) >= 0.08), "topic": topics,
    })
    for c in ("planned", "completed", "conclusion_on_time"):
        df[c] = df[c].astype(bool)
    return df, gap


def _discipline_cases(rng, members: dict, hidden: dict, review: dt.date, edge_cases: bool, taken: set):
    """One decided case per disciplined member (its decision date is the member's discipline date), a few open
    cases, and, on purpose, one violation older than the 5-year limitation period of khiển trách (DF2)."""
    disc = np.flatnonzero(~np.isnat(members["discipline_date"]))
    # Open cases concern members of some standing, never a scripted edge case.
    free = hidden["rated"] & np.isnat(members["discipline_date"]) & ~np.isin(members["member_id"], list(taken))
    # The time-barred violation (chosen first) and the open cases concern different members: a new violation
    # within the period would restart the old one's (DF4).
    veterans = np.flatnonzero(free & (members["joined_on"] < np.datetime64(add_years(review, -6), "D")))
    barred_row = int(veterans[-1]) if edge_cases and len(veterans) else None
    free[barred_row if barred_row is not None else []] = False
    rated = np.flatnonzero(free & (members["joined_on"] < np.datetime64(add_years(review, -2), "D")))
    n_open = min(len(rated), max(1, len(hidden["cb"]) // 150))
    open_rows = np.sort(rng.choice(rated, size=n_open, replace=False)) if n_open else rated[:0]
    official = members["official"][disc].astype(bool)
    post = members["role"][disc] != None  # noqa: E711
    u = rng.random(len(disc))
    form = np.where(u < 0.6, "khien_trach", np.where(post & official & (u > 0.9), "cach_chuc", "canh_cao"))
    decision = members["discipline_date"][disc]
    violation = decision - rng.integers(30, 400, len(disc)).astype("timedelta64[D]")
    m = rng.random(len(disc))
    circ = np.where(m < 0.4, np.array(_MITIGATING, dtype=object)[rng.integers(0, 3, len(disc))],
                    np.where(m > 0.85, "khong_thua_nhan", ""))
    open_violation = np.datetime64(review, "D") - rng.integers(30, 700, n_open).astype("timedelta64[D]")
    rows = {
        "subject": ["dang_vien"] * (len(disc) + n_open),
        "member_id": list(members["member_id"][disc]) + list(members["member_id"][open_rows]),
        "org_id": list(members["chi_bo_id"][disc]) + list(members["chi_bo_id"][open_rows]),
        "official": list(official) + list(members["official"][open_rows].astype(bool)),
        "holds_post": list(post) + list(members["role"][open_rows] != None),  # noqa: E711
        "violation_date": list(violation) + list(open_violation),
        "decision_date": list(decision) + [np.datetime64("NaT", "D")] * n_open,
        "severity": list(np.where(form == "khien_trach", "it_nghiem_trong", "nghiem_trong")) +
        list(rng.choice(["it_nghiem_trong", "nghiem_trong"], size=n_open, p=[0.7, 0.3])),
        "circumstances": list(circ) + [""] * n_open,
        "exempt_kind": [None] * (len(disc) + n_open),
        "form": list(form) + [None] * n_open,
        "summary": list(np.array(_SUMMARIES, dtype=object)[rng.integers(0, len(_SUMMARIES), len(disc) + n_open)]),
    }
    df = pd.DataFrame(rows)
    barred = None
    if barred_row is not None:
        r = barred_row
        violation_day = add_months(add_years(review, -5), -1)
        df.loc[len(df)] = {"subject": "dang_vien", "member_id": members["member_id"][r],
                           "org_id": members["chi_bo_id"][r], "official": bool(members["official"][r]),
                           "holds_post": members["role"][r] is not None,
                           "violation_date": np.datetime64(violation_day, "D"),
                           "decision_date": np.datetime64("NaT", "D"), "severity": "it_nghiem_trong",
                           "circumstances": "", "exempt_kind": None, "form": None,
                           "summary": "Vi phạm quy chế làm việc của cơ quan, phát hiện muộn"}
        barred = _edge("vi_pham_qua_thoi_hieu", [members["member_id"][r]], None, None,
                       f"Vi phạm ít nghiêm trọng ngày {violation_day.strftime('%d/%m/%Y')}, hơn 5 năm trước ngày "
                       f"kiểm điểm: hết thời hiệu ở mức khiển trách (DF2).")
    df.insert(0, "case_id", _ids("KL", len(df)))
    for c in ("violation_date", "decision_date"):
        df[c] = pd.to_datetime(df[c]).astype("datetime64[ns]")
    for c in ("official", "holds_post"):
        df[c] = df[c].astype(bool)
    for c in ("member_id", "org_id", "exempt_kind", "form", "summary", "subject", "severity", "circumstances"):
        df[c] = df[c].astype(object).where(df[c].notna(), None)
    df["circumstances"] = df["circumstances"].fillna("")
    return df, barred
