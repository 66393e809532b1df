"""JupyterHub for one class (issue 15): `make class ROSTER=...` starts it; read by the hub running as root.

Everything the hub keeps (its database with Native's password hashes, the cookie secret, the proxy's pid, the class
record) lives in CLASS_STATE (default /var/lib/kiemtra-lop, mode 0700); the software in CLASS_PREFIX (default
/opt/kiemtra, readable by every user, built by class/install.sh). Each trainee's server runs as their own Unix user
(LocalProcessSpawner), so Unix permissions keep them apart.
"""

import os
import sys

from kiemtra_lib.classroom.accounts import load_state
from kiemtra_lib.classroom.hub import TRAINEE_START, Paths, make_default_url, make_pre_spawn_hook

c = get_config()  # noqa: F821

paths = Paths()
state = load_state(paths.state)  # written by `python -m kiemtra_lib.classroom create` before the hub starts
instructor = state.instructor.username
here = os.path.dirname(os.path.abspath(__file__))

# --- where it listens: this machine only unless CLASS_IP says otherwise (the IT guide puts HTTPS in front)
ip = os.environ.get("CLASS_IP", "127.0.0.1")
port = int(os.environ.get("CLASS_PORT", "8000"))
c.JupyterHub.bind_url = f"http://{ip}:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("CLASS_HUB_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ.get('CLASS_PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.command = [str(paths.proxy)]
c.ConfigurableHTTPProxy.pid_file = str(paths.state / "jupyterhub-proxy.pid")
# the proxy's script starts with `#!/usr/bin/env node`
os.environ["PATH"] = os.pathsep.join(["/usr/bin", "/usr/local/bin", os.environ.get("PATH", "")])

# --- state: one 0700 folder
c.JupyterHub.db_url = f"sqlite:///{paths.state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(paths.state / "jupyterhub_cookie_secret")
# Ctrl+C / SIGTERM stops the proxy and every trainee's server with the hub
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# --- who logs in: Native, accounts seeded with the hub stopped, no sign-up, first login → change password
c.JupyterHub.authenticator_class = "native"
c.NativeAuthenticator.enable_signup = False
c.NativeAuthenticator.open_signup = False
c.NativeAuthenticator.minimum_password_length = 8
c.NativeAuthenticator.check_common_password = True
c.NativeAuthenticator.allowed_failed_logins = 10
c.NativeAuthenticator.seconds_before_next_try = 60
c.Authenticator.admin_users = {instructor}
c.Authenticator.allowed_users = {a.username for a in state.trainees}
c.JupyterHub.default_url = make_default_url(paths.state)
c.JupyterHub.template_paths = [os.path.join(here, "templates")]

# --- each trainee's server: their own Unix user, the class environment, the course as an app
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(paths.singleuser)]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = TRAINEE_START
c.Spawner.pre_spawn_hook = make_pre_spawn_hook(paths, instructor)
# a clean PATH: the hub's own (root's) PATH names folders trainees cannot read
c.Spawner.env_keep = []
c.Spawner.environment = {"PYTHONUTF8": "1", "LANG": "C.UTF-8",
                         "PATH": os.pathsep.join([str(paths.venv / "bin"), "/usr/local/bin", "/usr/bin", "/bin"])}
# A whole class logging in at once on 2 cores: thirty servers start together (benchmarks/bench_class.py); with 60 s
# most of them were declared failed while still starting.
c.Spawner.http_timeout = 300
c.Spawner.start_timeout = 300
# class/jupyter_server_config.json (installed into the class environment and into the Zero to JupyterHub image):
# every Voilà page load starts a kernel (~50 MB), so kernels idle for 20 min are shut down; kernels talk over IPC
# sockets in the trainee's own 0700 runtime folder, not TCP ports on 127.0.0.1 (thirty servers picking kernel ports
# at once raced, and a TCP port is reachable by every local user); MathJax's CDN is off.

# --- services: the idle culler (servers idle 1 h are stopped) and the collector (submissions every 10 s)
CULL_TIMEOUT = 3600
COLLECT_EVERY = 10
c.JupyterHub.services = [
    {"name": "idle-culler", "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={CULL_TIMEOUT}"]},
    {"name": "thu-bai", "command": [sys.executable, "-m", "kiemtra_lib.classroom", "collect",
                                    f"--every={COLLECT_EVERY}"],
     "environment": {"CLASS_STATE": str(paths.state), "PYTHONUTF8": "1"}},
]
c.JupyterHub.load_roles = [
    {"name": "idle-culler", "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
     "services": ["idle-culler"]},
]

# --- an API token for the IT staff's scripts and the tests (stop servers, list users), only when given
if os.environ.get("CLASS_ADMIN_TOKEN"):
    c.JupyterHub.services.append({"name": "quan-tri", "api_token": os.environ["CLASS_ADMIN_TOKEN"]})
    c.JupyterHub.load_roles.append(
        {"name": "quan-tri", "scopes": ["admin:users", "admin:servers", "read:hub", "list:users"],
         "services": ["quan-tri"]})
