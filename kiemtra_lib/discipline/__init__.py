"""Discipline (kỷ luật): forms, circumstances, limitation periods, synchronisation deadlines, effects on rating.

Rules D1–D6 come from the seeds (001 §III.2.2, 004 §IV); DF1–DF13 are facts carried over from the Party's own rules,
each with its document, article and status in ``rulesets/<name>/discipline.yaml`` (``facts()`` lists them). The
library recommends; the competent body decides (every assessment carries the flag
``co_quan_co_tham_quyen_quyet_dinh``), and every fact not confirmed from a source is shown «cần xác nhận».

>>> [f.label for f in forms("dang_vien", holds_post=True)]
['Khiển trách', 'Cảnh cáo', 'Cách chức', 'Khai trừ']
>>> discipline_in_force("15/11/2025", "15/11/2026")   # the anniversary: ended by itself (DF11)
False
"""

from __future__ import annotations

from .assess import DIRECTIONS, OUTCOMES, DisciplineAssessment, DisciplineCase, assess, circumstances
from .effects import Discipline, RatingEffects, rating_effects, record_discipline
from .facts import facts
from .forms import SUBJECTS, Form, as_form, forms
from .in_force import discipline_end_date, discipline_in_force, discipline_in_force_series
from .limitation import Limitation, exempt_kinds, limitation, limitation_end
from .render import FLAG_LABELS
from .table import assess_table
from .sync import NOTICE_EVENTS, SyncChain, sync_deadlines

__all__ = ["Form", "forms", "as_form", "SUBJECTS", "circumstances", "exempt_kinds",
           "DisciplineCase", "DisciplineAssessment", "assess", "assess_table", "OUTCOMES", "DIRECTIONS", "FLAG_LABELS",
           "Limitation", "limitation", "limitation_end",
           "Discipline", "RatingEffects", "rating_effects", "record_discipline", "SyncChain", "sync_deadlines", "NOTICE_EVENTS",
           "discipline_in_force", "discipline_in_force_series", "discipline_end_date", "facts"]
