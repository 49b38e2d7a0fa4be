"""Finding one section of a document, and its text as markdown or plain text."""

from __future__ import annotations

import re

from kyivcli.errors import AmbiguousSection, SectionNotFound
from kyivcli.model.document import Document, Section


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


def find_section(doc: Document, query: str) -> Section:
    """By number ('1.2'), slug, exact title, then title fragment (SectionNotFound, AmbiguousSection)."""
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
        raise SectionNotFound(f"no section matches '{query}'")
    names = "; ".join(f"{s.number} {s.title}" for s in hits)
    raise AmbiguousSection(f"'{query}' matches {len(hits)} sections: {names} — give its number")


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
