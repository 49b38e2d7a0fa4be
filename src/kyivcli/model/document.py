"""A parsed article as plain data: source, sections, blocks, sentences.

The tree only points downwards (document → sections → blocks and sentences); a sentence names its
section by number, so `repr` and `dataclasses.asdict` never walk a cycle. Reprs are short.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


def _clip(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


@dataclass
class Source:
    """The text of an article and where it came from."""

    name: str  # what to print: a path, "<stdin>" or the bundled article's name
    text: str  # whole file, newlines normalised to \n, BOM removed
    body_start: int  # offset in `text` where the body (the text after the frontmatter) starts
    body_line: int  # 1-based line of the file where `body` starts
    meta: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The text after the frontmatter (a slice made when asked: a long article is not kept twice)."""
        return self.text[self.body_start:] if self.body_start else self.text

    def __repr__(self) -> str:
        return f"Source({self.name!r}, {len(self.text)} chars, body from line {self.body_line})"


@dataclass(slots=True)
class Block:
    """A run of prose with one source position: a paragraph, heading, caption or list item."""

    kind: str  # paragraph | heading | caption | list | quote
    text: str  # plain text, markup removed
    line: int  # 1-based file line of text[0]
    breaks: list[int] = field(default_factory=list)  # offsets in `text` where a new file line starts

    def line_at(self, offset: int) -> int:
        """File line of the character at `offset` in `text`."""
        return self.line + bisect_right(self.breaks, offset)

    def __repr__(self) -> str:
        return f"Block({self.kind}, line {self.line}, {_clip(self.text)!r})"


@dataclass
class Image:
    alt: str
    url: str
    line: int


_WHERE = {"heading": "heading", "caption": "caption"}  # what a sentence's block kind makes it; else paragraph


@dataclass(slots=True)
class Sentence:
    text: str
    block: Block = field(repr=False)
    start: int  # offset of text[0] in block.text
    section: str  # the number of its section ("0" is the lead)
    index: int = 0  # position in the document, 0-based
    section_title: str = ""
    section_level: int = 0  # markdown heading level of its section (0: the lead)

    @property
    def line(self) -> int:
        return self.block.line_at(self.start)

    @property
    def where(self) -> str:
        return _WHERE.get(self.block.kind, "paragraph")

    def line_of(self, offset: int) -> int:
        """File line of a character at `offset` inside this sentence."""
        return self.block.line_at(self.start + offset)

    def __repr__(self) -> str:
        return f"Sentence(#{self.index}, line {self.line}, §{self.section}, {_clip(self.text)!r})"


@dataclass
class Section:
    level: int  # markdown heading level; 0 for the lead (text before the first heading)
    title: str
    line: int  # line of the heading (first body line for the lead)
    number: str = "0"
    slug: str = ""
    path: list[str] = field(default_factory=list)
    heading: Block | None = None
    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    lists: int = 0
    sentences: list[Sentence] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    @property
    def own_words(self) -> int:
        from kyivcli.parse.sentences import count_words

        return sum(count_words(b.text) for b in self.blocks if b.kind != "heading")

    def walk(self) -> list[Section]:
        out = [self]
        for c in self.children:
            out.extend(c.walk())
        return out

    @property
    def words(self) -> int:
        """Words in this section and its subsections (what `show` prints)."""
        return sum(s.own_words for s in self.walk())

    @property
    def paragraphs(self) -> int:
        return sum(1 for s in self.walk() for b in s.blocks if b.kind == "paragraph")

    @property
    def image_count(self) -> int:
        return sum(len(s.images) for s in self.walk())

    @property
    def empty(self) -> bool:
        return not self.blocks and not self.images and not self.children

    def __repr__(self) -> str:
        return (f"Section({self.number} {_clip(self.title)!r}, line {self.line}, "
                f"{len(self.sentences)} sentences, {len(self.children)} subsections)")


@dataclass
class Document:
    source: Source
    lead: Section  # the root: holds the lead's blocks; its children are the top-level sections
    warnings: list[str] = field(default_factory=list)

    @property
    def sections(self) -> list[Section]:
        """Every heading section in document order (the lead excluded)."""
        return self.lead.walk()[1:]

    @property
    def sentences(self) -> list[Sentence]:
        return [s for sec in self.lead.walk() for s in sec.sentences]

    def section(self, number: str) -> Section:
        """The section with this number ("0" is the lead); KeyError if there is none."""
        for sec in self.lead.walk():
            if sec.number == number:
                return sec
        raise KeyError(number)

    @property
    def title(self) -> str:
        for key in ("title", "subject"):
            v = self.source.meta.get(key)
            if isinstance(v, str) and v.strip():
                return v.strip()
        return self.sections[0].title if self.sections else self.source.name

    def __repr__(self) -> str:
        return f"Document({self.title!r}, {len(self.sections)} sections, {len(self.sentences)} sentences)"
