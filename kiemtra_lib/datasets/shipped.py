"""The shipped cases: their seeds and parameters (data), and writing them as CSV files with a manifest.

``python -m kiemtra_lib.datasets build datasets/`` (``make datasets``) rebuilds every file byte for byte; a test
checks that rebuilding changes nothing. CSV conventions, chosen once: UTF-8 with a byte-order mark (Excel then shows
Vietnamese correctly; pandas and ``load`` skip the mark), ``,`` separator, ``\\n`` line ends, dates ISO
``yyyy-mm-dd`` (no day/month confusion whatever the computer's locale; ``load`` also accepts ``dd/mm/yyyy``), yes/no
as ``True``/``False``, empty cells for "none", enums as their slug.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError, SaveError
from .case import TABLE_NAMES, Case
from .generate import GENERATOR_VERSION, generate

__all__ = ["SHIPPED", "shipped_case", "case_files", "write_case", "build", "to_csv_bytes", "MANIFEST"]

MANIFEST = "manifest.json"

#: name -> (Vietnamese description, generator arguments). Changing a line here changes the shipped files.
SHIPPED: dict[str, tuple[str, dict[str, Any]]] = {
    "chi_bo_9": ("Một chi bộ cơ sở 9 đảng viên: bằng phiếu ở ranh giới chỉ tiêu, đúng 2/3 phiếu, đảng viên mới "
                 "kết nạp, kỷ luật chưa đủ 1 năm.",
                 {"seed": 9, "chi_bo": 1, "members_per_chi_bo": 9}),
    "dang_bo_6_chi_bo": ("Một đảng bộ cơ sở 6 chi bộ, khoảng 120 đảng viên, đủ các tình huống đặc biệt.",
                         {"seed": 6, "chi_bo": 6, "members_per_chi_bo": [14, 26]}),
    "dang_bo_lon": ("Một đảng bộ cơ sở lớn 80 chi bộ, khoảng 2.000 đảng viên, để vẽ biểu đồ và thống kê.",
                    {"seed": 1, "chi_bo": 80, "members_per_chi_bo": [15, 35]}),
}


def shipped_case(name: str) -> Case:
    """Generate a shipped case from its seed (what ``make datasets`` writes)."""
    _, args = SHIPPED[name]
    args = dict(args)
    size = args.pop("members_per_chi_bo")
    return generate(args.pop("seed"), members_per_chi_bo=tuple(size) if isinstance(size, list) else size,
                    name=name, **args)


def case_files(name: str) -> dict[str, str]:
    """The file name of each table of a case: ``<case>_<table>.csv``."""
    return {t: f"{name}_{t}.csv" for t in TABLE_NAMES}


def _cell(v: Any) -> str:
    if v is None or (isinstance(v, float) and v != v) or v is pd.NaT:
        return ""
    return str(v)


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """A normalised table as CSV bytes, by the conventions above."""
    out = df.copy()
    for c in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[c]):
            out[c] = out[c].dt.strftime("%Y-%m-%d").fillna("")
        elif out[c].dtype == object:
            out[c] = out[c].map(_cell)
    text = out.to_csv(index=False, lineterminator="\n")
    return ("\ufeff" + text).encode("utf-8")


def _write(path: Path, data: bytes) -> None:
    """Write through a temporary file and a rename: a full disk or a read-only folder leaves the old file whole,
    and the error names the path in Vietnamese."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise SaveError(exc, path) from None


def write_case(case: Case, folder: Path) -> dict[str, Any]:
    """Write a case's four tables into ``folder``; return its manifest entry."""
    files = {}
    for table, file in case_files(case.name).items():
        data = to_csv_bytes(getattr(case, table))
        _write(folder / file, data)
        files[table] = {"file": file, "rows": len(getattr(case, table)), "sha256": hashlib.sha256(data).hexdigest()}
    meta = dict(case.meta)
    return {"mo_ta": SHIPPED[case.name][0] if case.name in SHIPPED else "", "seed": meta.pop("seed"),
            "parameters": {k: meta.pop(k) for k in ("chi_bo", "members_per_chi_bo", "year", "profile", "dang_bo")},
            "review_date": meta.pop("review_date"), "term": [meta.pop("term_start"), meta.pop("term_end")],
            "files": files, "edge_cases": meta.pop("edge_cases")}


def build(folder: str | Path) -> list[Path]:
    """Write every shipped case, ``manifest.json`` and the data dictionary ``README.md`` into ``folder``."""
    from .dictionary import render_readme

    if not isinstance(folder, (str, os.PathLike)) or not str(folder).strip():
        raise InputError("thư mục", folder if isinstance(folder, str) else type(folder).__name__,
                         allowed="đường dẫn tới một thư mục")
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveError(exc, folder) from None
    manifest = {"generator_version": GENERATOR_VERSION, "encoding": "utf-8-sig", "date_format": "yyyy-mm-dd",
                "rebuild": "make datasets  (python -m kiemtra_lib.datasets build datasets/)",
                "cases": {name: write_case(shipped_case(name), folder) for name in SHIPPED}}
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    _write(folder / MANIFEST, text.encode("utf-8"))
    _write(folder / "README.md", render_readme(manifest).encode("utf-8"))
    written = [folder / MANIFEST, folder / "README.md"]
    for entry in manifest["cases"].values():
        written += [folder / f["file"] for f in entry["files"].values()]
    return written
