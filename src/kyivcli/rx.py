"""Regular expressions compiled once per machine, not once per process.

The extractors hold a few hundred patterns; CPython parses and compiles each one again in every new
process, which is most of a command's cold start. `compile` keeps what the compiler produced (the
pattern's SRE code, flags and groups) in a file in the user cache folder, keyed by the Python build and
the SRE format, and later processes rebuild each pattern from it without parsing. Anything unexpected
(another Python, a damaged file, a pattern the format cannot hold) falls back to `re.compile`, and the
regex engine validates the code it is given, so the result is always the pattern asked for.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from typing import Any

_memo: dict[tuple[str, int], re.Pattern[str]] = {}
_MAX_KEPT = 4000  # patterns kept on disk; the extractors hold a few hundred (patterns built from one
# document's own words are compiled with re.compile and never kept)
_disk: dict[tuple[str, int], tuple[Any, ...]] | None = None
_added = 0  # patterns compiled by this process since the cache file was last written
_registered = False  # the exit hook that writes them
_FORMAT = "b"  # the SRE code of each pattern kept as packed machine words (bytes), not a list of ints: a
# process reads the whole file but unpacks only the patterns it uses (~10x less to unmarshal)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - the re module's verb
    """`re.compile(pattern, flags)`, built from this machine's cache when it was compiled before."""
    key = (pattern, int(flags))
    rx = _memo.get(key)
    if rx is None:
        rx = _memo[key] = _build(pattern, int(flags))
    return rx


def _path() -> Any:
    import _sre

    import kyivcli
    from kyivcli.extract.places.gazetteer import cache_dir

    tag = (f"{sys.implementation.cache_tag}.{sys.version_info.micro}-{_sre.MAGIC}-{_sre.CODESIZE}-{kyivcli.__version__}"
           f"-{_FORMAT}")
    return cache_dir() / f"regex-{tag}.bin"


def _read() -> dict[tuple[str, int], tuple[Any, ...]]:
    import marshal

    try:
        data = marshal.loads(_path().read_bytes())  # marshal.load(file) reads in small pieces: ~20x slower
        return data if isinstance(data, dict) else {}
    except (OSError, EOFError, ValueError, TypeError):
        return {}


@cache
def _array_type() -> str:
    """The array type code of one SRE code word ("" when none fits: then the code is kept as a list)."""
    import _sre
    from array import array

    return next((t for t in "IL" if array(t).itemsize == _sre.CODESIZE), "")


def _pack(code: list[int]) -> bytes | list[int]:
    from array import array

    t = _array_type()
    return array(t, code).tobytes() if t else code


def _unpack(code: bytes) -> list[int]:
    from array import array

    return array(_array_type(), code).tolist()


def _build(pattern: str, flags: int) -> re.Pattern[str]:
    global _disk, _added, _registered
    import _sre

    if _disk is None:
        _disk = _read()
    entry = _disk.get((pattern, flags))
    if entry is not None:
        try:
            flags_, code, *rest = entry
            rx = _sre.compile(pattern, flags_, _unpack(code) if isinstance(code, bytes) else code, *rest)
            if rx.pattern == pattern:
                return rx
        except Exception:  # noqa: BLE001 - any doubt: compile it the ordinary way
            pass
    try:
        from re import _compiler, _parser  # the steps of re.compile, kept apart to keep their output

        p = _parser.parse(pattern, flags)
        code = _compiler._code(p, flags)
        groupindex = dict(p.state.groupdict)
        indexgroup = [None] * p.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        ints = [int(c) for c in code]  # plain ints (the compiler's opcodes are int subclasses)
        rx = _sre.compile(pattern, int(flags | p.state.flags), ints, p.state.groups - 1, groupindex, tuple(indexgroup))
        entry = (int(flags | p.state.flags), _pack(ints), p.state.groups - 1, groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - another Python's internals: the public way
        return re.compile(pattern, flags)
    if not _registered:
        import atexit

        atexit.register(_save)
        _registered = True
    _disk[(pattern, flags)] = entry
    _added += 1
    return rx


def save() -> None:
    """Write the patterns this process compiled to the cache file now, not only at exit: a process pool's
    worker leaves through os._exit, which runs no exit hook (the corpus indexer's workers call this)."""
    global _added
    _save()
    _added = 0


def _save() -> None:
    """Write the cache when this process compiled something new (atomically; best effort)."""
    import marshal

    from kyivcli.resources import keep_file

    if not _added or _disk is None:
        return
    try:
        path = _path()
        merged = {**_read(), **_disk}  # another process may have added patterns meanwhile
        if len(merged) > _MAX_KEPT:  # something compiles ever-new patterns: keep this run's only
            merged = dict(_disk)
        keep_file(path, marshal.dumps(merged), "regex-*.bin")
    except (OSError, ValueError):
        pass
