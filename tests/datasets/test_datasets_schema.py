"""The inspection and discipline-case tables agree with the rule data they feed."""

from kiemtra_lib.rules import get_ruleset
from kiemtra_lib.schema import (CIRCUMSTANCES, DISCIPLINE_CASES, DISCIPLINE_FORMS, EXEMPT_KINDS, INSPECTION_KINDS,
                                SEVERITIES, TABLES)


def test_discipline_slugs_are_those_of_the_rule_set():
    rs = get_ruleset("hcm-2014")
    assert set(SEVERITIES) == set(rs.value("DF10", "severities"))
    assert set(EXEMPT_KINDS) == set(rs.value("DF3", "exempt_kinds"))
    forms = {f for steps in rs.value("DF10", "steps").values() for fs in steps.values() for f in fs}
    assert forms == set(DISCIPLINE_FORMS)
    circumstances = set()
    for rule in ("DF8", "DF9"):
        for by_subject in rs.value(rule, "circumstances").values():
            circumstances |= set(by_subject)
    assert circumstances == set(CIRCUMSTANCES)


def test_inspection_kinds_are_those_of_t6():
    assert list(INSPECTION_KINDS) == list(get_ruleset("hcm-2014").value("T6", "kinds"))


def test_every_table_is_registered_and_documents_its_rules():
    assert set(TABLES) == {"members", "organisations", "inspections", "discipline_cases"}
    assert DISCIPLINE_CASES.column("decision_date").rule_ids == ("DF11", "R-M5")
