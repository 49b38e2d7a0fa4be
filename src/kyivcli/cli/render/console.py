"""The Rich console for human output (lazy: Rich costs ~30 ms to import). Honours NO_COLOR/non-TTY."""

from __future__ import annotations

from typing import Any, TextIO


def console(out: TextIO | None = None, stderr: bool = False) -> Any:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1 here; let cli.main end quietly with the conventional 141 instead
            raise BrokenPipeError

    return _Console(file=out, stderr=stderr, highlight=False, soft_wrap=False)
