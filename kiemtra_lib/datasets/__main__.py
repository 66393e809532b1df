"""``python -m kiemtra_lib.datasets build <folder>``: rebuild the shipped cases, manifest and data dictionary."""

from __future__ import annotations

import sys

from .shipped import build


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] != "build":
        print("Cách dùng: python -m kiemtra_lib.datasets build <thư mục>", file=sys.stderr)
        return 2
    for path in build(args[1]):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
