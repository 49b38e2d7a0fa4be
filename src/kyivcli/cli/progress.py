"""The gazetteer's first build, drawn for a person: a Rich bar on a terminal, one line otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any


def gazetteer_progress() -> Callable[[int, int], None]:
    """A callback(done, total) for the gazetteer build; it draws nothing until the build starts."""
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if "bar" not in state:
            from kyivcli.cli.render.console import console

            err = console(stderr=True)
            if not err.is_terminal:  # no bar to draw: say once why this run pauses
                sys.stderr.write("kyivcli: building the GeoNames gazetteer once (a few seconds)\n")
                state["bar"] = None
            else:
                from rich.progress import Progress

                bar = Progress(console=err, transient=True)
                bar.start()
                state["bar"], state["task"] = bar, bar.add_task("Building the GeoNames gazetteer (once)", total=total)
        bar = state["bar"]
        if bar is not None:
            bar.update(state["task"], completed=done, total=total)
            if done >= total:
                bar.stop()
                state["bar"] = None

    return update
