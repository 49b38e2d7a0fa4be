#!/usr/bin/env python3
"""Accuracy@161 km of kyivcli's places on news geoparsing gold (LGL, GeoVirus, TR-News style).

    python bench/news_geoparse.py PATH [--misses N] [--by-source]

PATH is a file or a folder of files in one of these forms (third-party data: keep it outside the repository):
  * JSON lines: {"id", "text", "toponyms": [[phrase, lat, lon], ...]} (or toponyms as {"name"/"phrase", "lat", "lon"});
  * LGL / TR-News XML: <article><text>..</text><toponyms><toponym><phrase>..<gaztag><lat>..<lon>..;
  * GeoVirus XML: <article><text>..</text><locations><location><name>..<lat>..<lon>...
Gold toponyms without coordinates are left out. Each document is written as a small markdown article (title line
+ text), parsed in process with `kyivcli.parse_text` (one gazetteer for all), and every gold toponym is scored:
found (a place whose name or alias matches the phrase, case-insensitively) and within 161 km of the gold point.
Misses are sorted into: not found / found without coordinates / too far, with examples.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

KM = 161.0


def norm(s: str) -> str:
    s = s.replace("’", "'").replace("‘", "'").replace("`", "'")
    s = re.sub(r"\s+", " ", s).strip().lower()
    return s.strip(" .,;:")


def haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _num(x: str | None) -> float | None:
    try:
        return float(x) if x is not None and x.strip() else None
    except ValueError:
        return None


def read_xml(path: Path) -> list[dict]:
    docs = []
    root = ET.parse(path).getroot()
    for i, art in enumerate(root.iter("article")):
        text = (art.findtext("text") or "").strip()
        title = (art.findtext("title") or "").strip()
        tops = []
        for t in list(art.iter("toponym")) + list(art.iter("location")):
            phrase = t.findtext("phrase") or t.findtext("name") or ""
            g = t.find("gaztag")
            src = g if g is not None else t
            lat, lon = _num(src.findtext("lat")), _num(src.findtext("lon"))
            if phrase and lat is not None and lon is not None:
                tops.append((phrase, lat, lon))
        docs.append({"id": art.get("docid") or f"{path.stem}-{i + 1}", "source": path.stem, "title": title,
                     "text": text, "toponyms": tops})
    return docs


def read_jsonl(path: Path) -> list[dict]:
    docs = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        d = json.loads(line)
        tops = []
        for t in d.get("toponyms", []):
            if isinstance(t, dict):
                t = (t.get("phrase") or t.get("name"), t.get("lat"), t.get("lon"))
            if t[0] and t[1] is not None and t[2] is not None:
                tops.append((t[0], float(t[1]), float(t[2])))
        docs.append({"id": str(d.get("id", f"{path.stem}-{i + 1}")), "source": d.get("source", path.stem),
                     "title": d.get("title", ""), "text": d["text"], "toponyms": tops})
    return docs


def read_gold(path: Path) -> list[dict]:
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    docs = []
    for f in files:
        if f.suffix == ".xml":
            docs += read_xml(f)
        elif f.suffix in (".jsonl", ".json"):
            docs += read_jsonl(f)
    return docs


def markdown(doc: dict) -> str:
    text = re.sub(r"\s+\n", "\n", doc["text"]).strip()
    title = doc.get("title") or ""
    if not title:  # the first sentence is the headline in LGL; otherwise a neutral title
        title = f"Article {doc['id']}"
    return f"# {title.strip()}\n\n{text}\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", help="gold file or folder (JSON lines, LGL/TR-News XML or GeoVirus XML)")
    ap.add_argument("--misses", type=int, default=12, help="examples shown per kind of miss (default 12)")
    ap.add_argument("--by-source", action="store_true", help="also show accuracy per source")
    ap.add_argument("--json", help="write every scored toponym to this JSON file")
    a = ap.parse_args(argv)

    path = Path(a.path)
    if not path.exists():
        print(f"news_geoparse: the gold data path {path} is missing (LGL, GeoVirus or TR-News text + gold; keep it "
              "outside the repository); nothing to score", file=sys.stderr)
        return 2
    docs = read_gold(path)
    if not docs:
        print(f"news_geoparse: no documents found in {path}", file=sys.stderr)
        return 2

    import kyivcli

    t0 = time.perf_counter()
    rows = []
    gaz = None
    for doc in docs:
        art = kyivcli.parse_text(markdown(doc), name=f"{doc['id']}.md", on_warning=lambda _m: None)
        if gaz is None:
            gaz = art.gazetteer
        else:
            art.__dict__["gazetteer"] = gaz  # one gazetteer for every document
        index: dict[str, list] = {}
        for p in art.places:
            for f in {p.name, *p.aliases, *getattr(p, "variants", ())}:
                if f:
                    index.setdefault(norm(f), []).append(p)
        for phrase, lat, lon in doc["toponyms"]:
            cands = index.get(norm(phrase), [])
            with_xy = [p for p in cands if p.lat is not None and p.lon is not None]
            dist = min((haversine((lat, lon), (p.lat, p.lon)) for p in with_xy), default=None)
            if not cands:
                kind = "not found"
            elif dist is None:
                kind = "no coordinates"
            elif dist > KM:
                kind = "too far"
            else:
                kind = "ok"
            best = min(with_xy, key=lambda p: haversine((lat, lon), (p.lat, p.lon))) if with_xy else None
            rows.append({"doc": doc["id"], "source": doc["source"], "phrase": phrase, "lat": lat, "lon": lon,
                         "kind": kind, "km": None if dist is None else round(dist),
                         "got": None if best is None else f"{best.name} [{best.country or '?'}] "
                                                          f"({best.lat:.2f},{best.lon:.2f})"})
    secs = time.perf_counter() - t0

    n = len(rows)
    kinds = Counter(r["kind"] for r in rows)
    ok = kinds["ok"]
    found = n - kinds["not found"]
    print(f"{len(docs)} documents, {n} gold toponyms with coordinates ({secs:.1f} s)")
    print(f"accuracy@161km {ok / n:.3f} ({ok}/{n})   recall (found at all) {found / n:.3f} ({found}/{n})")
    if a.by_source:
        for src in sorted({r["source"] for r in rows}):
            rs = [r for r in rows if r["source"] == src]
            k = sum(r["kind"] == "ok" for r in rs)
            print(f"  {src}: accuracy@161km {k / len(rs):.3f} ({k}/{len(rs)})")
    for kind in ("not found", "no coordinates", "too far"):
        rs = [r for r in rows if r["kind"] == kind]
        print(f"\n{kind}: {len(rs)}")
        top = Counter(r["phrase"] for r in rs).most_common()
        for phrase, c in top[: a.misses]:
            r = next(x for x in rs if x["phrase"] == phrase)
            extra = f" -> {r['got']} {r['km']} km" if r["got"] else ""
            print(f"  {c:3d} x {phrase!r} [{r['doc']}] gold ({r['lat']:.2f},{r['lon']:.2f}){extra}")
    if a.json:
        Path(a.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
