"""Discipline (kỷ luật): forms, circumstances, limitation periods, synchronisation deadlines, effects on rating.

Rules D1–D6 come from the seeds (001 §III.2.2, 004 §IV); DF1–DF13 are facts carried over from the Party's own rules,
each with its document, article and status in ``rulesets/<name>/discipline.yaml``. The library recommends; the
competent body decides (every assessment carries the flag ``co_quan_co_tham_quyen_quyet_dinh``).
"""

from __future__ import annotations

from .discipline_in_force import discipline_end_date, discipline_in_force, discipline_in_force_series

__all__ = ["discipline_in_force", "discipline_in_force_series", "discipline_end_date"]
