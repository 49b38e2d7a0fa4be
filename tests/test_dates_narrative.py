"""The narrative reference: asides do not derail it; spans, lists and parts of days are one expression."""

import kyivcli

ARTICLE = """# Battle of Testville

The Battle of Testville began on 24 February 2022, when Russian forces crossed the border.

## Background

In July 2021, Russia massed troops near the border. The Dachau Trials of 1946 were cited by officials.

## Battle

On 27 February, Russian troops entered the city. Thirteen days later, the 5th brigade withdrew.
The next morning the city was shelled. The massacres of December 18, 19, and 20 were remembered.
Fighting continued from February to May 2022. Losses reached 1.09 million rounds and 1400 victims.

### Third day

Around 10 am the brigade attacked again. That evening the town fell.
"""


def _dates(md: str = ARTICLE) -> dict[str, str | None]:
    return {m.text: m.value for m in kyivcli.parse_text(md, name="t.md").dates}


def test_a_retrospective_aside_does_not_move_the_story():
    got = _dates()
    assert got["July 2021"] == "2021-07"
    assert got["27 February"] == "2022-02-27"
    assert got["Thirteen days later"] == "2022-03-12"


def test_a_heading_that_names_a_day_anchors_its_section():
    got = _dates()
    assert got["Third day"] == "2022-02-26"
    assert got["10 am"] == "2022-02-26T10:00"
    assert got["That evening"] == "2022-02-26TEV"


def test_numbers_that_are_not_dates():
    got = _dates()
    assert not any(t.startswith(("1.09", "1400")) for t in got)


def test_lists_and_parts_of_days_are_one_expression():
    got = _dates("# War\n\nOn the evening of 8 August 2008 troops crossed. Raids on 25/26 September 1944 "
                 "failed. The massacres of December 18, 19, and 20, 1944 followed.\n")
    assert got["the evening of 8 August 2008"] == "2008-08-08TEV"
    assert got["25/26 September 1944"] == "1944-09-25/1944-09-26"
    assert got["December 18, 19, and 20, 1944"] == "1944-12-18/1944-12-20"


def test_a_span_is_one_event_row():
    a = kyivcli.parse_text("# War\n\nThe war lasted from February to May 2022. Carthage fought Rome in 264–241 BC.\n"
                           "The crisis of 1991–1992 followed.\n", name="t.md")
    rows = [e.date for e in a.events(include_all=True)]
    assert rows == ["-0264/-0241", "1991/1992", "2022-02/2022-05"]
    values = {m.text: m.value for m in a.dates}
    assert values["February"] == "2022-02" and values["264"] == "BC0264" and values["241 BC"] == "BC0241"


def test_asides_keep_the_day_level_story():
    md = ("# War\n\nOn 10 March 1975, the army launched a limited offensive for a planned campaign in 1976. "
          "Its forces collapsed on 11 March.\n\nOn 2 August 1964, a ship was attacked. An undated publication "
          "declassified in 2005, however, revealed that there was no attack on 4 August.\n")
    got = _dates(md)
    assert got["11 March"] == "1975-03-11"
    assert got["4 August"] == "1964-08-04"


def test_a_year_written_later_in_the_sentence():
    got = _dates("# War\n\nIn 1954 the accords were signed. In April and June 1955, the premier purged the army.\n")
    assert got["April"] == "1955-04"


def test_an_inferred_year_says_why():
    a = kyivcli.parse_text(ARTICLE, name="t.md")
    m = next(m for m in a.dates if m.text == "27 February")
    assert m.evidence and m.evidence.rule == "reference" and m.evidence.line == 3
    assert next(m for m in a.dates if m.text == "24 February 2022").evidence is None


def test_as_recently_as_leaves_the_date_its_own():
    got = _dates("# War\n\nIn 2008 it began. Raids continued as recently as late 2009.\n")
    assert got["late 2009"] == "2009" and "recently" not in got


def test_event_anchored_counts_from_the_named_event():
    md = ("# War\n\nThe Battle of Karvos was fought in 490 BC. The empire prepared again.\n\n"
          "A year after Karvos, the general was injured. Rebels fired on Fort Alder on April 12, 1861. "
          "The arsenal was seized eight days after Fort Alder.\n")
    got = _dates(md)
    assert got["A year after"] == "BC0489"
    assert got["eight days after"] == "1861-04-20"


def test_a_range_of_two_written_dates_is_two_expressions_and_one_event():
    a = kyivcli.parse_text("# War\n\nThe northern army won at Eastbrook (July 1 to July 3, 1863). Talks ran on "
                           "22–24 March 1864.\n", name="t.md")
    got = {m.text: (m.value, m.span) for m in a.dates}
    assert got["July 1"] == ("1863-07-01", "1863-07-01/1863-07-03")
    assert got["July 3, 1863"] == ("1863-07-03", "1863-07-01/1863-07-03")
    assert got["22–24 March 1864"] == ("1864-03-22/1864-03-24", None)
    assert [e.date for e in a.events()] == ["1863-07-01/1863-07-03", "1864-03-22/1864-03-24"]


def test_a_dated_heading_bounds_its_section_until_the_next_heading():
    md = ("# War\n\n## 1916\n\nIn 1921 the treaty was recalled. On 3 May the army attacked.\n\n"
          "## Aftermath\n\nIn 1921 the treaty was signed. On 3 May the army marched.\n")
    a = kyivcli.parse_text(md, name="t.md")
    got = [(m.text, m.value) for m in a.dates if m.text == "3 May"]
    assert got == [("3 May", "1916-05-03"), ("3 May", "1921-05-03")]
