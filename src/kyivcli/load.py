"""Load an article: read bytes (path, stdin or the bundled default), decode, split frontmatter.

Nothing here knows about markdown; it hands the body and the line offset of the body on.
"""

from __future__ import annotations

import datetime as _dt
import re
import sys
from pathlib import Path

from kyivcli.errors import InputError, InputNotFound
from kyivcli.model.document import Source

DEFAULT_ARTICLE = "kyiv-offensive-2022.md"
MAX_BYTES = 200 * 1024 * 1024
_FM_OPEN = re.compile(r"\A---[ \t]*\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def bundled_path() -> Path:
    return Path(__file__).parent / "data" / DEFAULT_ARTICLE


def read_bytes(path: str | None) -> tuple[str, bytes]:
    """Return (display name, raw bytes) for a path, '-' (stdin) or None (the bundled article)."""
    if path is None:
        p = bundled_path()
        return p.name, p.read_bytes()
    if path == "-":
        return "<stdin>", sys.stdin.buffer.read()
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputNotFound(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as e:  # ELOOP: a symbolic link that points at itself, and the like
        raise InputError(f"{path}: cannot open ({e.strerror or e})") from None
    if p.is_dir():
        raise InputNotFound(f"{path}: is a directory, not an article file")
    if st.st_size > MAX_BYTES:
        raise InputError(f"{path}: file is larger than {MAX_BYTES // 2**20} MB")
    try:
        return path, p.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None


def decode(name: str, data: bytes) -> str:
    """Bytes to text, refusing binary and non-UTF-8 input with a one-line reason. UTF-16 with a byte
    order mark (as Windows tools save it) is decoded."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            raise InputError(f"{name}: UTF-16 text that does not decode; convert it to UTF-8 first, "
                             "e.g. iconv -f utf-16 -t utf-8") from None
    if b"\x00" in data[:8192]:
        head = data[:4096]
        if max(head[0::2].count(0), head[1::2].count(0)) * 5 > len(head) * 2:  # every other byte is zero
            raise InputError(f"{name}: looks like UTF-16 text without a byte order mark; convert it to UTF-8 "
                             "first, e.g. iconv -f utf-16 -t utf-8")
        raise InputError(f"{name}: looks like a binary file, not markdown text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            f"{name}: not UTF-8 text (invalid byte 0x{data[e.start]:02x} at offset {e.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _plain(value: object) -> object:
    """Make frontmatter values JSON-safe (YAML may give dates, nested maps, lists)."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def split_frontmatter(text: str) -> tuple[dict[str, object], str, int, list[str]]:
    """Return (metadata, body, body_line, warnings). A bad frontmatter is a warning, not a failure."""
    warnings: list[str] = []
    m = _FM_OPEN.match(text)
    if not m:
        if text.strip():
            warnings.append("no frontmatter: title and metadata are unknown")
        return {}, text, 1, warnings
    close = _FM_CLOSE.search(text, m.end())
    if not close:
        warnings.append("frontmatter opened with '---' on line 1 is never closed; reading the whole file as body")
        return {}, text, 1, warnings
    raw = text[m.end() : close.start()]
    body_start = text.find("\n", close.end())
    body_start = len(text) if body_start < 0 else body_start + 1
    body_line = text.count("\n", 0, body_start) + 1
    body = text[body_start:]
    meta: dict[str, object] = {}
    if raw.strip():
        import frontmatter  # lazy: pulls in PyYAML

        try:
            loaded = frontmatter.YAMLHandler().load(raw)
        except Exception as e:  # noqa: BLE001 - any YAML failure is the user's data, not our bug
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            warnings.append(f"malformed YAML frontmatter ignored ({first})")
            loaded = None
        if isinstance(loaded, dict):
            meta = {str(k): _plain(v) for k, v in loaded.items()}
        elif loaded is not None:
            warnings.append("frontmatter is not a mapping of keys to values; ignored")
    return meta, body, body_line, warnings


def load(path: str | None) -> Source:
    """Read and decode an article; raise KyivError for anything a user must fix."""
    name, data = read_bytes(path)
    return from_text(decode(name, data), name)


def from_text(text: str, name: str = "<text>") -> Source:
    """An article from text already in memory: newlines normalised, frontmatter split."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    warnings: list[str] = []
    if not text.strip():
        warnings.append("the article is empty")
        return Source(name, text, 0, 1, {}, warnings)
    meta, body, body_line, fm_warnings = split_frontmatter(text)
    warnings.extend(fm_warnings)
    return Source(name, text, len(text) - len(body), body_line, meta, warnings)  # (the body ends the text)
