"""Language resources (word lists, patterns) kept as JSON data beside the engines that use them.

Every engine checks its whole resource when it loads (an unknown handler, a pattern that can match
the empty string, a rule without examples fails there, naming the rule). Compiling and checking a few
hundred patterns costs tens of milliseconds, so a resource that passed is remembered by the hash of its
text in the user cache folder (`checked_once`); the next process checks an unchanged file for the
price of a hash and compiles each pattern only when a sentence first needs it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_DIR = Path(__file__).parent


@cache
def _text(name: str) -> str:
    return (_DIR / f"{name}.json").read_text(encoding="utf-8")


@cache
def resource(name: str) -> dict:
    """Load resources/<name>.json once per process."""
    return json.loads(_text(name))


def checked_once(name: str, data: object, check: Callable[[], None]) -> None:
    """Run `check()` (which raises on malformed `data`) unless this exact data passed it before on this
    machine; remember a pass in the cache folder (best effort: an unwritable cache only means checking
    every time). `data` is usually resource(name), hashed by its file text; other data by its JSON."""
    import os
    import zlib  # hashlib would cost milliseconds to import

    import kyivcli

    known = (_DIR / f"{name}.json").exists() and data is resource(name)
    body = _text(name) if known else json.dumps(data, sort_keys=True, ensure_ascii=False)
    raw = f"{kyivcli.__version__}\n{body}".encode()
    digest = f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"
    marker = None
    try:
        from kyivcli.extract.places.gazetteer import cache_dir

        marker = cache_dir() / f"{name}-rules-{digest}.ok"
        if marker.exists():
            return
    except OSError:
        marker = None
    check()
    if marker is None:
        return
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
        for old in marker.parent.glob(f"{name}-rules-*.ok"):
            if old != marker:
                os.unlink(old)
    except OSError:
        pass


def derived(name: str, build: Callable[[], T], *code: Callable[..., object], sources: tuple[str, ...] = (),
            values: tuple[str, ...] = ()) -> T:
    """`build()`, a structure made from resources/<name>.json, kept in the user cache folder (marshal) so a
    later process loads it instead of parsing the JSON and building it again. The file is keyed by the
    resource's text (and that of the other resources in `sources`), the bytecode of `build` and of every
    function in `code` it relies on (a key normaliser, say) and the strings in `values` (module constants
    the build reads, such as a regex macro), so a change to any of them builds anew. `build()` must return
    what marshal can hold (dicts, lists, tuples, sets, str, numbers, None). Best effort: any trouble with
    the cache means building."""
    import marshal
    import zlib

    import kyivcli

    parts = [kyivcli.__version__, *(_text(n) for n in dict.fromkeys((name, *sources)))]
    for fn in (build, *code):
        parts.append(_code_key(getattr(fn, "__wrapped__", fn).__code__))
    parts.extend(values)  # module constants the build reads (a regex macro): not in any bytecode
    raw = "\n".join(parts).encode()
    digest = f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"
    path = None
    try:
        from kyivcli.extract.places.gazetteer import cache_dir

        path = cache_dir() / f"{name}-derived-{digest}.bin"
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    if path is not None:
        keep_file(path, marshal.dumps(value), f"{name}-derived-*.bin")
    return value


def _code_key(value: object) -> str:
    """A function's bytecode, constants and names as text, the same in every process (sets sorted: their order
    follows the string hash seed)."""
    if hasattr(value, "co_code"):
        c = value
        return f"<{c.co_code.hex()}|{_code_key(c.co_consts)}|{c.co_names}>"  # type: ignore[attr-defined]
    if isinstance(value, tuple):
        return "(" + ",".join(_code_key(v) for v in value) + ")"
    if isinstance(value, frozenset):
        return "{" + ",".join(sorted(_code_key(v) for v in value)) + "}"
    return repr(value)


def keep_file(path: Path, data: bytes, old: str) -> None:
    """Write `data` to `path` atomically and remove the other files of its folder matching the glob `old` (older
    versions); best effort: a cache that cannot be written is only slower. Shared by the caches in the user
    cache folder (derived resources here, compiled regexes in kyivcli.rx)."""
    import os
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        for p in path.parent.glob(old):
            if p != path:
                p.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass
