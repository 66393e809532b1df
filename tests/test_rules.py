"""The rule-set loader: strict about format, and every rule carries a source."""

import textwrap

import pytest

from kiemtra_lib import InputError, get_ruleset, load_ruleset
from kiemtra_lib.rules import RuleSetFormatError, _load_from

META = """\
name: demo
title: Demo
documents:
  "000": {title: "Văn bản 000"}
"""


def make_set(tmp_path, part: str, meta: str = META):
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "ruleset.yaml").write_text(meta, encoding="utf-8")
    (folder / "part.yaml").write_text(textwrap.dedent(part), encoding="utf-8")
    return _load_from(folder, "demo")


GOOD = """\
rules:
  T9:
    title: Thử
    summary: Một quy tắc thử
    source: {doc: "000", clause: "§I.2"}
    values: {days: 20}
parameters:
  t9_kind:
    rule: T9
    value: calendar
    allowed: [calendar, working]
    description: Loại ngày
"""


def test_a_well_formed_set_loads_with_its_citation(tmp_path):
    rs = make_set(tmp_path, GOOD)
    assert rs.rule("T9").cite() == "000 §I.2"
    assert rs.value("T9", "days") == 20
    assert rs.param("t9_kind") == "calendar"
    reason = rs.reason("T9", "Quá hạn", fact="21 ngày")
    assert (reason.rule_id, reason.source, reason.fact) == ("T9", "000 §I.2", "21 ngày")
    assert str(reason) == "Quá hạn [T9, 000 §I.2]"


@pytest.mark.parametrize("part, message", [
    (GOOD.replace("    values: {days: 20}\n", "    valuez: {days: 20}\n"), "unknown keys"),
    (GOOD.replace('    source: {doc: "000", clause: "§I.2"}\n', ""), "missing keys"),
    (GOOD.replace('doc: "000"', 'doc: "999"'), "not listed"),
    (GOOD.replace('clause: "§I.2"', 'clause: ""'), "no clause"),
    (GOOD.replace("    values: {days: 20}\n", "    values: {days: 20}\n    title: Lặp\n"), "duplicate key"),
    (GOOD.replace("value: calendar", "value: lunar"), "not in allowed"),
    (GOOD.replace("rule: T9", "rule: T10"), "unknown rule"),
    (GOOD.replace("    values: {days: 20}\n", "    values: {days: 20}\n    status: maybe\n"), "status"),
])
def test_the_loader_refuses_a_malformed_rule_set(tmp_path, part, message):
    with pytest.raises(RuleSetFormatError, match=message):
        make_set(tmp_path, part)


def test_a_rule_id_defined_in_two_files_is_refused(tmp_path):
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "ruleset.yaml").write_text(META, encoding="utf-8")
    (folder / "a.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "b.yaml").write_text(GOOD.split("parameters:")[0], encoding="utf-8")
    with pytest.raises(RuleSetFormatError, match="defined twice"):
        _load_from(folder, "demo")


def test_changing_an_interpretation_is_checked_and_leaves_the_original_alone(tmp_path):
    rs = make_set(tmp_path, GOOD)
    changed = rs.with_params(t9_kind="working")
    assert changed.param("t9_kind") == "working" and rs.param("t9_kind") == "calendar"
    with pytest.raises(InputError, match="t9_kind"):
        rs.with_params(t9_kind="lunar")
    with pytest.raises(InputError, match="khong_co"):
        rs.with_params(khong_co=1)


def test_the_default_rule_set_loads_and_every_rule_cites_a_listed_document():
    rs = load_ruleset()
    assert rs.name == "hcm-2014"
    for rule in rs.rules.values():
        assert rule.sources and all(s.doc in rs.documents and s.clause for s in rule.sources)


def test_an_unknown_rule_set_name_is_an_input_error_in_vietnamese():
    with pytest.raises(InputError, match="bộ quy tắc.*khong-co"):
        get_ruleset("khong-co")
