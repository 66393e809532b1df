"""The course as a whole: the list of lessons (``lessons``), building and executing their notebooks (``build``,
``kiemtra course build``) and serving them as a web app with Voilà (``app``, ``kiemtra course app``).

Only ``lessons`` is imported here; ``build`` and ``app`` pull in nbclient and Voilà's helpers when used.
"""

from __future__ import annotations

from .lessons import LESSONS, Lesson, lesson

__all__ = ["LESSONS", "Lesson", "lesson"]
