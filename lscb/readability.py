"""Measures of a text that an author can act on: how many words, and the reading age.

The reading age is the Flesch-Kincaid grade (textstat) plus five, the usual way to turn a US school
grade into the age of a UK reader. textstat 0.7.3 is pinned on purpose: later versions fetch NLTK's
CMU dictionary from the internet the first time they count syllables, which a server here must
not do in a request; 0.7.3 counts syllables with Pyphen (a WeasyPrint dependency already).
"""

from dataclasses import dataclass
from html import unescape

import nh3
import textstat

# The age a reader needs to be: Flesch-Kincaid grade + 5 (grade 1 is the year children are 6).
GRADE_TO_AGE = 5
# Fewer words than this and the formula says little (one heading, a list of names).
MIN_WORDS = 30


@dataclass(frozen=True)
class TextMeasures:
    words: int
    reading_age: int | None  # None when the text is too short to measure

    @property
    def reading_age_label(self):
        if self.reading_age is None:
            return f"not measured (fewer than {MIN_WORDS} words)"
        return f"{self.reading_age} years"


def plain_text(html: str) -> str:
    """The words of sanitised HTML, with block ends as sentence breaks so a heading or list item
    without a full stop is not run into the next sentence."""
    text = nh3.clean(
        (html or "").replace("</", "\n</"),
        tags=set(),
    )
    lines = [line.strip() for line in unescape(text).splitlines()]
    return " ".join(line if line.endswith((".", "!", "?", ":")) else f"{line}." for line in lines if line)


def measure(html: str) -> TextMeasures:
    text = plain_text(html)
    words = textstat.lexicon_count(text) if text else 0
    if words < MIN_WORDS:
        return TextMeasures(words=words, reading_age=None)
    grade = textstat.flesch_kincaid_grade(text)
    return TextMeasures(words=words, reading_age=max(GRADE_TO_AGE + 1, round(grade + GRADE_TO_AGE)))
