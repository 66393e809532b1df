"""Verifying a submitted rating (thẩm định, seed 002): the inspection team checks an organisation's own results
against the rules.

- ``template_bytes(ruleset)`` / ``write_template(path, ruleset)``: the Vietnamese workbook the unit fills in
  (members with «Mức đề nghị», organisations, the dossier's dates, notes from the data dictionary).
- ``read_dossier(path)``: the workbook read and checked cell by cell (``InputError`` naming sheet, row, column).
- ``check_dossier(dossier, review_date=...)`` / ``verify(path, review_date=...)``: every discrepancy between what was
  proposed and what ``rating.rate_organisation`` gives, graded «sai quy định» or «cần xem xét» (``Verification``;
  its ``table`` is the list).
- ``report_html`` / ``report_xlsx`` / ``report_pdf``: the report for the team's minutes, with a draft paragraph of the
  «biên bản thẩm định».
- ``planted_dossier(seed)``: a synthetic dossier with planted errors of every kind, and the answer key the check
  confirms (lesson 09, the verification exercise).

The check never re-implements a rule: the levels come from ``kiemtra_lib.rating`` under the rule set named, the
dossier's deadline from ``kiemtra_lib.timeline``.

>>> p = planted_dossier(9, kinds=["khong_thuoc_dien", "nop_ho_so_muon"], chi_bo=2, members_per_chi_bo=10)
>>> v = verify(p.data, review_date="20/11/2025")
>>> v.table[["kind", "subject_id", "rule_id", "grade"]].values.tolist()
[['khong_thuoc_dien', 'DV12', 'K3', 'sai_quy_dinh'], ['nop_ho_so_muon', 'DB01', 'T4', 'sai_quy_dinh']]
>>> v.table["message"].iat[1].split(": ")[1]
'hạn chậm nhất là 28/11/2025 (làm việc với đoàn ngày 01/12/2025).'
"""

from __future__ import annotations

from ._sheets import supported_rulesets
from .check import COLUMNS, GRADES, KINDS, Verification, check_dossier, verify
from .planted import PLANTABLE, PlantedDossier, planted_dossier
from .report import minutes_paragraph, report_html, report_pdf, report_xlsx
from .template import dossier_bytes, dossier_from_rating, template_bytes, write_template
from .workbook import Dossier, read_dossier

__all__ = ["template_bytes", "write_template", "dossier_bytes", "dossier_from_rating", "read_dossier", "Dossier",
           "check_dossier", "verify", "Verification", "KINDS", "GRADES", "COLUMNS", "report_html", "report_xlsx",
           "report_pdf", "minutes_paragraph", "supported_rulesets", "planted_dossier", "PlantedDossier", "PLANTABLE"]
