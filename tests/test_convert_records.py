"""Records built in batches by kyivcli.index.convert are the dataclasses' own instances, field for field."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields

import pytest

import kyivcli


def test_batch_built_records_equal_their_classes_own() -> None:
    art = kyivcli.parse_text("On 24 February 2022 the Russian 1st Guards Tank Army crossed the border. "
                             "By 3 March 2022 the 1st Guards Tank Army had reached the river.\n")
    recs = [*art.dates, *art.units, *art.events()]
    assert recs and any(type(r).__name__ == "Unit" for r in recs)
    for rec in recs:
        cls = type(rec)
        again = cls(**{f.name: getattr(rec, f.name) for f in fields(cls)})
        assert again == rec and hash(again) == hash(rec)
        assert not hasattr(rec, "__dict__")  # slotted: a record costs its fields, no dict
        with pytest.raises(FrozenInstanceError):
            rec.line = 0  # type: ignore[misc]
