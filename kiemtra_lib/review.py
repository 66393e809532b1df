"""The review meeting of a chi bộ (kiểm điểm, RULES.md K1–K5): who is reviewed, in what order, and where else.

``plan_review(members, meeting_date=..., posts=...)`` returns a frozen ``ReviewPlan``:

- the agenda of the chi bộ meeting (K2: the collective first, then individuals, the head first, leaders and managers
  before the other members; the deputy secretary chairs while the secretary is reviewed; 004 §V.3),
- for every member the forums where they are reviewed (K4: the chi bộ, and for some posts the chi bộ committee, the
  Đảng ủy, the agency's leadership collective; 004 §II.1.2),
- the members not reviewed (K3: admitted less than 6 months before the meeting) and the members absent from it
  (K5: rated at the next chi bộ meeting),
- flags for what the sources leave to the chi bộ or its committee (never guessed).

The three steps of the campaign (K1, seed 003) are ``steps()``.

>>> plan = plan_review([{"member_id": "A", "ho_ten": "Người A"}, {"member_id": "B", "ho_ten": "Người B"}],
...                    meeting_date="20/11/2014", posts={"B": ["bi_thu_chi_bo"]})
>>> [item.member_id for item in plan.agenda if item.kind == "ca_nhan"]
['B', 'A']
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from .dates import as_date, fmt_date
from .errors import InputError, Problem
from .periods import add_months, add_months_series
from .rules import Reason, RuleSet, get_ruleset
from .schema import split_items

__all__ = ["AgendaItem", "MemberPlaces", "Exclusion", "ReviewPlan", "plan_review", "steps", "POSTS", "FORUMS",
           "posts_from_role", "assign_posts", "chi_bo_posts", "k3_reviewed_from", "k3_not_reviewed", "RULES"]

RULES = ("K1", "K2", "K3", "K4")

#: Post slugs (K4's list in 004 §II.1.2 plus the chi bộ's own posts); the Vietnamese labels live in review.yaml.
POSTS = ("bi_thu_dang_uy", "pho_bi_thu_dang_uy", "uy_vien_thuong_vu", "dang_uy_vien", "thu_truong", "pho_thu_truong",
         "lanh_dao_co_quan", "bi_thu_chi_bo", "pho_bi_thu_chi_bo", "chi_uy_vien", "lanh_dao_quan_ly")
FORUMS = ("chi_bo", "cap_uy_chi_bo", "dang_uy", "lanh_dao_co_quan")

# The shared member table's `role` column (schema.ROLES) says less than a post; this is how a plan reads it when no
# post is given: a "bí thư" of a member row is the secretary of that member's chi bộ; a "trưởng phòng" holds a
# management post; a committee member of the level above sits on the Đảng ủy.
_ROLE_POSTS = {"bi_thu": ("bi_thu_chi_bo",), "truong_phong": ("lanh_dao_quan_ly",),
               "cap_uy_cap_tren": ("dang_uy_vien",)}

# Which K2 tier a post puts a member in (004 §V.3: "Bí thư, Phó bí thư, chi ủy viên, từng đảng viên"; "cán bộ giữ
# chức vụ lãnh đạo, quản lý kiểm điểm trước, đảng viên kiểm điểm sau").
_TIER_OF_POST = {"bi_thu_chi_bo": "bi_thu", "pho_bi_thu_chi_bo": "pho_bi_thu", "chi_uy_vien": "chi_uy_vien"}
_LEADER_POSTS = {"bi_thu_dang_uy", "pho_bi_thu_dang_uy", "uy_vien_thuong_vu", "dang_uy_vien", "thu_truong",
                 "pho_thu_truong", "lanh_dao_co_quan", "lanh_dao_quan_ly"}


@dataclass(frozen=True)
class AgendaItem:
    """One item of the chi bộ meeting, in order."""

    order: int
    kind: str  # "tap_the" (a collective report), "ca_nhan" (one member), "bo_phieu" (the vote)
    subject: str
    chair: str
    member_id: str | None = None
    tier: str | None = None
    reasons: tuple[Reason, ...] = ()
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class MemberPlaces:
    """Where one member is reviewed (K4) and why."""

    member_id: str
    name: str
    posts: tuple[str, ...]
    forums: tuple[str, ...]
    reasons: tuple[Reason, ...]
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Exclusion:
    """A member left out of this meeting's individual reviews (K3) or of its rating vote (K5)."""

    member_id: str
    name: str
    reason: Reason


@dataclass(frozen=True)
class ReviewPlan:
    chi_bo: str
    meeting_date: dt.date
    has_committee: bool
    agenda: tuple[AgendaItem, ...]
    places: tuple[MemberPlaces, ...]
    not_reviewed: tuple[Exclusion, ...]
    absent: tuple[Exclusion, ...]
    flags: tuple[str, ...]
    ruleset: str
    ruleset_label: str
    forum_labels: Mapping[str, str]
    post_labels: Mapping[str, str]

    def to_frame(self) -> pd.DataFrame:
        """The agenda as a table with Vietnamese headers."""
        return pd.DataFrame([{
            "Thứ tự": i.order, "Nội dung": i.subject, "Chủ trì": i.chair,
            "Căn cứ": ", ".join(dict.fromkeys(r.rule_id for r in i.reasons)),
            "Cần chi bộ quyết định": "; ".join(i.flags),
        } for i in self.agenda])

    def places_frame(self) -> pd.DataFrame:
        """Every member with the forums where they are reviewed (K4)."""
        return pd.DataFrame([{
            "Mã đảng viên": p.member_id, "Họ và tên": p.name,
            "Chức vụ": ", ".join(self.post_labels[s] for s in p.posts) or "—",
            "Nơi kiểm điểm": "; ".join(self.forum_labels[f] for f in p.forums) or "—",
            "Cần cấp ủy quyết định": "; ".join(p.flags),
        } for p in self.places])

    def position(self, member_id: str) -> int | None:
        """The member's turn among the individual reviews (1 = first), or None if not reviewed at this meeting."""
        if not isinstance(member_id, str):  # a column or a list is not one member's id
            raise InputError("mã đảng viên", type(member_id).__name__, allowed="một mã đảng viên (chuỗi)")
        people = [i.member_id for i in self.agenda if i.kind == "ca_nhan"]
        return people.index(member_id) + 1 if member_id in people else None

    def explain(self, member_id: str) -> str:
        """Why this member comes where they come and is reviewed where they are: a Vietnamese paragraph."""
        lines = []
        for ex in self.not_reviewed:
            if ex.member_id == member_id:
                return f"{ex.name} ({member_id}) không kiểm điểm ở hội nghị này: {ex.reason}"
        place = next((p for p in self.places if p.member_id == member_id), None)
        if place is None:
            raise InputError("mã đảng viên", member_id, allowed=[p.member_id for p in self.places] +
                             [e.member_id for e in self.not_reviewed])
        item = next(i for i in self.agenda if i.member_id == member_id)
        n = sum(1 for i in self.agenda if i.kind == "ca_nhan")
        lines.append(f"{place.name} ({member_id}) kiểm điểm thứ {self.position(member_id)}/{n} trong phần kiểm điểm "
                     f"cá nhân (mục {item.order} của hội nghị), do {item.chair} chủ trì.")
        lines += [f"- {r}" for r in item.reasons]
        lines.append("Nơi kiểm điểm: " + "; ".join(self.forum_labels[f] for f in place.forums) + ".")
        lines += [f"- {r}" for r in place.reasons]
        for ex in self.absent:
            if ex.member_id == member_id:
                lines.append(f"Lưu ý: {ex.reason}")
        lines += [f"Cần quyết định: {f}" for f in item.flags + place.flags]
        return "\n".join(lines)

    def summary(self) -> str:
        n = sum(1 for i in self.agenda if i.kind == "ca_nhan")
        text = (f"Hội nghị kiểm điểm {self.chi_bo} ngày {fmt_date(self.meeting_date)}: {len(self.agenda)} mục, "
                f"{n} đảng viên kiểm điểm cá nhân")
        if self.not_reviewed:
            text += f", {len(self.not_reviewed)} đảng viên chưa kiểm điểm (K3)"
        if self.absent:
            text += f", {len(self.absent)} đảng viên vắng (K5)"
        return text + f". Theo {self.ruleset_label}."

    def _repr_html_(self) -> str:
        esc = html.escape
        parts = [f"<p><b>{esc(self.summary())}</b></p>", self.to_frame().to_html(index=False, escape=True)]
        if self.not_reviewed or self.absent:
            parts.append("<ul>" + "".join(f"<li>{esc(e.name)} ({esc(e.member_id)}): {esc(str(e.reason))}</li>"
                                          for e in self.not_reviewed + self.absent) + "</ul>")
        if self.flags:
            parts.append("<p>Cần quyết định:</p><ul>" + "".join(f"<li>{esc(f)}</li>" for f in self.flags) + "</ul>")
        return "\n".join(parts)


def steps(ruleset: str | RuleSet = "hcm-2014") -> pd.DataFrame:
    """The three steps of a review campaign and their tasks (K1, seed 003), one row per task."""
    rs = get_ruleset(ruleset)
    rows = [{"Bước": i, "Tên bước": s["title"], "Việc cần làm": task}
            for i, s in enumerate(rs.value("K1", "steps"), start=1) for task in s["tasks"]]
    return pd.DataFrame(rows)


def posts_from_role(role: Any) -> tuple[str, ...]:
    """The posts a plan reads from the shared table's ``role`` column (see ``_ROLE_POSTS``)."""
    from .dates import is_missing

    if is_missing(role):
        return ()
    if not isinstance(role, str):
        raise InputError("chức vụ (role)", role if isinstance(role, (int, float)) else type(role).__name__,
                         allowed=", ".join(_ROLE_POSTS) + " hoặc để trống")
    return _ROLE_POSTS.get(role, ())


def assign_posts(secretary: str | None = None, deputy: str | None = None, committee: Any = (),
                 leaders: Any = ()) -> dict[str, list[str]]:
    """Posts of a chi bộ as ``plan_review`` reads them, from who holds which post (member ids; empty: nobody)."""
    posts: dict[str, list[str]] = {}
    committee, leaders = _id_list(committee, "cấp ủy viên (committee)"), _id_list(leaders, "lãnh đạo (leaders)")
    for mid, post in [(secretary, "bi_thu_chi_bo"), (deputy, "pho_bi_thu_chi_bo")] + \
            [(m, "chi_uy_vien") for m in committee] + [(m, "lanh_dao_quan_ly") for m in leaders]:
        if mid is not None and not isinstance(mid, (str, int)):
            raise InputError("mã đảng viên", type(mid).__name__, allowed="một mã đảng viên (chuỗi)")
        if mid:
            posts.setdefault(str(mid), []).append(post)
    return posts


def _id_list(value: Any, field: str) -> list:
    """None, or a list/tuple/set of member ids (one id alone is a list of one)."""
    if value is None:
        return []
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return [value]
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    raise InputError(field, type(value).__name__, allowed="một danh sách mã đảng viên")


def chi_bo_posts(members: Any, *, secretary: str | None = None, deputy: str | None = None, committee: Any = (),
                 leaders: Any = ()) -> dict[str, list[str]]:
    """Every member's posts (K4): read from the table (``posts`` or ``role`` column), then the given holders on top.
    A chi bộ has one secretary and one deputy: a given one replaces the table's."""
    out = {}
    for n, row in enumerate(_rows(members), start=1):
        raw = row.get("posts")
        if _blank(row.get("member_id")):
            raise InputError("member_id", "(trống)", row=n, why="Mỗi đảng viên phải có mã")
        if not (raw is None or isinstance(raw, (str, float))):
            raise InputError("posts", type(raw).__name__, row=n, allowed="các chức vụ cách nhau bằng «;»")
        out[str(row["member_id"])] = (list(posts_from_role(row.get("role"))) if not raw or raw != raw
                                      else [p for p in str(raw).split(";") if p])
    given = assign_posts(secretary, deputy, committee, leaders)
    unknown = sorted(set(given) - set(out))
    if unknown:
        raise InputError("mã đảng viên", ", ".join(unknown), allowed=sorted(out),
                         why="Không có đảng viên mang mã này trong chi bộ")
    for mid, held in given.items():
        for post in held:
            if post in ("bi_thu_chi_bo", "pho_bi_thu_chi_bo"):  # one holder of each
                for other in out.values():
                    if post in other:
                        other.remove(post)
            if post not in out[mid]:
                out[mid].append(post)
    return out


def _rows(members: Any) -> list[dict]:
    if isinstance(members, pd.DataFrame):
        return members.to_dict("records")
    try:
        rows = [dict(r) for r in members]
    except (TypeError, ValueError):
        raise InputError("danh sách đảng viên", type(members).__name__,
                         allowed="một bảng (DataFrame) hoặc danh sách các dòng có cột member_id") from None
    return rows


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, float) and pd.isna(v)) or (isinstance(v, str) and not v.strip()) or \
        (not isinstance(v, (str, bool, int, float)) and pd.isna(v) is True)


def _read_posts(raw: Any, row: Any, problems: list[Problem]) -> tuple[str, ...]:
    items = split_items(raw) if not _blank(raw) else []
    bad = [i for i in items if i not in POSTS]
    for b in bad:
        problems.append(Problem("posts", b, allowed=", ".join(POSTS), row=row))
    return tuple(p for p in POSTS if p in items)  # canonical order


def k3_reviewed_from(joined: dt.date, ruleset: "str | RuleSet" = "hcm-2014") -> dt.date:
    """K3, the one home of "admitted less than 6 months before": the first meeting date at which a member admitted
    on ``joined`` is reviewed (and rated). "Đủ 6 tháng" is the same date ``months`` later (Civil Code Art. 148), or
    the day after it (parameter ``k3_six_months_reached``)."""
    rs = get_ruleset(ruleset)
    six = add_months(joined, int(rs.value("K3", "months")))
    return six if rs.param("k3_six_months_reached") == "same_date" else six + dt.timedelta(days=1)


def k3_not_reviewed(joined: pd.Series, meeting: dt.date, ruleset: "str | RuleSet" = "hcm-2014") -> np.ndarray:
    """K3 over a column of admission dates (NaT: admitted long ago): True where the member is not reviewed yet at a
    meeting on ``meeting``. The same rule as ``k3_reviewed_from``, one column at a time."""
    rs = get_ruleset(ruleset)
    meeting = as_date(meeting, "ngày hội nghị kiểm điểm")
    if not isinstance(joined, pd.Series):
        raise InputError("ngày vào Đảng", type(joined).__name__, allowed="một cột (pandas Series) các ngày")
    six = add_months_series(joined, int(rs.value("K3", "months")))
    six.index = joined.index
    if rs.param("k3_six_months_reached") != "same_date":
        six = six + pd.Timedelta(days=1)
    return (joined.notna() & (pd.Timestamp(meeting) < six)).to_numpy(dtype=bool)


def plan_review(members: Any, *, meeting_date: Any, posts: Mapping[str, Iterable[str]] | None = None,
                has_committee: bool | None = None, chi_bo: str | None = None,
                ruleset: str | RuleSet = "hcm-2014") -> ReviewPlan:
    """The review meeting of one chi bộ.

    ``members``: a table (or list of dicts) with ``member_id`` and optionally ``ho_ten``, ``joined_on`` (K3),
    ``reviewed`` (False = absent, K5), ``posts`` (slugs of ``POSTS`` separated by ``;``), ``role`` (the shared
    table's column, read through ``posts_from_role`` when no post is given) and ``chi_bo_id`` (one chi bộ only).
    ``posts`` overrides a member's posts (``{"DV01": ["bi_thu_chi_bo"]}``). ``has_committee``: whether the chi bộ
    has an elected committee (cấp ủy chi bộ); when not given, it has one exactly when a member is ``chi_uy_vien``.
    """
    rs = get_ruleset(ruleset)
    meeting = as_date(meeting_date, "ngày họp chi bộ")
    rows = _rows(members)
    if not rows:
        raise InputError("danh sách đảng viên", "(trống)", why="Chi bộ phải có ít nhất một đảng viên")
    problems: list[Problem] = []
    if posts is not None and not isinstance(posts, Mapping):
        raise InputError("chức vụ (posts)", type(posts).__name__,
                         allowed='một dict mã đảng viên -> danh sách chức vụ, ví dụ {"DV01": ["bi_thu_chi_bo"]}')
    overrides = dict(posts or {})
    known = set()
    people = []
    for n, r in enumerate(rows, start=1):
        mid = r.get("member_id")
        if _blank(mid):
            problems.append(Problem("member_id", "(trống)", row=n, why="Mỗi đảng viên phải có mã"))
            continue
        mid = str(mid).strip()
        if mid in known:
            problems.append(Problem("member_id", mid, row=n, why="Mã này đã xuất hiện ở một dòng trước"))
            continue
        known.add(mid)
        joined = None
        if not _blank(r.get("joined_on")):
            try:
                joined = as_date(r["joined_on"], "joined_on", row=n)
            except InputError as e:
                problems.extend(e.problems)
        if joined is not None and joined > meeting:
            problems.append(Problem("joined_on", fmt_date(joined), row=n,
                                    why=f"Ngày vào Đảng sau ngày họp chi bộ {fmt_date(meeting)}"))
        if mid in overrides:
            member_posts = _read_posts(";".join(map(str, overrides[mid])) if not isinstance(overrides[mid], str)
                                       else overrides[mid], n, problems)
            source = "given"
        elif not _blank(r.get("posts")):
            member_posts, source = _read_posts(r.get("posts"), n, problems), "given"
        else:
            member_posts, source = posts_from_role(r.get("role")), "role"
        reviewed = r.get("reviewed", True)
        people.append({"id": mid, "name": "" if _blank(r.get("ho_ten")) else str(r["ho_ten"]), "row": n,
                       "joined": joined, "posts": member_posts, "posts_from": source,
                       "present": True if _blank(reviewed) else bool(reviewed), "chi_bo": r.get("chi_bo_id")})
    unknown = set(overrides) - known
    for mid in sorted(unknown):
        problems.append(Problem("posts", mid, allowed=sorted(known), why="Không có đảng viên mang mã này"))
    chi_bos = sorted({str(p["chi_bo"]) for p in people if not _blank(p["chi_bo"])})
    if len(chi_bos) > 1:
        problems.append(Problem("chi_bo_id", ", ".join(chi_bos), why="Một hội nghị kiểm điểm chỉ của một chi bộ"))
    for key in ("bi_thu_chi_bo", "pho_bi_thu_chi_bo"):
        holders = [p["id"] for p in people if key in p["posts"]]
        if len(holders) > 1 and key == "bi_thu_chi_bo":
            problems.append(Problem("posts", ", ".join(holders), why="Chi bộ chỉ có một Bí thư"))
    if problems:
        raise InputError.many(problems)
    for p in people:
        if not p["name"]:
            p["name"] = f"Đảng viên {p['id']}"

    post_labels = dict(rs.value("K4", "posts"))
    forum_labels = dict(rs.value("K4", "forums"))
    tier_labels = {t["slug"]: t["label"] for t in rs.value("K2", "tiers")}
    tier_order = [t["slug"] for t in rs.value("K2", "tiers")]
    if has_committee is None:
        has_committee = any("chi_uy_vien" in p["posts"] for p in people)
    chi_bo_name = chi_bo or (f"chi bộ {chi_bos[0]}" if chi_bos else "chi bộ")
    flags: list[str] = []

    # K3: admitted less than `months` months before the meeting -> not reviewed.
    months = int(rs.value("K3", "months"))
    not_reviewed, reviewed_people = [], []
    for p in people:
        if p["joined"] is not None and meeting < k3_reviewed_from(p["joined"], rs):
            fact = f"vào Đảng {fmt_date(p['joined'])}, đủ {months} tháng vào {fmt_date(k3_reviewed_from(p['joined'], rs))}"
            not_reviewed.append(Exclusion(p["id"], p["name"], rs.reason(
                "K3", f"Đảng viên mới kết nạp chưa đủ {months} tháng tính đến ngày chi bộ họp kiểm điểm "
                      f"{fmt_date(meeting)} ({fact}) nên không kiểm điểm.", fact)))
        else:
            reviewed_people.append(p)
    absent = tuple(Exclusion(p["id"], p["name"], rs.reason(
        "K5", "Vắng mặt ở hội nghị: chưa hoàn thành kiểm điểm nên chưa tham gia đánh giá, phân loại; chi bộ "
              "đánh giá, phân loại vào cuộc họp chi bộ gần nhất.", "vắng mặt"))
        for p in reviewed_people if not p["present"])

    secretary = next((p for p in people if "bi_thu_chi_bo" in p["posts"]), None)
    deputy = next((p for p in people if "pho_bi_thu_chi_bo" in p["posts"]), None)

    def who(p: dict | None, title: str) -> str:
        return f"{title} {p['name']}" if p else title

    chair = who(secretary, "Bí thư chi bộ")
    if secretary is None:
        flags.append("Chi bộ chưa có Bí thư trong danh sách: cấp ủy cấp trên chỉ định người chủ trì hội nghị.")

    agenda: list[AgendaItem] = []
    collective = list(rs.value("K2", "collective_items"))
    k2_collective = rs.reason("K2", "Tập thể kiểm điểm trước, cá nhân kiểm điểm sau.")
    for text in collective:
        # The source's parenthesis "(nơi không có cấp ủy: ...)" is resolved for this chi bộ.
        text = text.replace(" (nơi không có cấp ủy: của Bí thư và Phó Bí thư)", "")
        if not has_committee:
            text = text.replace("của tập thể cấp ủy chi bộ", "của Bí thư và Phó Bí thư chi bộ (chi bộ không có cấp ủy)")
        agenda.append(AgendaItem(len(agenda) + 1, "tap_the", " ".join(text.split()), chair, reasons=(k2_collective,)))

    def tier_of(p: dict) -> str:
        for post in ("bi_thu_chi_bo", "pho_bi_thu_chi_bo", "chi_uy_vien"):
            if post in p["posts"]:
                return _TIER_OF_POST[post]
        if _LEADER_POSTS & set(p["posts"]):
            return "lanh_dao_quan_ly"
        return "dang_vien"

    # Stable sort: within a tier, the order of the list given (a fixed fact of K2, see its note).
    ordered = sorted((p for p in reviewed_people if p["present"]), key=lambda p: tier_order.index(tier_of(p)))
    ordered += [p for p in reviewed_people if not p["present"]]  # absent members: listed last, reviewed later
    for p in ordered:
        tier = tier_of(p)
        reasons = []
        item_flags: list[str] = []
        if tier == "bi_thu":
            reasons.append(rs.reason("K2", "Người đứng đầu kiểm điểm trước các thành viên khác.", "Bí thư chi bộ"))
            if deputy is not None:
                item_chair = who(deputy, "Phó Bí thư chi bộ")
                reasons.append(rs.reason("K2", "Khi kiểm điểm cá nhân Bí thư thì Phó Bí thư chủ trì.",
                                         "Bí thư kiểm điểm"))
            else:
                item_chair = "(chưa xác định)"
                item_flags.append("Chi bộ không có Phó Bí thư: nguồn không nói ai chủ trì khi Bí thư kiểm điểm; "
                                  "chi bộ hoặc cấp ủy cấp trên quyết định.")
        else:
            item_chair = chair
            if tier == "dang_vien":
                reasons.append(rs.reason("K2", "Đảng viên không giữ chức vụ lãnh đạo, quản lý kiểm điểm sau cán "
                                               "bộ lãnh đạo, quản lý.", "không có chức vụ"))
            else:
                held = ", ".join(post_labels[s] for s in p["posts"])
                reasons.append(rs.reason("K2", f"Nhóm «{tier_labels[tier]}»: kiểm điểm sau "
                                               f"{_before(tier, tier_order, tier_labels)}, trước các nhóm sau.",
                                         held))
        if p["posts_from"] == "role" and p["posts"]:
            reasons.append(rs.reason("K4", "Chức vụ đọc từ cột «Chức vụ» của bảng đảng viên.",
                                     ", ".join(post_labels[s] for s in p["posts"])))
        status = "" if p["present"] else " — vắng mặt, kiểm điểm và phân loại vào cuộc họp gần nhất"
        agenda.append(AgendaItem(len(agenda) + 1, "ca_nhan",
                                 f"Kiểm điểm cá nhân: {p['name']} ({tier_labels[tier]}){status}", item_chair,
                                 member_id=p["id"], tier=tier, reasons=tuple(reasons), flags=tuple(item_flags)))
        flags += item_flags
    for text in rs.value("K2", "closing_items"):
        agenda.append(AgendaItem(len(agenda) + 1, "bo_phieu", text, chair, reasons=(
            rs.reason("K2", "Bỏ phiếu phân loại sau khi kiểm điểm xong từng cá nhân."),)))

    places = tuple(_places(p, has_committee, rs, post_labels) for p in ordered)
    for pl in places:
        flags += list(pl.flags)
    return ReviewPlan(chi_bo=chi_bo_name, meeting_date=meeting, has_committee=bool(has_committee),
                      agenda=tuple(agenda), places=places, not_reviewed=tuple(not_reviewed), absent=absent,
                      flags=tuple(dict.fromkeys(flags)), ruleset=rs.name, ruleset_label=rs.label(),
                      forum_labels=forum_labels, post_labels=post_labels)


def _before(tier: str, order: list[str], labels: Mapping[str, str]) -> str:
    earlier = order[:order.index(tier)]
    return ", ".join(f"«{labels[t]}»" for t in earlier) if earlier else "phần tập thể"


def _places(p: dict, has_committee: bool, rs: RuleSet, post_labels: Mapping[str, str]) -> MemberPlaces:
    """K4, 004 §II.1.2, bullet by bullet."""
    posts = set(p["posts"])
    forums = ["chi_bo"]
    reasons = [rs.reason("K4", "Mọi đảng viên kiểm điểm ở chi bộ nơi sinh hoạt đảng.")]
    flags = []
    agency_head = posts & {"thu_truong", "pho_thu_truong"}
    party_leader = posts & {"bi_thu_dang_uy", "pho_bi_thu_dang_uy", "uy_vien_thuong_vu"}
    on_party_committee = bool(party_leader) or "dang_uy_vien" in posts
    if agency_head and on_party_committee:
        forums += ["dang_uy", "lanh_dao_co_quan"]
        reasons.append(rs.reason("K4", "Thủ trưởng, phó thủ trưởng cơ quan là đảng ủy viên kiểm điểm ở tập thể Đảng "
                                       "ủy và tập thể lãnh đạo cơ quan (trong cùng một hội nghị).",
                                 ", ".join(post_labels[s] for s in sorted(agency_head))))
    if party_leader and "dang_uy" not in forums:
        forums.append("dang_uy")
        reasons.append(rs.reason("K4", "Bí thư, Phó Bí thư, Ủy viên thường vụ Đảng ủy kiểm điểm trước tập thể "
                                       "Đảng ủy.", ", ".join(post_labels[s] for s in sorted(party_leader))))
    if posts & {"thu_truong", "pho_thu_truong", "lanh_dao_co_quan"} and "lanh_dao_co_quan" not in forums:
        forums.append("lanh_dao_co_quan")
        reasons.append(rs.reason("K4", "Thành viên lãnh đạo cơ quan kiểm điểm trước tập thể lãnh đạo cơ quan."))
    chi_bo_head = posts & {"bi_thu_chi_bo", "pho_bi_thu_chi_bo"}
    if chi_bo_head:
        if has_committee:
            forums.append("cap_uy_chi_bo")
            reasons.append(rs.reason("K4", "Bí thư, Phó Bí thư chi bộ kiểm điểm trước tập thể cấp ủy chi bộ.",
                                     ", ".join(post_labels[s] for s in sorted(chi_bo_head))))
        else:
            reasons.append(rs.reason("K4", "Chi bộ không có cấp ủy: Bí thư, Phó Bí thư kiểm điểm trước chi bộ.",
                                     "không có cấp ủy chi bộ"))
    if "dang_uy_vien" in posts and not party_leader and not agency_head and not chi_bo_head:
        flags.append(f"{p['name']} là Đảng ủy viên không giữ chức vụ nào khác: 004 §II.1.2 không nêu riêng trường "
                     f"hợp này (ngoài ý chung «tập thể cấp ủy cao nhất nơi mình là thành viên»); Đảng ủy quyết "
                     f"định có kiểm điểm trước tập thể Đảng ủy hay không.")
    order = {f: i for i, f in enumerate(FORUMS)}
    return MemberPlaces(p["id"], p["name"], tuple(p["posts"]), tuple(sorted(dict.fromkeys(forums), key=order.get)),
                        tuple(reasons), tuple(flags))
