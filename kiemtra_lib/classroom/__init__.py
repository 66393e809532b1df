"""The class server (issue 15): one JupyterHub for a course, an account and a Unix user per trainee.

- ``accounts``: the roster checked for what a server needs (Unix names, no HTML), Unix users, initial passwords
  hashed into NativeAuthenticator's table with the hub stopped, the instructor's handout;
- ``exchange``: exercises released into each trainee's own 0700 home, submissions collected by the server (as root)
  with the server's clock into the instructor's account, graded there;
- ``hub``: what ``class/jupyterhub_config.py`` calls (state folder, first-login password change, pre-spawn copy).

The command line is ``python -m kiemtra_lib.classroom`` (``make class`` runs it), as root.
"""

from __future__ import annotations

from .accounts import Account, ClassState, check_accounts, create_class, load_state, remove_class
from .exchange import collect, grade, release

__all__ = ["Account", "ClassState", "check_accounts", "create_class", "load_state", "remove_class", "release",
           "collect", "grade"]
