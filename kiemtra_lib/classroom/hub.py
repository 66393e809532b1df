"""What ``class/jupyterhub_config.py`` calls: where things are, the first-login rule, the pre-spawn copy."""

from __future__ import annotations

import os
from pathlib import Path

from .accounts import load_state
from .exchange import copy_for_spawn

__all__ = ["Paths", "must_change_password", "make_default_url", "make_pre_spawn_hook", "TRAINEE_START",
           "INSTRUCTOR_START"]

# Where a trainee lands: Voilà's landing page of their home (the lessons in order, their exercises below).
TRAINEE_START = "/voila/tree/"
INSTRUCTOR_START = "/lab/tree/lop"


class Paths:
    """The folders named by the environment (``make class`` and the IT guide set them)."""

    def __init__(self, env=os.environ):
        self.prefix = Path(env.get("CLASS_PREFIX", "/opt/kiemtra"))
        self.venv = self.prefix / "venv"
        self.state = Path(env.get("CLASS_STATE", "/var/lib/kiemtra-lop"))
        self.course = self.prefix / "course"
        self.proxy = self.prefix / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
        self.singleuser = self.venv / "bin" / "jupyterhub-singleuser"
        self.python = self.venv / "bin" / "python"


def must_change_password(db, username: str, state_dir: Path) -> bool:
    """True while the stored hash is still the handout's: the trainee has not set a password of their own."""
    from nativeauthenticator.orm import UserInfo

    try:
        acc = load_state(state_dir).account(username)
    except Exception:  # no class record: nothing to enforce
        return False
    if acc is None or not acc.initial_hash:
        return False
    info = UserInfo.find(db, username)
    return info is not None and bytes(info.password).decode() == acc.initial_hash


def make_default_url(state_dir: Path):
    """``c.JupyterHub.default_url``: the change-password page until the trainee has changed the handout password,
    then the hub's usual way to their server (an empty answer means "the default")."""

    def default_url(handler) -> str:
        user = handler.current_user
        if user is not None and must_change_password(handler.db, user.name, state_dir):
            return handler.hub.base_url + "change-password"
        return ""

    return default_url


def make_pre_spawn_hook(paths: Paths, instructor: str):
    def pre_spawn_hook(spawner) -> None:
        from tornado import web

        name = spawner.user.name
        if must_change_password(spawner.user.db, name, paths.state):
            raise web.HTTPError(403, "Anh/chị cần đổi mật khẩu trước khi vào khoá học: mở /hub/change-password")
        copy_for_spawn(paths.state, name, paths.course)
        spawner.default_url = INSTRUCTOR_START if name == instructor else TRAINEE_START

    return pre_spawn_hook
