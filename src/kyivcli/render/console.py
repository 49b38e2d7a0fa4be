"""The Rich console for human output (lazy: Rich costs ~30 ms to import). Honours NO_COLOR/non-TTY."""

from __future__ import annotations

from typing import Any, TextIO


def console(out: TextIO | None = None, stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(file=out, stderr=stderr, highlight=False, soft_wrap=False)
