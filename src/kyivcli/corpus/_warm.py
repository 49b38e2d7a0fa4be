"""Imported once by the worker processes' fork server: extract a short article so that patterns compiled
on first use are compiled there, once, and every worker forks warm. Leaves no open connection behind."""

from __future__ import annotations

SAMPLE = """---
title: Battle of Irpin
---
# Battle of Irpin

On 27 February 2022, Russian forces of the 36th Combined Arms Army attacked Irpin near Kyiv. The next day the
72nd Mechanized Brigade held the bridge over the Irpin River, in Kyiv Oblast.
"""


def warm() -> None:
    from kyivcli.corpus import rows

    try:
        rows.extract_rows(SAMPLE, "warm.md")
        from kyivcli import rx

        rx.save()  # the fork server never exits normally: what it compiled is kept now
    except Exception:  # noqa: BLE001, S110 - warming is an optimisation; the real work reports real errors
        pass
    finally:
        for gz in rows._GAZETTEERS.values():  # noqa: SLF001 - a connection must not cross the fork
            gz.con.close()
        rows._GAZETTEERS.clear()  # noqa: SLF001


warm()
