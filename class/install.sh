#!/bin/sh
# Builds the class environment (issue 15) in a folder every trainee's Unix user can read, as root:
#   PREFIX/venv  Debian's /usr/bin/python3 -m venv (a pyenv or /root venv is unreadable to trainees), with the course
#                (this repository, not editable), JupyterHub, Native, the idle culler, the Vietnamese language pack;
#   PREFIX/node  configurable-http-proxy from the npm registry (package.json beside this script);
#   PREFIX/course the lesson notebooks the hub copies into each trainee's home.
# Idempotent: the packages are reinstalled only when requirements.txt, package.json or pyproject.toml change, the
# course (library, notebooks, Voilà template) at every run (a few seconds).
# Exit codes: 0 ready, 2 not root or no apt-get/python3 (the tests skip), other = an install step failed.
set -eu

REPO="$(cd "$(dirname "$0")/.." && pwd)"
PREFIX="${CLASS_PREFIX:-/opt/kiemtra}"
VENV="$PREFIX/venv"
PY="$VENV/bin/python"

if [ "$(id -u)" != "0" ]; then
    echo "Cần quyền root để cài môi trường lớp học vào $PREFIX và tạo tài khoản học viên." >&2
    exit 2
fi

missing=""
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import venv, ensurepip" 2>/dev/null || missing="$missing python3 python3-venv"
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
command -v adduser >/dev/null 2>&1 || missing="$missing adduser"
if [ -n "$missing" ]; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "Thiếu gói:$missing và máy không có apt-get để cài." >&2
        exit 2
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # nodejs from Debian brings npm as its own package; a nodesource nodejs already carries npm
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

umask 022
mkdir -p "$PREFIX"
chmod 0755 "$PREFIX"

# The course is installed from a clean copy: building in the work tree would reuse (and leave) its build/ folder.
SRC="$(mktemp -d)"
trap 'rm -rf "$SRC"' EXIT
tar -C "$REPO" --exclude=__pycache__ -cf - pyproject.toml README.md kiemtra_lib | tar -C "$SRC" -xf -

stamp_of() { cat "$@" | sha256sum | cut -d' ' -f1; }

DEPS_STAMP="$(stamp_of "$REPO/class/requirements.txt" "$REPO/pyproject.toml")"
if [ ! -x "$PY" ] || [ "$(cat "$VENV/.deps-stamp" 2>/dev/null)" != "$DEPS_STAMP" ]; then
    [ -x "$PY" ] || /usr/bin/python3 -m venv "$VENV"
    "$PY" -m pip install --quiet --upgrade pip "setuptools>=69" wheel
    "$PY" -m pip install --quiet -r "$REPO/class/requirements.txt" "$SRC" >"$PREFIX/install.log" 2>&1 || {
        cat "$PREFIX/install.log" >&2; exit 1; }
    echo "$DEPS_STAMP" > "$VENV/.deps-stamp"
fi

NODE_STAMP="$(stamp_of "$REPO/class/package.json")"
if [ ! -x "$PREFIX/node/node_modules/.bin/configurable-http-proxy" ] || \
   [ "$(cat "$PREFIX/node/.stamp" 2>/dev/null)" != "$NODE_STAMP" ]; then
    mkdir -p "$PREFIX/node"
    cp "$REPO/class/package.json" "$PREFIX/node/package.json"
    npm install --prefix "$PREFIX/node" --omit=dev --no-audit --no-fund --loglevel=error >/dev/null
    echo "$NODE_STAMP" > "$PREFIX/node/.stamp"
fi

# The course itself, at every run: the library (no dependencies, they are above), the kernel the notebooks name,
# the Voilà template and configuration, JupyterLab's default locale, the lessons.
"$PY" -m pip install --quiet --no-deps --force-reinstall --no-build-isolation "$SRC" >"$PREFIX/install.log" 2>&1 || {
    cat "$PREFIX/install.log" >&2; exit 1; }
"$PY" -m ipykernel install --sys-prefix --name kiemtra --display-name "Python 3 (kiemtra)" >/dev/null
mkdir -p "$VENV/share/jupyter/voila/templates" "$VENV/etc/jupyter" "$VENV/share/jupyter/lab/settings"
rm -rf "$VENV/share/jupyter/voila/templates/kiemtra"
cp -r "$REPO/share/jupyter/voila/templates/kiemtra" "$VENV/share/jupyter/voila/templates/kiemtra"
cp "$REPO/voila/voila.py" "$VENV/etc/jupyter/voila.py"
cp "$REPO/class/overrides.json" "$VENV/share/jupyter/lab/settings/overrides.json"
# Voilà as a server extension reads MathJax's URL from the server's settings and defaults to a CDN (no internet here,
# and the course has no LaTeX): none, as `make app` has.
# (the server reads tornado_settings from this file, not from jupyter_server_config.d/)
cp "$REPO/class/jupyter_server_config.json" "$VENV/etc/jupyter/jupyter_server_config.json"
rm -rf "$PREFIX/course.new"
mkdir -p "$PREFIX/course.new"
cp "$REPO"/notebooks/[0-9][0-9]_*.ipynb "$PREFIX/course.new/"
rm -rf "$PREFIX/course"
mv "$PREFIX/course.new" "$PREFIX/course"
chmod -R a+rX,go-w "$PREFIX"
echo "Môi trường lớp học sẵn sàng ở $PREFIX."
