"""One error family for bad input: every message is Vietnamese and names the field and the value."""

from __future__ import annotations

import errno
import itertools
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

__all__ = ["InputError", "Problem", "MAX_PROBLEMS", "os_error_message", "sqlite_error_message", "SaveError"]

#: An ``InputError`` keeps and shows at most this many problems, and says how many there were in all: a file with
#: a bad value on each of two million rows must give a message a person can read, built in little time.
MAX_PROBLEMS = 50
_MAX_VALUE_CHARS = 200  # a 5,000-digit number or a whole paragraph is shown cut, with its length


def _show(value: Any) -> str:
    try:
        text = f"«{value}»" if isinstance(value, str) else repr(value)
    except Exception:  # a value whose repr fails must not hide the message about it
        text = f"<{type(value).__name__}>"
    if len(text) > _MAX_VALUE_CHARS:
        text = f"{text[:_MAX_VALUE_CHARS]}… ({len(text)} ký tự)"
    return text


@dataclass(frozen=True)
class Problem:
    """One bad value: where it is (row, field), what it is, and what was expected."""

    field: str
    value: Any
    allowed: str | Sequence[Any] | None = None
    row: Any = None
    why: str | None = None

    def message(self) -> str:
        where = f"trường «{self.field}»"
        if self.row is not None:
            where = f"dòng {self.row}, cột «{self.field}»"
        text = f"Giá trị không hợp lệ ở {where}: {_show(self.value)}."
        if self.why:
            text += f" {self.why.rstrip('.')}."
        if self.allowed is not None:
            allowed = self.allowed if isinstance(self.allowed, str) else ", ".join(map(str, self.allowed))
            text += f" Giá trị cho phép: {allowed}."
        return text


class InputError(ValueError):
    """Bad input to ``kiemtra_lib``.

    ``InputError("ngày", "31/02/2025", allowed="một ngày có thật, dạng dd/mm/yyyy")`` names one bad value;
    ``InputError.many(problems)`` reports the bad values of a table at once: the first ``MAX_PROBLEMS`` of them are
    kept in ``problems`` and shown, and ``total`` says how many there were in all (nothing is dropped silently).

    >>> str(InputError("cấp kiểm tra", "huyen", allowed=["trung_uong", "tinh", "co_so"]))
    'Giá trị không hợp lệ ở trường «cấp kiểm tra»: «huyen». Giá trị cho phép: trung_uong, tinh, co_so.'
    """

    def __init__(self, field: str, value: Any = None, *, allowed: str | Sequence[Any] | None = None,
                 row: Any = None, why: str | None = None, rule_id: str | None = None,
                 problems: Iterable[Problem] = (), total: int | None = None):
        kept = tuple(itertools.islice(problems, MAX_PROBLEMS + 1))
        self.problems: tuple[Problem, ...] = kept[:MAX_PROBLEMS] or (Problem(field, value, allowed, row, why),)
        #: how many bad values there were in all (``len(problems)`` when there were no more than MAX_PROBLEMS)
        self.total = max(int(total or 0), len(kept), len(self.problems))
        first = self.problems[0]
        self.field, self.value, self.allowed, self.row, self.why = (
            first.field, first.value, first.allowed, first.row, first.why)
        self.rule_id = rule_id
        super().__init__(self._render())

    @classmethod
    def many(cls, problems: Iterable[Problem], *, rule_id: str | None = None,
             total: int | None = None) -> "InputError":
        """One error for many problems. ``problems`` may be long (a list) or lazy (a generator: only the first
        ``MAX_PROBLEMS`` + 1 are taken from it); ``total`` is the count of all of them when the caller knows it
        without listing them all."""
        if isinstance(problems, (list, tuple)):
            total = max(int(total or 0), len(problems))
        problems = tuple(itertools.islice(problems, MAX_PROBLEMS + 1))
        if not problems:
            raise ValueError("InputError.many needs at least one problem")
        first = problems[0]
        return cls(first.field, first.value, rule_id=rule_id, problems=problems, total=total)

    def _render(self) -> str:
        lines = [p.message() for p in self.problems]
        suffix = f" (quy tắc {self.rule_id})" if self.rule_id else ""
        if len(lines) == 1 and self.total == 1:
            return lines[0] + suffix
        if self.total > len(lines):
            head = f"Có {self.total} giá trị không hợp lệ{suffix}; {len(lines)} giá trị đầu tiên:"
            tail = [f"… và {self.total - len(lines)} giá trị khác (sửa các giá trị trên rồi nạp lại để xem tiếp)."]
        else:
            head, tail = f"Có {len(lines)} giá trị không hợp lệ{suffix}:", []
        return "\n".join([head, *("- " + line for line in lines), *tail])


class SaveError(InputError):
    """A file could not be written (disk full, read-only folder, no permission): the message names the path, and
    what was there before is left as it was."""

    def __init__(self, exc: OSError, path: Any = None):
        self.os_error = exc
        where = str(path if path is not None else (exc.filename or "(không rõ)"))
        super().__init__("tệp", where, why=_os_reason(exc))


_OS_REASONS = {
    errno.ENOSPC: "Ổ đĩa đã đầy: hãy giải phóng chỗ trống rồi làm lại",
    errno.EDQUOT: "Đã hết hạn mức dung lượng của tài khoản: hãy giải phóng chỗ trống rồi làm lại",
    errno.EROFS: "Thư mục chỉ cho đọc: hãy chọn một thư mục ghi được",
    errno.EACCES: "Không có quyền ghi hoặc đọc ở đây: hãy chọn thư mục khác hoặc nhờ người quản trị cấp quyền",
    errno.EPERM: "Không được phép thao tác với tệp này: hãy chọn thư mục khác hoặc nhờ người quản trị cấp quyền",
    errno.ENOENT: "Không tìm thấy tệp hoặc thư mục",
    errno.EISDIR: "Đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "Một phần của đường dẫn không phải thư mục",
    errno.EEXIST: "Đã có tệp hoặc thư mục ở đây",
    errno.ENAMETOOLONG: "Tên tệp quá dài",
}


def _os_reason(exc: OSError) -> str:
    return _OS_REASONS.get(exc.errno, f"Lỗi của hệ điều hành khi đọc hoặc ghi tệp ({exc.strerror or exc})")


def os_error_message(exc: OSError) -> str:
    """A Vietnamese line for an ``OSError``, naming the path (for the command line and the app).

    >>> import errno
    >>> os_error_message(OSError(errno.ENOSPC, "No space left on device", "/tmp/bao_cao.xlsx"))
    'Lỗi khi đọc hoặc ghi tệp «/tmp/bao_cao.xlsx»: Ổ đĩa đã đầy: hãy giải phóng chỗ trống rồi làm lại.'
    """
    path = exc.filename if exc.filename is not None else "(không rõ)"
    extra = f" (và «{exc.filename2}»)" if getattr(exc, "filename2", None) else ""
    return f"Lỗi khi đọc hoặc ghi tệp «{path}»{extra}: {_os_reason(exc)}."



def sqlite_error_message(exc: Exception, path: Any = None) -> str:
    """A Vietnamese line for ``sqlite3.OperationalError`` (the gradebook), naming the database file when known."""
    text = str(exc).lower()
    where = f"«{path}»" if path else "(SQLite)"
    if "full" in text:
        why = _OS_REASONS[errno.ENOSPC]
    elif "readonly" in text or "read-only" in text:
        why = _OS_REASONS[errno.EROFS]
    elif "unable to open" in text:
        why = "Không mở được tệp: thư mục không tồn tại hoặc không có quyền"
    elif "locked" in text or "busy" in text:
        why = "Sổ điểm đang được một chương trình khác ghi: hãy đợi rồi chạy lại"
    else:
        why = f"Lỗi của SQLite ({exc})"
    return f"Lỗi khi đọc hoặc ghi sổ điểm {where}: {why}."
