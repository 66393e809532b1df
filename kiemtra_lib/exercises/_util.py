"""Small helpers shared by the exercise modules: canonical JSON, digests, per-item seeds, atomic writes."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

__all__ = ["canonical_json", "digest", "item_seed", "atomic_write_text", "atomic_write_bytes", "nfc"]

#: Bump when the way seeds are derived changes (a new version gives new variants; stored keys stay valid).
SEED_SCHEME = "kiemtra-seed-v1"


def canonical_json(data: Any) -> str:
    """One text per value: sorted keys, no spaces, UTF-8 kept; what every digest is taken over."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def digest(data: Any, length: int = 16) -> str:
    """A short SHA-256 hex digest of the canonical JSON of ``data``."""
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()[:length]


def item_seed(class_seed: int, spec_id: str, trainee_id: str, item: str = "") -> int:
    """A stable 64-bit seed for one item of one trainee's variant of one exercise.

    Each (class seed, exercise, trainee, item) gets its own seed from SHA-256, not from Python's ``hash`` (salted
    per process) nor from one shared seed (PrairieLearn #2258: one seed for several parts gave every part the same
    answer). Changing one item, or adding one, leaves the others unchanged.

    >>> item_seed(2026, "t01", "HV001", "start") == item_seed(2026, "t01", "HV001", "start")
    True
    >>> item_seed(2026, "t01", "HV001", "start") != item_seed(2026, "t01", "HV002", "start")
    True
    """
    text = "|".join([SEED_SCHEME, str(int(class_seed)), spec_id, trainee_id, item])
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def nfc(text: Any) -> str:
    """Free text as NFC, trimmed (Vietnamese typed on some systems arrives decomposed)."""
    return unicodedata.normalize("NFC", str(text)).strip()


def atomic_write_bytes(path: str | os.PathLike, data: bytes, *, durable: bool = True, mode: int = 0o644) -> Path:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new one, never half of one:
    a temporary file in the same folder, flushed and fsynced, then ``os.replace``.

    ``durable=False`` skips the fsyncs (still atomic, but a power cut may lose the newest version): for files that
    can be rebuilt, such as the hundreds of notebooks of a build. ``mode``: the file's permissions (the answer key
    is written 0o600: instructor only)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    if not durable:
        return path
    try:  # make the rename itself durable where the platform allows it
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass
    return path


def atomic_write_text(path: str | os.PathLike, text: str, *, durable: bool = True, mode: int = 0o644) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"), durable=durable, mode=mode)
