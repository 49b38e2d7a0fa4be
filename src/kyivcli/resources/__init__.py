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
