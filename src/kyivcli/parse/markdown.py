"""Parse a markdown body with mistune into a Document, recovering each block's source line.

mistune keeps no positions, so the block parser is wrapped: every token it appends is stamped with
the offset (`_pos`) where its match began. Top-level blocks get exact lines from that; blocks nested
in lists and quotes are aligned to the source text below their parent's line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from typing import Any

from kyivcli.model.document import Block, Document, Image, Section, Sentence, Source
from kyivcli.parse.debris import blank_debris, debris_meta
from kyivcli.parse.sentences import split_sentences

_markdown = None
_BLANKISH = re.compile(r"\n[ \t]+$", re.MULTILINE)  # from its newline: a search skips to the next newline
_BLANKISH_FIRST = re.compile(r"[ \t]+$", re.MULTILINE)


def _empty_blankish(body: str) -> str:
    """Whitespace-only lines emptied (what `re.sub(r"^[ \t]+$", "", body, flags=re.M)` gives)."""
    first = _BLANKISH_FIRST.match(body)
    if first is not None:
        body = body[first.end():]
    return _BLANKISH.sub("\n", body)


def _parser() -> Any:
    """Build the position-stamping mistune parser once (lazy: mistune costs ~25 ms to import)."""
    global _markdown
    if _markdown is None:
        from mistune import BlockParser, BlockState, Markdown

        class PosState(BlockState):
            def add_paragraph(self, text: str) -> None:
                last = self.last_token()
                if last and last["type"] == "paragraph":
                    last["text"] += text
                    last["_raw"] = last.get("_raw", "") + text
                else:  # _raw keeps leading blank lines that mistune strips before inline parsing
                    self.tokens.append({"type": "paragraph", "text": text, "_pos": self.cursor, "_raw": text})

        class PosBlockParser(BlockParser):
            state_cls = PosState

            def parse_method(self, m: re.Match[str], state: BlockState) -> Any:
                n = len(state.tokens)
                result = super().parse_method(m, state)
                for tok in state.tokens[n:]:
                    tok.setdefault("_pos", m.start())
                return result

        _markdown = Markdown(renderer=None, block=PosBlockParser())
    return _markdown


class _Inline:
    """Flatten inline tokens to plain text, remembering line breaks and images."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.breaks: list[int] = []
        self.images: list[tuple[int, str, str]] = []  # (breaks before it, alt, url)

    def add(self, s: str) -> None:
        # a raw newline inside a text or code span is a new source line too
        for i, chunk in enumerate(s.split("\n")):
            if i:
                self.breaks.append(self.size)
                self._put(" ")
            self._put(chunk)

    def _put(self, s: str) -> None:
        self.parts.append(s)
        self.size += len(s)

    def flatten(self, tokens: list[dict[str, Any]]) -> None:
        for t in tokens:
            kind = t.get("type")
            if kind in ("softbreak", "linebreak"):
                self.breaks.append(self.size)
                self._put(" ")
            elif kind == "image":
                alt = _Inline()
                alt.flatten(t.get("children", []))
                url = str(t.get("attrs", {}).get("url", ""))
                self.images.append((len(self.breaks), alt.text(), url))
            elif kind == "inline_html":
                continue
            elif "children" in t:
                self.flatten(t["children"])
            elif "raw" in t:
                self.add(str(t["raw"]))

    def text(self) -> str:
        return "".join(self.parts)


_MARKUP = re.compile(r"[`*_\[\]()<>#!][`*_\[\]()<>#!]*")  # one mark, then more: a search skips to the next mark


def _realign(inline: _Inline, raw: str) -> None:
    """Rebuild line breaks from the raw text when inline parsing lost some (a code span joins its
    lines with spaces): each raw line starts where its first word next occurs in the plain text."""
    raw_lines = raw.strip("\n").split("\n")
    if len(raw_lines) - 1 <= len(inline.breaks):
        return
    plain, pos, breaks = inline.text(), 0, []
    words_of = [_MARKUP.sub(" ", ln).split() for ln in raw_lines]
    for i in range(1, len(raw_lines)):
        for w in words_of[i - 1]:  # walk past the previous line, word by word
            at = plain.find(w, pos)
            if at >= 0:
                pos = at + len(w)
        at = plain.find(words_of[i][0], pos) if words_of[i] else -1
        if at >= 0:
            breaks.append(at)
    inline.breaks = breaks


def _make_block(kind: str, inline: _Inline, line: int) -> Block | None:
    text = inline.text()
    stripped = text.lstrip()
    shift = len(text) - len(stripped)
    stripped = stripped.rstrip()
    if not stripped:
        return None
    breaks = [b - shift for b in inline.breaks]
    lead = sum(1 for b in breaks if b <= 0)  # breaks before the first character move the start line
    return Block(kind, stripped, line + lead, [b for b in breaks if b > 0])


def _slugify(title: str, used: set[str]) -> str:
    base = re.sub(r"[^\w]+", "-", title.lower()).strip("-") or "section"
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


def _first_text(tok: dict[str, Any]) -> str:
    if "raw" in tok:
        return str(tok["raw"])
    if "text" in tok:
        return str(tok["text"])
    for child in tok.get("children", []) or []:
        t = _first_text(child)
        if t.strip():
            return t
    return ""


class _Builder:
    def __init__(self, source: Source, body: str) -> None:
        self.source = source
        self.body = body
        self.starts = [0] + [m.end() for m in re.finditer("\n", body)]
        self.lead = Section(0, "(lead)", source.body_line, number="0", slug="lead")
        self.current = self.lead
        self.stack: list[Section] = [self.lead]
        self.warnings: list[str] = []

    def line_of(self, pos: int) -> int:
        return self.source.body_line + bisect_right(self.starts, pos) - 1

    @cached_property
    def lines(self) -> list[str]:
        """Lines as the aligner compares them: markup dropped, whitespace folded (only lists and quotes
        are aligned: most articles never need them)."""
        return [" ".join(_MARKUP.sub(" ", ln).split()) for ln in self.body.split("\n")]

    def align(self, text: str, from_line: int) -> int:
        """The first file line at or after from_line that holds the start of `text`."""
        words = _MARKUP.sub(" ", text).split()
        for probe in (" ".join(words)[:24], " ".join(words[:2])):
            if probe:
                for i in range(max(from_line - self.source.body_line, 0), len(self.lines)):
                    if probe in self.lines[i]:
                        return self.source.body_line + i
        return from_line

    def add_prose(self, kind: str, tok: dict[str, Any], line: int) -> None:
        raw = str(tok.get("_raw", ""))
        line += raw[: len(raw) - len(raw.lstrip())].count("\n")
        inline = _Inline()
        inline.flatten(tok.get("children", []))
        if raw and not inline.images:
            _realign(inline, raw)
        for breaks_before, alt, url in inline.images:
            img_line = line + breaks_before
            self.current.images.append(Image(alt, url, img_line))
            if alt.strip():
                self.current.blocks.append(Block("caption", " ".join(alt.split()), img_line))
        block = _make_block(kind, inline, line)
        if block:
            self.current.blocks.append(block)

    def heading(self, tok: dict[str, Any], line: int) -> None:
        inline = _Inline()
        inline.flatten(tok.get("children", []))
        title = " ".join(inline.text().split())
        level = int(tok.get("attrs", {}).get("level", 1))
        prev = self.current
        if not any(ch.isalnum() for ch in title):
            self.warnings.append(f"line {line}: heading without words; its content joins the section above")
            return
        if prev is not self.lead and prev.title.lower() == title.lower() and prev.level == level and prev.empty:
            self.warnings.append(
                f"conversion debris: heading '{title}' repeated on line {line} (first on line {prev.line}); merged")
            return
        while len(self.stack) > 1 and self.stack[-1].level >= level:
            self.stack.pop()
        parent = self.stack[-1]
        sec = Section(level, title, line)
        sec.heading = Block("heading", title, line)
        parent.children.append(sec)
        self.stack.append(sec)
        self.current = sec

    def walk(self, tokens: list[dict[str, Any]], base_line: int | None = None, kind_in: str = "paragraph") -> int:
        """Walk block tokens. Top level: lines from `_pos`; nested: aligned at or after base_line, each
        sibling after the last line its predecessor used. Returns the last line used."""
        cursor = base_line or 0
        last = cursor
        for tok in tokens:
            kind = tok.get("type")
            if base_line is None:
                line = self.line_of(int(tok.get("_pos", 0)))
            else:
                line = self.align(_first_text(tok), cursor)
            last = max(last, line)
            if kind == "heading":
                self.heading(tok, line)
            elif kind in ("paragraph", "block_text"):
                self.add_prose(kind_in, tok, line)
                block = self.current.blocks[-1] if self.current.blocks else None
                if block is not None:
                    last = max(last, block.line + len(block.breaks))
            elif kind == "list":
                self.current.lists += 1
                last = max(last, self.walk(tok.get("children", []), line, "list"))
            elif kind == "list_item":
                last = max(last, self.walk(tok.get("children", []), line, kind_in))
            elif kind == "block_quote":
                last = max(last, self.walk(tok.get("children", []), line, "quote"))
            # block_code, block_html, thematic_break, blank_line: not prose
            if base_line is not None and kind not in ("blank_line",):
                cursor = last + 1 if kind in ("list_item", "paragraph", "block_text") else cursor
        return last

    def finish(self) -> Document:
        used: set[str] = {"lead"}

        def number(sec: Section, prefix: str, path: list[str]) -> None:
            for i, child in enumerate(sec.children, 1):
                child.number = f"{prefix}{i}"
                child.slug = _slugify(child.title, used)
                child.path = [*path, child.title]
                number(child, f"{child.number}.", child.path)

        number(self.lead, "", [])
        index = 0
        for sec in self.lead.walk():
            for block in ([sec.heading] if sec.heading else []) + sec.blocks:
                for offset, text in split_sentences(block.text):
                    sec.sentences.append(Sentence(text, block, offset, sec.number, index, sec.title, sec.level))
                    index += 1
        return Document(self.source, self.lead, self.warnings)


def parse(source: Source) -> Document:
    """Parse a loaded Source into a Document with sections, blocks and sentences."""
    meta, meta_warnings = debris_meta(source.meta)
    source.meta = meta
    body, debris_warnings = blank_debris(source.body, source.body_line)
    # whitespace-only lines are blank (CommonMark); emptied, mistune splits paragraphs there instead
    # of folding them into one soft break, and the line count stays the same
    body = _empty_blankish(body)
    builder = _Builder(source, body)
    if body.strip():
        tokens, _state = _parser().parse(body)
        builder.walk(tokens)
    doc = builder.finish()
    doc.warnings = [*source.warnings, *meta_warnings, *debris_warnings, *doc.warnings]
    return doc
