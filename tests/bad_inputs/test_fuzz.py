"""Property test: random markdown never crashes kyivcli, and what it reports is consistent.

Invariants: no exception; every reported line lies inside the file and the mention's text is on
that line; every value is TIMEX3-shaped (calendar dates parse); events honour --from/--to; JSON
round-trips. `bench/fuzz_long.py` runs the same property for much longer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyivcli.cli import main

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WORDS = ["the", "forces", "advanced", "near", "and", "captured", "town", "of", "on", "by", "Kyiv", "Bucha",
         "Irpin", "Hostomel", "Paris", "Mr.", "U.S.", "a.m.", "5th Guards Tank Brigade", "79th Air Assault Brigade",
         "Wagner Group", "Kyiv Oblast", "Irpin River", "the next day", "that day", "early March", "two days",
         "8:00 a.m.", "1941", "480 BC", "the 1920s", "Київ", "**bold**", "*it*", "`code`", "[link](http://x)",
         "(", ")", ",", "—", "–", "3-4 March", "Between 22 and 24 March", "mid-June", "the following year"]

TIMEX = re.compile(
    r"^(?:BC\d{4}|\d{3}X|\d{4})(?:-(?:\d{2}|SP|SU|FA|WI)(?:-\d{2})?)?(?:T(?:\d{2}:\d{2}|MO|MI|AF|EV|NI))?"
    r"(?:/(?:BC)?\d{4}-\d{2}-\d{2})?$|^T(?:\d{2}:\d{2}|MO|MI|AF|EV|NI)$|^P(?:T?[\dX]+(?:\.\d+)?[HMDWY])(?:/PT?\d+[HMDWY])?$"
    r"|^(?:PRESENT|PAST|FUTURE)_REF$")


@st.composite
def dates(draw):
    d = draw(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2050, 12, 31)))
    style = draw(st.sampled_from(["dmy", "mdy", "dm", "iso", "bad"]))
    m = MONTHS[d.month - 1]
    return {"dmy": f"{d.day} {m} {d.year}", "mdy": f"{m} {d.day}, {d.year}", "dm": f"{d.day} {m}",
            "iso": d.isoformat(), "bad": f"{draw(st.integers(29, 40))} {m}"}[style]


sentence = st.lists(st.one_of(st.sampled_from(WORDS), dates(), st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=6)), min_size=1, max_size=14).map(
    lambda ws: " ".join(ws) + ".")
block = st.one_of(
    st.tuples(st.integers(1, 4), sentence).map(lambda t: "#" * t[0] + " " + t[1]),
    st.lists(sentence, min_size=1, max_size=3).map(" ".join),
    st.lists(sentence, min_size=1, max_size=3).map(lambda ss: "\n".join(f"- {s}" for s in ss)),
    sentence.map(lambda s: f"> {s}"),
    sentence.map(lambda s: f"```\n{s}\n```"),
    sentence.map(lambda s: f"![{s}](x.png)"),
    st.just("[object Object]"),
)
document = st.tuples(
    st.sampled_from(["", "---\ntitle: T\n---\n", "---\n: :\n---\n", "---\nbroken: [\n---\n", "---\n"]),
    st.lists(block, max_size=10),
    st.sampled_from(["\n\n", "\n", "\r\n\r\n"]),
).map(lambda t: t[0] + t[2].join(t[1]))


def run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(list(args))
        except SystemExit as e:
            code = int(e.code or 0)
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue()


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(document, st.dates(min_value=dt.date(1850, 1, 1), max_value=dt.date(2040, 1, 1)), st.integers(0, 400))
def test_random_markdown(tmp_path_factory, text, lo_day, span):
    path = tmp_path_factory.mktemp("fuzz") / "doc.md"
    path.write_bytes(text.encode("utf-8"))
    lines = text.replace("\r\n", "\n").split("\n")
    for cmd in ("dates", "units", "places", "events", "sections"):
        code, out = run(cmd, str(path), "--json")
        assert code == 0
        data = json.loads(out)
        assert json.loads(json.dumps(data)) == data
        if cmd == "sections":
            continue
        for item in data:
            for n in item.get("lines", [item.get("line")]):
                assert 1 <= n <= len(lines)
            if cmd == "dates":
                first = item["text"].split()[0]
                assert first in lines[item["line"] - 1].replace("\\", ""), (item, lines[item["line"] - 1])
                v = item["value"]
                assert v is None or TIMEX.match(v), v
                if v and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
                    dt.date.fromisoformat(v)
    lo, hi = lo_day.isoformat(), (lo_day + dt.timedelta(days=span)).isoformat()
    code, out = run("events", str(path), "--from", lo, "--to", hi, "--json")
    for e in json.loads(out):
        assert lo <= e["date"].split("/")[0] and e["date"].split("/")[-1] <= hi
