"""Voilà configuration of the course app (`make app`, tests/browser).

Voilà reads this file because the app is started with `--Voila.config_file_paths=<this folder>` (see the Makefile
and kiemtra_lib/course/app.py); the template lives in share/jupyter/voila/templates/kiemtra, found through
JUPYTER_PATH. Everything a trainee sees from Voilà itself is in Vietnamese.
"""

import json
import os
import re

from kiemtra_lib.course.lessons import lesson_number

c = get_config()  # noqa: F821  (traitlets config files receive get_config)

c.VoilaConfiguration.template = "kiemtra"
# The landing page is our own Jinja page (tree.html), not Voilà's JupyterLab file browser (English UI).
c.VoilaConfiguration.classic_tree = True
c.VoilaConfiguration.theme = "light"
c.VoilaConfiguration.strip_sources = True
c.VoilaExporter.language_code = "vi"

c.VoilaExecutor.cell_error_instruction = (
    "Xin báo cho giảng viên hoặc người quản trị khóa học (chạy lại với --show_tracebacks=True để xem chi tiết)."
)
c.VoilaExecutor.cell_timeout_instruction = (
    "Xin tải lại trang; nếu vẫn lỗi, báo cho người quản trị khóa học."
)

# Lessons are the notebooks named as kiemtra_lib/course/lessons.py says; the number gives the course order.
_HEADING = re.compile(r"^\s*#\s+(.+?)\s*#*\s*$", re.MULTILINE)
# The landing page shows "Bài 03" itself; a heading "Bài 03. Xếp loại ..." keeps only what follows the number.
_NUMBER_PREFIX = re.compile(r"^Bài\s+\d+\s*[.:–—-]?\s*")


def _lesson_title(path):
    """The notebook's first level-1 Markdown heading, or its file name when it has none."""
    try:
        with open(path, encoding="utf-8") as fh:
            nb = json.load(fh)
    except (OSError, ValueError):
        return os.path.basename(path)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        match = _HEADING.search(source)
        if match:
            return _NUMBER_PREFIX.sub("", match.group(1)) or match.group(1)
    return os.path.basename(path)


def course_lessons(directory, relative_to=""):
    """The lessons found in `directory`, in course order: dicts with number ("03"), path (for the URL) and title."""
    lessons = []
    for name in sorted(os.listdir(directory)):
        number = lesson_number(name) if name.endswith(".ipynb") else None
        if number:
            lessons.append(
                {
                    "number": number,
                    "path": f"{relative_to}/{name}" if relative_to else name,
                    "title": _lesson_title(os.path.join(directory, name)),
                }
            )
    return lessons


def _page_config_hook(page_config, *, settings, notebook_path="", **kwargs):
    # Voilà's own settings carry server_root_dir="/"; the folder being served is the contents manager's root.
    root = os.path.expanduser(settings["contents_manager"].root_dir)
    relative = (notebook_path or "").strip("/")  # under a hub the tree's path is "/", which os.path.join takes as /
    directory = os.path.join(root, relative)
    if os.path.isdir(directory):
        page_config["kiemtraCourse"] = course_lessons(directory, relative)
        page_config["kiemtraExercises"] = class_exercises(directory, relative)
    if os.environ.get("JUPYTERHUB_SERVICE_PREFIX"):  # a class server (class/): JupyterLab one click away
        page_config["kiemtraLabUrl"] = kwargs.get("base_url", os.environ["JUPYTERHUB_SERVICE_PREFIX"]) + "lab"
    return page_config


# A class server (class/, issue 15) copies each trainee's own exercise notebooks into ~/bai_tap/.
EXERCISE_DIR = "bai_tap"


def class_exercises(directory, relative_to=""):
    """The exercise notebooks in `directory`/bai_tap, with the title each gives itself."""
    folder = os.path.join(directory, EXERCISE_DIR)
    if not os.path.isdir(folder):
        return []
    prefix = f"{relative_to}/{EXERCISE_DIR}" if relative_to else EXERCISE_DIR
    return [{"path": f"{prefix}/{name}", "title": _lesson_title(os.path.join(folder, name))}
            for name in sorted(os.listdir(folder)) if name.endswith(".ipynb") and not name.startswith(".")]


c.VoilaConfiguration.page_config_hook = _page_config_hook


def _set_xsrf_cookie(request_handler, notebook, cwd):
    """Give the page its `_xsrf` cookie before the kernel starts.

    When a trainee leaves or reloads a page, Voilà's widget manager posts `voila/api/shutdown/<kernel>` with the
    `_xsrf` cookie's value; nothing in Voilà's page sets that cookie, so the post is refused (403) and every visit
    leaves a kernel running on the server (voila #1458). Reading `xsrf_token` makes Tornado set the cookie.
    """
    request_handler.xsrf_token  # noqa: B018  (the property sets the cookie)
    return None


c.VoilaConfiguration.prelaunch_hook = _set_xsrf_cookie
