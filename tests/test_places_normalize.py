"""The gazetteer's name key: the plain-ASCII fast path gives the same key as the general one."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from kyivcli.extract.places.gazetteer import _MARKS, _SEPARATORS, normalize


def _general(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", s.lower().translate(_MARKS)).strip()


@given(st.text(alphabet="abcXYZ -.'`\t\n\x0b\x0c\r\x1c\x1f_,()’–é", max_size=14))
def test_the_ascii_path_keys_names_as_the_general_one(name):
    assert normalize.__wrapped__(name) == _general(name)


def test_keys():
    assert normalize("Vasyl'kiv") == "vasylkiv"
    assert normalize("  St.  Vith ") == "st vith"
    assert normalize("Kyiv’s") == "kyivs"
    assert normalize("Al ‘Alamayn") == "al alamayn"
    assert normalize("Dnipro–Donbas") == "dnipro donbas"
