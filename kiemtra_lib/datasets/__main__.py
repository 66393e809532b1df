"""``python -m kiemtra_lib.datasets build <folder>``: kept as a shim of ``kiemtra datasets build <folder>``."""

from __future__ import annotations

import sys

from ..cli import main

if __name__ == "__main__":
    raise SystemExit(main(["datasets", *sys.argv[1:]]))
