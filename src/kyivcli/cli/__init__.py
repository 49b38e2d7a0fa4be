"""The command line: a thin shell over the library. `main` runs the Typer app and turns every expected
failure into one line on stderr and an exit code (the only place that knows exit codes)."""

from __future__ import annotations

import os
import sys

EXIT_OK = 0
EXIT_RUNTIME = 1  # unreadable input, nothing found
EXIT_USAGE = 2  # bad arguments: unknown option, missing path, ambiguous section
EXIT_INTERRUPTED = 130
EXIT_PIPE = 141

__all__ = ["main"]


def _exit_code(e: Exception) -> tuple[int, str]:
    """The exit code and message for a library error, with the CLI's own hints added."""
    from kyivcli.errors import (
        AmbiguousSection,
        GazetteerError,
        InputNotFound,
        NoMatch,
        QueryError,
        SectionNotFound,
    )

    msg = getattr(e, "message", str(e))
    if isinstance(e, SectionNotFound):
        return EXIT_USAGE, f"{msg} (try `kyivcli sections` to list them)"
    if isinstance(e, (AmbiguousSection, InputNotFound)):
        return EXIT_USAGE, msg
    if isinstance(e, NoMatch):
        return EXIT_RUNTIME, msg
    if isinstance(e, QueryError):
        return EXIT_USAGE, msg
    if isinstance(e, GazetteerError):
        return EXIT_RUNTIME, f"{msg} (KYIVCLI_CACHE_DIR chooses where it lives)"
    return EXIT_RUNTIME, msg


def _report_usage(e: Exception, prog: str) -> int:
    msg = e.format_message() if hasattr(e, "format_message") else str(e)  # type: ignore[attr-defined]
    ctx = getattr(e, "ctx", None)
    where = ctx.command_path if ctx is not None else prog
    sys.stderr.write(f"kyivcli: error: {msg.strip().splitlines()[0] if msg.strip() else msg} "
                     f"(see '{where} --help')\n")
    return EXIT_USAGE


def _stdout_is_pipe() -> bool:
    import stat

    try:
        return stat.S_ISFIFO(os.fstat(sys.stdout.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):
        return False


def _reader_left(wait_s: float = 0.1) -> bool:
    """True when the process reading our stdout pipe has closed it before reading all we wrote (`| head -1`).
    A reader that drains the pipe (jq, cat) ends the wait at once; a slow one is left its data after
    `wait_s`. Linux reports a closed reader as POLLERR on the write end."""
    import fcntl
    import select
    import struct
    import termios
    import time

    fd = sys.stdout.fileno()
    poller = select.poll()
    poller.register(fd, select.POLLOUT)
    deadline = time.monotonic() + wait_s
    drained_at = None
    while True:
        for _, ev in poller.poll(5):
            if ev & select.POLLERR:
                return True
        try:
            unread = struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"))[0]
        except OSError:
            return False
        now = time.monotonic()
        if unread == 0:  # everything was read; a reader that stops after one line closes within moments
            drained_at = drained_at or now
            if now - drained_at > 0.01:
                return False
        if now > deadline:
            return False


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app; turn every expected failure into one stderr line."""
    import typer

    try:  # newer typer vendors click; older ones depend on it
        from typer._click import exceptions as click_exc
    except ImportError:  # pragma: no cover
        from click import exceptions as click_exc  # type: ignore[no-redef]

    from kyivcli.cli.app import app
    from kyivcli.cli.options import UsageError
    from kyivcli.errors import KyivError

    code = EXIT_OK
    piped = _stdout_is_pipe()
    try:
        command = typer.main.get_command(app)
        result = command.main(args=argv, prog_name="kyivcli", standalone_mode=False)
        code = result if isinstance(result, int) else EXIT_OK
    except UsageError as e:
        sys.stderr.write(f"kyivcli: error: {e}\n")
        code = EXIT_USAGE
    except KyivError as e:
        code, msg = _exit_code(e)
        sys.stderr.write(f"kyivcli: error: {msg}\n")
    except typer.Abort:
        sys.stderr.write("\n")
        code = EXIT_INTERRUPTED
    except click_exc.ClickException as e:
        code = _report_usage(e, "kyivcli") if isinstance(e, click_exc.UsageError) else e.exit_code
        if not isinstance(e, click_exc.UsageError):
            sys.stderr.write(f"kyivcli: error: {e.format_message()}\n")
    except typer.Exit as e:
        code = e.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        code = EXIT_INTERRUPTED
    except BrokenPipeError:
        code = EXIT_PIPE
    except SystemExit as e:
        # click answers a closed pipe with exit 1 after wrapping stdout, Rich (printing help) after
        # pointing stdout at /dev/null; report both as SIGPIPE does
        swapped = piped and not _stdout_is_pipe()
        code = EXIT_PIPE if swapped or "PacifyFlushWrapper" in type(sys.stdout).__name__ else (
            e.code if isinstance(e.code, int) else 1)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = EXIT_PIPE
    if piped and code in (EXIT_OK, EXIT_RUNTIME) and _stdout_is_pipe() and _reader_left():
        code = EXIT_PIPE
    if code == EXIT_PIPE:
        # the reader went away (`| head`): silence the flush at interpreter exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(code)
