"""deploy/z2jh/values.yaml and the local class server (class/jupyterhub_config.py) give trainees the same course:
same start page, same culling, same password rules, same instructor; the image files repo2docker reads are there
and install what class/install.sh installs. Runs anywhere (no root, no hub): the local config is read by traitlets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from class_support import ROOT

VALUES = ROOT / "deploy" / "z2jh" / "values.yaml"


@pytest.fixture
def local(tmp_path, monkeypatch):
    """The local hub's configuration, as JupyterHub loads it, for a class state folder with one instructor."""
    from traitlets.config.loader import PyFileConfigLoader

    from kiemtra_lib.classroom.accounts import Account, ClassState

    state = tmp_path / "state"
    state.mkdir()
    ClassState(state, "2026-12-01T00:00:00+00:00",
               accounts=[Account("giangvien", "giangvien", "Giảng viên", "giang_vien"),
                         Account("hv001", "HV001", "Nguyễn Văn Thử", "hoc_vien")]).save()
    monkeypatch.setenv("CLASS_STATE", str(state))
    loader = PyFileConfigLoader("jupyterhub_config.py", path=str(ROOT / "class"))
    return loader.load_config()


@pytest.fixture
def values():
    return yaml.safe_load(VALUES.read_text(encoding="utf-8"))


def test_the_start_page_is_the_same(local, values):
    assert values["singleuser"]["defaultUrl"] == local.Spawner.default_url == "/voila/tree/"


def test_culling_of_servers_is_the_same(local, values):
    (culler,) = [s for s in local.JupyterHub.services if s["name"] == "idle-culler"]
    timeout = int(next(a for a in culler["command"] if a.startswith("--timeout=")).split("=")[1])
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] == timeout


def test_password_rules_and_the_instructor_are_the_same(local, values):
    native = values["hub"]["config"]["NativeAuthenticator"]
    for key in ("minimum_password_length", "check_common_password", "allowed_failed_logins",
                "seconds_before_next_try", "open_signup"):
        assert native[key] == local.NativeAuthenticator[key], key
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] == local.JupyterHub.authenticator_class
    assert values["hub"]["config"]["Authenticator"]["admin_users"] == sorted(local.Authenticator.admin_users)


def test_the_instructor_profile_is_offered_to_admins_only(values):
    profiles = values["singleuser"]["profileList"]
    assert [p.get("kiemtra_instructor", False) for p in profiles] == [False, True]
    assert profiles[1]["kubespawner_override"]["default_url"] == "/lab"
    assert "spawner.user.admin" in values["hub"]["extraConfig"]["kiemtra-profiles"]


def test_memory_limit_is_set(values):
    assert re.fullmatch(r"\d+[MG]", values["singleuser"]["memory"]["limit"])


def test_repo2docker_files_install_what_the_local_class_environment_has():
    post_build = (ROOT / "postBuild").read_text(encoding="utf-8")
    install = (ROOT / "class" / "install.sh").read_text(encoding="utf-8")
    for needed in ("class/requirements.txt", "voila/voila.py", "class/overrides.json",
                   "class/jupyter_server_config.json", "--name kiemtra", "templates/kiemtra"):
        assert needed in post_build and needed in install, needed
    start = (ROOT / "start").read_text(encoding="utf-8").strip().splitlines()
    assert start[0] == "#!/bin/bash" and start[-1] == 'exec "$@"'  # repo2docker's contract for `start`
    assert (ROOT / "postBuild").stat().st_mode & 0o111 and (ROOT / "start").stat().st_mode & 0o111


def test_kernel_culling_is_one_file_for_both():
    cfg = json.loads((ROOT / "class" / "jupyter_server_config.json").read_text(encoding="utf-8"))
    assert cfg["MappingKernelManager"]["cull_idle_timeout"] > 0
    assert cfg["ServerApp"]["tornado_settings"]["mathjax_url"] is None  # no CDN: no internet in a classroom
