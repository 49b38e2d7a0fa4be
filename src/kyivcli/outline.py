"""The article's structure as plain data: info, the section tree, and finding one section."""

from __future__ import annotations

import re
from typing import Any

from kyivcli.errors import EXIT_USAGE, KyivError
from kyivcli.parse.model import Document, Section

META_KEYS = ("subject", "title", "shortDescription", "description", "author", "pubDate")


def section_node(sec: Section, depth: int | None = None) -> dict[str, Any]:
    node: dict[str, Any] = {
        "title": sec.title, "level": sec.level, "number": sec.number, "slug": sec.slug, "line": sec.line,
        "words": sec.words, "paragraphs": sec.paragraphs, "images": sec.image_count,
    }
    go_deeper = depth is None or depth > 1
    node["children"] = [section_node(c, None if depth is None else depth - 1) for c in sec.children] if go_deeper else []
    return node


def section_tree(doc: Document, depth: int | None = None) -> list[dict[str, Any]]:
    return [section_node(s, depth) for s in doc.lead.children]


def info(doc: Document) -> dict[str, Any]:
    meta = doc.source.meta
    out: dict[str, Any] = {"file": doc.source.name, "title": doc.title}
    for key in META_KEYS[2:]:
        if key in meta:
            out[key] = meta[key]
    out["counts"] = {
        "sections": len(doc.sections),
        "paragraphs": doc.lead.paragraphs,
        "sentences": len(doc.sentences),
        "words": doc.lead.words,
        "images": doc.lead.image_count,
    }
    out["warnings"] = list(doc.warnings)
    return out


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


def find_section(doc: Document, query: str) -> Section:
    """By number ('1.2'), slug, exact title, then title fragment. Ambiguous or unknown: KyivError(2)."""
    q = _norm(query).rstrip(".")
    sections = doc.sections
    if q in ("0", "lead"):
        return doc.lead
    for test in (lambda s: s.number == q, lambda s: s.slug == q, lambda s: _norm(s.title) == q):
        hits = [s for s in sections if test(s)]
        if len(hits) == 1:
            return hits[0]
    hits = [s for s in sections if q and q in _norm(s.title)]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise KyivError(f"no section matches '{query}' (try `kyivcli sections` to list them)", EXIT_USAGE)
    names = "; ".join(f"{s.number} {s.title}" for s in hits)
    raise KyivError(f"'{query}' matches {len(hits)} sections: {names} — give its number", EXIT_USAGE)


def section_markdown(doc: Document, sec: Section) -> str:
    """The section's source text (heading through its last subsection), debris removed."""
    lines = doc.source.text.split("\n")
    start = sec.line - 1
    following = [s for s in doc.sections if s.line > sec.line and s.level <= sec.level and sec.level > 0]
    if sec is doc.lead:
        end = doc.sections[0].line - 1 if doc.sections else len(lines)
        start = doc.source.body_line - 1
    else:
        end = following[0].line - 1 if following else len(lines)
    from kyivcli.parse.debris import blank_debris

    text, _ = blank_debris("\n".join(lines[start:end]), start + 1)
    return "\n".join(ln.rstrip() for ln in text.split("\n")).strip() + "\n"


def section_plain(sec: Section) -> str:
    parts: list[str] = []
    for s in sec.walk():
        if s.heading:
            parts.append(f"{s.number} {s.title}")
        parts.extend(b.text for b in s.blocks)
    return "\n\n".join(parts) + "\n"
