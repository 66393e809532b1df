"""Issue 17: the hypothesis sweep over every public function of the library (``_sweep.py``): only ``InputError``
escapes. ``KIEMTRA_SWEEP_EXAMPLES`` sets the examples per function (20 by default, a few tens of seconds in all;
the closing note's figures come from ``python tests/robustness/_sweep.py 200``)."""

from __future__ import annotations

import os

import pytest

from _sweep import FEW, Tally, sweep_one, targets

EXAMPLES = int(os.environ.get("KIEMTRA_SWEEP_EXAMPLES", "20"))
TARGETS = targets()


def test_the_sweep_covers_every_swept_module():
    modules = {name.rsplit(".", 1)[0].split("[")[0] for name, _ in TARGETS}
    for wanted in ("kiemtra_lib.calendar", "kiemtra_lib.timeline", "kiemtra_lib.rating", "kiemtra_lib.discipline",
                   "kiemtra_lib.review", "kiemtra_lib.datasets", "kiemtra_lib.exercises.checking",
                   "kiemtra_lib.dates", "kiemtra_lib.periods", "kiemtra_lib.schema"):
        assert any(m.startswith(wanted) for m in modules), wanted
    assert len(TARGETS) >= 60


def test_the_harness_catches_an_exception_that_is_not_an_input_error():
    # the sweep can fail: a function that lets a TypeError out is reported, one that raises InputError is not
    from kiemtra_lib import InputError

    def leaky(d, n=0):
        if isinstance(n, int) and n < 0:
            raise InputError("n", n)
        return {"x": 1}[d]

    tally = Tally()
    sweep_one("tests.leaky", leaky, 30, tally)
    assert tally.calls == 30 and tally.failures
    assert {k[1] for k in tally.failures} <= {"KeyError", "TypeError"}


@pytest.mark.parametrize("qualname,fn", TARGETS, ids=[name for name, _ in TARGETS])
def test_only_input_error_escapes(qualname, fn):
    tally = Tally()
    sweep_one(qualname, fn, FEW.get(qualname, EXAMPLES), tally)
    assert tally.calls > 0
    assert not tally.failures, "\n".join(f"{exc} at {where}: {example}"
                                         for (_, exc, where), example in tally.failures.items())
