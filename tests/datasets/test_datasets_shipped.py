"""The shipped cases: rebuilt byte for byte, small, and described by a data dictionary that matches the schema."""

import json
from pathlib import Path

import pytest

from kiemtra_lib.datasets import load
from kiemtra_lib.datasets.dictionary import render_readme
from kiemtra_lib.datasets.shipped import SHIPPED, build
from kiemtra_lib.schema import TABLES

DATASETS = Path(__file__).resolve().parents[2] / "datasets"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    folder = tmp_path_factory.mktemp("datasets")
    build(folder)
    return folder


def test_rebuilding_changes_nothing_byte_for_byte(rebuilt):
    shipped = sorted(p.name for p in DATASETS.iterdir() if p.is_file())
    assert sorted(p.name for p in rebuilt.iterdir()) == shipped
    changed = [name for name in shipped if (rebuilt / name).read_bytes() != (DATASETS / name).read_bytes()]
    assert changed == [], "run `make datasets` and commit the result"


def test_the_data_dictionary_is_written_from_the_schema_and_manifest():
    manifest = json.loads((DATASETS / "manifest.json").read_text(encoding="utf-8"))
    readme = (DATASETS / "README.md").read_text(encoding="utf-8")
    assert readme == render_readme(manifest)
    for table in TABLES.values():  # every column, with its Vietnamese name, is documented
        for column in table.columns:
            assert f"| {column.name} | {column.label} |" in readme


def test_the_shipped_cases_have_the_sizes_the_issue_asks_for():
    sizes = {name: len(load(name).members) for name in SHIPPED}
    assert sizes["chi_bo_9"] == 9
    assert 100 <= sizes["dang_bo_6_chi_bo"] <= 140
    assert 1800 <= sizes["dang_bo_lon"] <= 2200
    assert (DATASETS / "dang_bo_lon_members.csv").stat().st_size < 500_000


def test_the_manifest_records_each_files_seed_and_parameters():
    manifest = json.loads((DATASETS / "manifest.json").read_text(encoding="utf-8"))
    for name, (_, args) in SHIPPED.items():
        entry = manifest["cases"][name]
        assert entry["seed"] == args["seed"] and entry["parameters"]["chi_bo"] == args["chi_bo"]
        assert set(entry["files"]) == set(TABLES)


def test_a_shipped_case_loads_from_its_files_exactly_as_generated():
    from kiemtra_lib.datasets.shipped import shipped_case
    from test_datasets_generate import assert_same_table

    loaded, generated = load("dang_bo_6_chi_bo"), shipped_case("dang_bo_6_chi_bo")
    for table in TABLES:
        assert_same_table(getattr(loaded, table), getattr(generated, table))
    assert loaded.review_date == generated.review_date
    assert list(loaded.meta["edge_cases"]) == list(generated.meta["edge_cases"])
