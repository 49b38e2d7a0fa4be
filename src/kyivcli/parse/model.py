"""Moved to kyivcli.model.document; kept so older imports keep working until they are updated."""

from kyivcli.model.document import Block, Document, Image, Section, Sentence

__all__ = ["Block", "Document", "Image", "Section", "Sentence"]
