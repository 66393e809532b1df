"""Voilà configuration of the course app (`make app`, tests/browser).

Voilà reads this file because the app is started with `--Voila.config_file_paths=<this folder>` (see the Makefile
and scripts/voila_app.py); the template lives in share/jupyter/voila/templates/kiemtra, found through
JUPYTER_PATH. Everything a trainee sees from Voilà itself is in Vietnamese.
"""

import json
import os
import re

c = get_config()  # noqa: F821  (traitlets config files receive get_config)

c.VoilaConfiguration.template = "kiemtra"
# The landing page is our own Jinja page (tree.html), not Voilà's JupyterLab file browser (English UI).
c.VoilaConfiguration.classic_tree = True
c.VoilaConfiguration.theme = "light"
c.VoilaConfiguration.strip_sources = True
c.VoilaExporter.language_code = "vi"

c.VoilaExecutor.cell_error_instruction = (
    "Xin báo cho giảng viên hoặc người quản trị khoá học (chạy lại với --show_tracebacks=True để xem chi tiết)."
)
c.VoilaExecutor.cell_timeout_instruction = (
    "Xin tải lại trang; nếu vẫn lỗi, báo cho người quản trị khoá học."
)

# Lessons are the notebooks named like `03_xep_loai_dang_vien.ipynb`; the number gives the course order.
_LESSON = re.compile(r"^(\d{2})_[A-Za-z0-9_]+\.ipynb$")
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
        match = _LESSON.match(name)
        if match:
            lessons.append(
                {
                    "number": match.group(1),
                    "path": f"{relative_to}/{name}" if relative_to else name,
                    "title": _lesson_title(os.path.join(directory, name)),
                }
            )
    return lessons


def _page_config_hook(page_config, *, settings, notebook_path="", **_):
    # Voilà's own settings carry server_root_dir="/"; the folder being served is the contents manager's root.
    root = os.path.expanduser(settings["contents_manager"].root_dir)
    directory = os.path.join(root, notebook_path or "")
    if os.path.isdir(directory):
        page_config["kiemtraCourse"] = course_lessons(directory, (notebook_path or "").strip("/"))
    return page_config


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
