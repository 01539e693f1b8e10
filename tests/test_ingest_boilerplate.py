"""Boilerplate lines leave the text and become metadata; ordinary paragraphs stay."""

from __future__ import annotations

import pytest

from dragoman.ingest.boilerplate import strip_boilerplate

STORY = """BC-Border-Talks,0450
By Jane Doe and John Smith, Reuters
GENEVA, April 4 (Reuters) - Envoys from both governments met on Tuesday.
Share this article
Photo: Ali Ahmed/Reuters
A soldier stands guard near the crossing. (John Roe/Reuters)
Print journalists protested outside the ministry.
Related:
- Talks stall in Geneva
- Envoy resigns

The copyright dispute between the two publishers went to court.
By Tuesday the talks had ended without agreement.
Follow us on Twitter
(Reporting by Jane Doe; Editing by Sam Lee)
Copyright 2023 Example.com. All Rights Reserved. | https://example.com/stories/en/123 |
"""


def test_boilerplate_removed_and_kept_as_metadata() -> None:
    cleaned = strip_boilerplate(STORY)
    assert cleaned.text == (
        "GENEVA, April 4 (Reuters) - Envoys from both governments met on Tuesday.\n"
        "Print journalists protested outside the ministry.\n\n"
        "The copyright dispute between the two publishers went to court.\n"
        "By Tuesday the talks had ended without agreement.\n")
    meta = cleaned.metadata
    assert meta["slug"] == ["BC-Border-Talks,0450"]
    assert meta["author"] == "Jane Doe and John Smith, Reuters"
    assert meta["share"] == ["Share this article", "Follow us on Twitter"]
    assert meta["captions"] == ["Photo: Ali Ahmed/Reuters",
                                "A soldier stands guard near the crossing. (John Roe/Reuters)"]
    assert meta["related"] == ["Related:", "- Talks stall in Geneva", "- Envoy resigns"]
    assert meta["credits"] == ["(Reporting by Jane Doe; Editing by Sam Lee)"]
    assert meta["url"] == "https://example.com/stories/en/123"
    assert meta["source"] == "Example.com"
    assert len(meta["boilerplate"]) == 11


@pytest.mark.parametrize("paragraph", [
    "By the end of the week, negotiators from Iran and the six powers had agreed on a text.",
    "By Tuesday the talks had ended.",
    "Share prices fell 2 percent in Tokyo after the announcement.",
    "Print and broadcast media were barred from the courtroom.",
    "The photo, released by the army, showed troops near the border.",
    "Related talks in Vienna will cover the nuclear file, diplomats said.",
    "Follow-up meetings are planned in May.",
    "Copyright law was at the heart of the dispute between the two companies.",
    "Reporting by state media could not be independently confirmed, the ministry said.",
    "UPDATE on the talks is expected Monday, the envoy said.",
])
def test_boilerplate_ordinary_paragraphs_survive(paragraph: str) -> None:
    text = f"MOSCOW (AFP) - Russia and China met on Monday.\n{paragraph}\nThe talks continue.\n"
    cleaned = strip_boilerplate(text)
    assert paragraph in cleaned.text
    assert "boilerplate" not in cleaned.metadata


def test_boilerplate_byline_only_near_the_top() -> None:
    lines = ["First paragraph of the story is here."] * 6 + ["By Jane Doe", "Last line."]
    cleaned = strip_boilerplate("\n".join(lines))
    assert "By Jane Doe" in cleaned.text


def test_boilerplate_keeps_windows_newlines_out() -> None:
    cleaned = strip_boilerplate("One line.\r\nShare\r\nTwo lines.\r\n")
    assert cleaned.text == "One line.\nTwo lines.\n"
