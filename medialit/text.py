"""Text helpers the whole library shares: sentences (with one list of abbreviations),
paragraphs, and a report's headline, lead and opening line, with the note shown where a
report has no headline.

>>> split_sentences("Gen. Smith left at 3 p.m. Talks ended. “Fine,” he said.")
['Gen. Smith left at 3 p.m. Talks ended.', '“Fine,” he said.']

(A sentence that ends on an abbreviation, "at 3 p.m.", runs on into the next: the rule
cannot tell it from "p.m. Putin said", and a unit that is too long is safer for coding than
one cut in the middle.)
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from medialit.case import Case

ABBREVIATIONS = (
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "No", "vs", "etc", "Gen", "Gov", "Sen", "Rep",
    "Lt", "Col", "Sgt", "Capt", "Inc", "Co", "Corp", "Ltd", "Jan", "Feb", "Mar", "Apr", "Jun",
    "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "approx",
)  # fmt: skip
"""Words whose full stop does not end a sentence, besides single letters ("U.S.", "J.D.",
"p.m.")."""

_ABBREVIATION_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])[A-Za-z]|\b(?:" + "|".join(ABBREVIATIONS) + r"))\Z"
)
_LONGEST = max(map(len, ABBREVIATIONS)) + 2

NO_HEADLINE = "(none: the text starts with the story)"
"""What a table shows in a report's headline cell when the report has none."""

_SENTENCE_END = re.compile(r"[.!?][’”\"')\]]*\s+(?=[A-Z“‘\"'(])")


def abbreviation_at(text: str, dot: int) -> bool:
    """Whether the full stop at ``text[dot]`` closes an abbreviation (a single letter or
    one of :data:`ABBREVIATIONS`) rather than a sentence.

    >>> abbreviation_at("Mr. Smith", 2), abbreviation_at("the U.S. team", 7)
    (True, True)
    >>> abbreviation_at("They met. Then", 8)
    False
    """
    return text[dot : dot + 1] == "." and bool(
        _ABBREVIATION_BEFORE.search(text, max(0, dot - _LONGEST), dot)
    )


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph: a sentence ends at ., ! or ? (and closing quotes or
    brackets) before a space and a capital letter or an opening quote, unless the full stop
    closes an abbreviation (:func:`abbreviation_at`).

    >>> split_sentences("U.S. President Trump spoke. Putin agreed. “Fine,” he said.")
    ['U.S. President Trump spoke.', 'Putin agreed.', '“Fine,” he said.']
    >>> split_sentences("")
    []
    """
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if abbreviation_at(text, m.start()):
            continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    rest = text[start:].strip()
    return out + ([rest] if rest else [])


def paragraphs(text: str) -> list[str]:
    """The non-blank lines of a text, stripped: the paragraphs of a scraped report.

    >>> paragraphs("Headline\\n\\n  First paragraph.\\nSecond.\\n")
    ['Headline', 'First paragraph.', 'Second.']
    """
    return [p.strip() for p in text.split("\n") if p.strip()]


def article_paragraphs(case: Case, report: str) -> list[str]:
    """The paragraphs of a report's clean article text after its headline (all of them
    when the report has no headline). Section headings count as paragraphs."""
    row = case.reports.set_index("report_id").loc[case.resolve(report)]
    paras = paragraphs(row["clean_text"])
    return paras[1:] if row["has_headline"] else paras


def headline(case: Case, report: str) -> str:
    """The report's headline, or '' when it has none."""
    return case.reports.set_index("report_id").loc[case.resolve(report), "headline"]


def opening_line(case: Case, report: str) -> str:
    """What a reader meets first: the headline, or the opening sentence when there is no
    headline."""
    if head := headline(case, report):
        return head
    paras = article_paragraphs(case, report)
    return split_sentences(paras[0])[0] if paras else ""


def lead(case: Case, report: str, paragraphs: int = 1) -> str:
    """The lead: the first article paragraph after the headline (or the first
    ``paragraphs`` paragraphs, one per line)."""
    return "\n".join(article_paragraphs(case, report)[:paragraphs])


def paragraph_of(case: Case, report_id: str, starts_with: str) -> str:
    """The whole line (paragraph) of a report's raw text that holds ``starts_with``; a
    ValueError when no line does."""
    text = case.text(report_id)
    at = text.find(starts_with)
    if at < 0:
        raise ValueError(f"no paragraph of {report_id} starts with {starts_with!r}")
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : end if end >= 0 else len(text)].strip()
