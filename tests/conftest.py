from __future__ import annotations

import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from kyivcli.cli import main
from kyivcli.load import bundled_path

# CI keeps property tests small and deterministic; `bench/fuzz_long.py` picks the long profile
settings.register_profile("ci", max_examples=60, derandomize=True)
settings.register_profile("long", max_examples=3000)
settings.load_profile("ci")

SEED = bundled_path()
SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def tiny_gazetteer_dir(tmp_path_factory) -> Path:
    """A gazetteer built by the real builder from a few real GeoNames rows (fast, offline)."""
    from kyivcli.extract.places.gazetteer import FILE_NAME, build

    rows = json.loads((FIXTURES / "gazetteer_rows.json").read_text(encoding="utf-8"))
    d = tmp_path_factory.mktemp("cache")
    build(d / FILE_NAME, rows["cities"], rows["countries"], states=rows.get("states", ()))
    return d


@pytest.fixture(autouse=True)
def _isolated_cache(tiny_gazetteer_dir, monkeypatch):
    """No test reads or writes the user's cache: every test sees the tiny gazetteer."""
    monkeypatch.setenv("KYIVCLI_CACHE_DIR", str(tiny_gazetteer_dir))
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run kyivcli in-process: cli(*args, stdin=bytes) -> Result."""

    def run(*args: str, stdin: bytes | None = None) -> Result:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        code = 0
        try:
            main(list(args))
        except SystemExit as e:
            code = int(e.code or 0)
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture
def write(tmp_path: Path):
    """write(text_or_bytes, name='a.md') -> path string of a temp file."""

    def make(content: str | bytes, name: str = "a.md") -> str:
        p = tmp_path / name
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
        return str(p)

    return make
