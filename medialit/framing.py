"""Framing: headlines and leads, loaded words and framing codes, as tables and figures.

Everything here reads the case's optional tables ``loaded_words`` and ``frames`` (see
``data/datapackage.json``) and the report texts; nothing is retyped. Reports can be named
by their full id or by their three-digit number:

>>> from pathlib import Path
>>> ids = ["001-talks", "002-threat"]
>>> frames = pd.DataFrame({"report_id": ids + ids, "scheme": ["semetko_valkenburg"] * 4,
...                        "frame": ["conflict", "conflict", "economic", "economic"],
...                        "present": [False, True, False, True]})
>>> case = Case("toy", "A toy case", Path("."), reports=pd.DataFrame({"report_id": ids}),
...             furniture=pd.DataFrame(), facts=pd.DataFrame(), claims=pd.DataFrame(),
...             tables={"frames": frames})
>>> case.resolve("002")
'002-threat'
>>> frame_matrix(case).loc["002"].to_dict()  # doctest: +NORMALIZE_WHITESPACE
{'conflict': True, 'responsibility': False, 'economic': True, 'human_interest': False,
 'morality': False}

Two coding schemes are used (plain references, for the book's reading list):

* Entman, R. M. (1993). Framing: Toward clarification of a fractured paradigm. *Journal of
  Communication*, 43(4), 51-58. Four framing functions.
* Semetko, H. A., & Valkenburg, P. M. (2000). Framing European politics: A content analysis
  of press and television news. *Journal of Communication*, 50(2), 93-109. Five generic
  news frames, each coded with yes/no questions.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from medialit.case import Case
from medialit.text import NO_HEADLINE as NO_HEADLINE
from medialit.text import article_paragraphs as article_paragraphs
from medialit.text import headline as headline
from medialit.text import lead as lead
from medialit.text import opening_line as opening_line
from medialit.text import split_sentences as split_sentences

ENTMAN = {
    "problem": "problem definition",
    "cause": "causal interpretation",
    "moral_judgement": "moral evaluation",
    "remedy": "treatment recommendation",
}
"""Entman's four framing functions: code in data/frames.csv -> his name for it."""

GENERIC_FRAMES = {
    "conflict": "conflict",
    "responsibility": "attribution of responsibility",
    "economic": "economic consequences",
    "human_interest": "human interest",
    "morality": "morality",
}
"""Semetko and Valkenburg's five generic news frames: code -> their name for it."""

SV_QUESTIONS = {
    "responsibility": [
        (
            "Does the story suggest that some level of government has the ability to ease "
            "the problem?"
        ),
        "Does the story suggest that some level of government is responsible for the issue?",
        "Does the story suggest a solution to the problem?",
        "Does the story suggest that an individual or group in society is responsible?",
        "Does the story suggest that the problem needs urgent action?",
    ],
    "human_interest": [
        "Does the story give a human example, a 'human face', on the issue?",
        (
            "Does it use adjectives or personal stories that stir outrage, empathy, sympathy "
            "or compassion?"
        ),
        "Does it stress how individuals and groups are affected by the issue?",
        "Does it go into the private or personal lives of the people in it?",
        "Does it contain pictures that might stir outrage, empathy, sympathy or compassion?",
    ],
    "conflict": [
        "Does the story reflect disagreement between parties, people, groups or countries?",
        "Does one party, person, group or country reproach another?",
        "Does the story refer to two sides, or to more than two sides, of the issue?",
        "Does the story refer to winners and losers?",
    ],
    "morality": [
        "Does the story contain a moral message?",
        "Does it refer to morality, God or other religious tenets?",
        "Does it offer specific social prescriptions about how to behave?",
    ],
    "economic": [
        "Does the story mention financial losses or gains, now or in the future?",
        "Does it mention the costs or degree of expense involved?",
        (
            "Does it refer to the economic consequences of following, or not following, a "
            "course of action?"
        ),
    ],
}
"""Semetko and Valkenburg's (2000) yes/no coding questions, lightly shortened. One 'yes'
is enough to code a frame as present."""

KINDS = ("loaded", "evaluative", "metaphor", "intensifier")
NEUTRAL = "neutral"
"""The kind of a recorded neutral use: a term coded elsewhere that is not loaded here
(data/CODEBOOK.md, one pass). Such rows are left out of counts and highlights."""
WHOSE = {"outlet": "the report's own words", "quoted": "quoted from a source"}


# --------------------------------------------------------------------------- text parts
# (in medialit.text, shared with the rest of the library; named here too, as the chapters
# call them)


def headlines_and_leads(case: Case, paragraphs: int = 1) -> pd.DataFrame:
    """Headline and lead of every report side by side, indexed by report number. The lead
    is the first article paragraph after the headline (``paragraphs`` of them, joined with
    ' ¶ ' so the break stays visible); a report without headline says so.

    >>> from pathlib import Path
    >>> reports = pd.DataFrame({
    ...     "report_id": ["001-talks", "002-threat"], "has_headline": [True, False],
    ...     "headline": ["Leaders agree to talk", ""],
    ...     "clean_text": ["Leaders agree to talk\\nThey will talk again.\\nAides said so.",
    ...                    "The Kremlin claimed a win.\\nKyiv disagreed."]})
    >>> case = Case("toy", "A toy case", Path("."), reports=reports, furniture=pd.DataFrame(),
    ...             facts=pd.DataFrame(), claims=pd.DataFrame())
    >>> headlines_and_leads(case).values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['Leaders agree to talk', 'They will talk again.'],
     ['(none: the text starts with the story)', 'The Kremlin claimed a win.']]
    >>> headlines_and_leads(case, paragraphs=2).loc["001", "lead"]
    'They will talk again. ¶ Aides said so.'
    """
    rows = []
    for rid in case.report_ids:
        rows.append(
            {
                "report": Case.number(rid),
                "headline": headline(case, rid) or NO_HEADLINE,
                "lead": " ¶ ".join(article_paragraphs(case, rid)[:paragraphs]),
            }
        )
    return pd.DataFrame(rows).set_index("report")


# --------------------------------------------------------------------------- loaded words


def _instead(note: str) -> str:
    """The neutral alternative a loaded-words note gives after '→'."""
    if "→" not in note:
        return ""
    return note.rsplit("→", 1)[1].strip().removesuffix(".").strip()


def _loaded_rows(case: Case, neutral: bool = False) -> pd.DataFrame:
    lw = case.table("loaded_words")
    return lw if neutral else lw[lw["kind"] != NEUTRAL]


def loaded_words_table(
    case: Case, report: str | None = None, whose: str | None = None, neutral: bool = False
) -> pd.DataFrame:
    """Loaded and evaluative wording (data/loaded_words.csv), in the order it appears in
    each report: the phrase, its kind, whose words they are, a more neutral alternative
    and the annotator's note. Filter by ``report`` and by ``whose`` ('outlet' or 'quoted').
    Recorded neutral uses of a coded term are left out unless ``neutral=True``.

    >>> from pathlib import Path
    >>> text = "The Kremlin claimed a win, calling the plan a “dead end”."
    >>> reports = pd.DataFrame({"report_id": ["001-threat"], "text": [text]})
    >>> lw = pd.DataFrame({"report_id": ["001-threat"] * 2, "quote": ["dead end", "claimed a win"],
    ...                    "kind": ["loaded", "loaded"], "whose_words": ["quoted", "outlet"],
    ...                    "note": ["The Kremlin's words.", "Boastful. → said it had won."]})
    >>> case = Case("toy", "A toy case", Path("."), reports=reports, furniture=pd.DataFrame(),
    ...             facts=pd.DataFrame(), claims=pd.DataFrame(), tables={"loaded_words": lw})
    >>> loaded_words_table(case)[["quote", "whose words", "instead"]].values.tolist()
    [['claimed a win', 'outlet', 'said it had won'], ['dead end', 'quoted', '']]
    >>> loaded_words_table(case, "001", whose="quoted").quote.tolist()
    ['dead end']
    """
    lw = _loaded_rows(case, neutral)
    if report is not None:
        lw = lw[lw["report_id"] == case.resolve(report)]
    if whose is not None:
        if whose not in WHOSE:
            raise ValueError(f"whose must be one of {sorted(WHOSE)}, not {whose!r}")
        lw = lw[lw["whose_words"] == whose]
    texts = dict(zip(case.reports["report_id"], case.reports["text"], strict=False))
    order = [
        list(case.report_ids).index(r) * 10**7 + texts[r].find(q)
        for r, q in zip(lw["report_id"], lw["quote"], strict=False)
    ]
    out = pd.DataFrame(
        {
            "report": lw["report_id"].map(Case.number),
            "quote": lw["quote"],
            "kind": lw["kind"],
            "whose words": lw["whose_words"],
            "instead": [_instead(n) for n in lw["note"]],
            "note": lw["note"],
            "_order": order,
        }
    )
    return out.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)


def loaded_counts(case: Case) -> pd.DataFrame:
    """How many loaded phrases each report has, in its own voice and in quotes, and how
    many per 1,000 article words (longer reports have more room for them).

    >>> from pathlib import Path
    >>> reports = pd.DataFrame({"report_id": ["001-talks", "002-threat"], "body_words": [9, 12]})
    >>> lw = pd.DataFrame({"report_id": ["002-threat"] * 3,
    ...                    "whose_words": ["outlet", "quoted", "outlet"],
    ...                    "kind": ["loaded", "loaded", "neutral"]})
    >>> case = Case("toy", "A toy case", Path("."), reports=reports, furniture=pd.DataFrame(),
    ...             facts=pd.DataFrame(), claims=pd.DataFrame(), tables={"loaded_words": lw})
    >>> loaded_counts(case).to_dict("index")  # doctest: +NORMALIZE_WHITESPACE
    {'001': {'outlet': 0, 'quoted': 0, 'total': 0, 'per 1,000 words': 0.0},
     '002': {'outlet': 1, 'quoted': 1, 'total': 2, 'per 1,000 words': 166.7}}
    """
    lw = _loaded_rows(case)
    counts = pd.crosstab(lw["report_id"], lw["whose_words"]).reindex(
        index=case.report_ids, columns=list(WHOSE), fill_value=0
    )
    words = case.reports.set_index("report_id")["body_words"]
    out = pd.DataFrame(
        {
            "outlet": counts["outlet"],
            "quoted": counts["quoted"],
            "total": counts.sum(axis=1),
            "per 1,000 words": (1000 * counts.sum(axis=1) / words).round(1),
        }
    )
    out.index = [Case.number(rid) for rid in out.index]
    out.index.name = "report"
    return out


def plot_loaded_counts(case: Case, ax=None, title: str | None = None):
    """Loaded phrases per report as stacked bars: the report's own words (solid) and
    quoted words (hatched, so the two differ without colour). Returns the Axes."""
    import matplotlib.pyplot as plt

    counts = loaded_counts(case)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.2))
    y = list(range(len(counts)))[::-1]
    ax.barh(y, counts["outlet"], color="#1a4f8b", label=WHOSE["outlet"])
    ax.barh(
        y,
        counts["quoted"],
        left=counts["outlet"],
        color="#f4c542",
        hatch="//",
        edgecolor="#5a4500",
        label=WHOSE["quoted"],
    )
    for yy, total in zip(y, counts["total"], strict=False):
        ax.text(total + 0.3, yy, str(int(total)), va="center", fontsize=9)
    ax.set_yticks(y, counts.index)
    ax.set_ylabel("report")
    ax.set_xlabel("loaded or evaluative phrases")
    ax.set_xlim(0, counts["total"].max() + 3)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, fontsize=8, frameon=False)
    if title:
        ax.set_title(title)
    return ax


def term_pattern(term: str) -> re.Pattern:
    """The pattern of a loaded-words ``term``: whole words, case ignored, any run of spaces
    between words, either apostrophe; a final ``*`` allows any ending.

    >>> bool(term_pattern("partner*").search("American partners"))
    True
    >>> bool(term_pattern("win").search("winter"))
    False
    """
    body = r"\s+".join(re.escape(w) for w in term.rstrip("*").split())
    body = body.replace("’", "['’]").replace("'", "['’]")
    return re.compile(
        r"(?<!\w)" + body + (r"\w*" if term.endswith("*") else r"(?!\w)"), re.IGNORECASE
    )


def term_uses(case: Case) -> pd.DataFrame:
    """Every match of every coded term (the ``term`` column of data/loaded_words.csv) in
    every report's clean text, with the row that codes it: report, term, match, start, and
    ``quote`` and ``kind`` of the row whose quote holds the match ('' when none does: an
    uncoded use). A case whose table has no ``term`` column has no uses.

    >>> from pathlib import Path
    >>> text = "Our partners agree. The Kremlin mocked its Western “partners”."
    >>> reports = pd.DataFrame({"report_id": ["001-a"], "text": [text], "clean_text": [text]})
    >>> lw = pd.DataFrame({"report_id": ["001-a"], "quote": ["mocked its Western “partners”"],
    ...                    "kind": ["loaded"], "term": ["partner*"]})
    >>> case = Case("toy", "A toy case", Path("."), reports=reports, furniture=pd.DataFrame(),
    ...             facts=pd.DataFrame(), claims=pd.DataFrame(), tables={"loaded_words": lw})
    >>> term_uses(case)[["term", "match", "start", "kind"]].values.tolist()
    [['partner*', 'partners', 4, ''], ['partner*', 'partners', 52, 'loaded']]
    """
    lw = case.table("loaded_words")
    cols = ["report", "term", "match", "start", "quote", "kind"]
    if "term" not in lw.columns:
        return pd.DataFrame(columns=cols)
    rows = []
    for rid in case.report_ids:
        clean = case.text(rid, clean=True)
        mine = lw[lw["report_id"] == rid]
        spans = [
            (clean.find(q), clean.find(q) + len(q), q, k, t)
            for q, k, t in zip(mine["quote"], mine["kind"], mine["term"], strict=False)
            if clean.find(q) >= 0
        ]
        for term in dict.fromkeys(lw["term"]):
            for m in term_pattern(term).finditer(clean):
                hit = [
                    (q, k)
                    for s, e, q, k, t in spans
                    if s <= m.start() and m.end() <= e and t == term
                ]
                q, k = hit[0] if hit else ("", "")
                rows.append(
                    {
                        "report": Case.number(rid),
                        "term": term,
                        "match": m.group(0),
                        "start": m.start(),
                        "quote": q,
                        "kind": k,
                    }
                )
    return pd.DataFrame(rows, columns=cols)


def uncoded_term_uses(case: Case) -> pd.DataFrame:
    """The uses of coded terms that no row codes (empty when the one-pass rule holds)."""
    uses = term_uses(case)
    return uses[uses["quote"] == ""].reset_index(drop=True)


def mark_phrases_html(text: str, marks: list[tuple[str, str]]) -> str:
    """``text`` as HTML with each phrase of ``marks`` ((phrase, label) pairs) wrapped in
    ``<mark>`` and visible brackets, followed by its label as a superscript, so the
    marking does not rely on colour. Everything is HTML-escaped; line breaks become
    ``<br>``. A phrase that is missing or overlaps an earlier mark is skipped.

    >>> mark_phrases_html("a <b> big deal", [("big", "1 outlet")])
    'a &lt;b&gt; <mark>⟦big⟧</mark><sup>[1 outlet]</sup> deal'
    """
    spots, taken = [], []
    for phrase, label in marks:
        at = text.find(phrase)
        if not phrase or at < 0 or any(at < e and s < at + len(phrase) for s, e in taken):
            continue
        taken.append((at, at + len(phrase)))
        spots.append((at, phrase, label))
    pieces, pos = [], 0
    for at, phrase, label in sorted(spots):
        pieces.append(html.escape(text[pos:at]))
        pieces.append(f"<mark>⟦{html.escape(phrase)}⟧</mark><sup>[{html.escape(label)}]</sup>")
        pos = at + len(phrase)
    pieces.append(html.escape(text[pos:]))
    return "".join(pieces).replace("\n", "<br>")


def _part_text(case: Case, rid: str, part: str, paragraphs: int) -> str:
    if part == "headline":
        return opening_line(case, rid)
    if part == "lead":
        return lead(case, rid, paragraphs)
    if part == "top":
        return "\n".join(p for p in (headline(case, rid), lead(case, rid, paragraphs)) if p)
    if part == "text":
        return "\n".join(article_paragraphs(case, rid))
    raise ValueError(f"part must be headline, lead, top or text, not {part!r}")


def highlight_loaded_html(case: Case, report: str, part: str = "lead", paragraphs: int = 1) -> str:
    """The HTML that :func:`highlight_loaded` shows (a string, easy to test)."""
    rid = case.resolve(report)
    text = _part_text(case, rid, part, paragraphs)
    rows = loaded_words_table(case, rid)
    rows = rows[[q in text for q in rows["quote"]]].reset_index(drop=True)
    short = {"outlet": "own words", "quoted": "quoted"}
    marks = [
        (q, f"{i} {short[w]}")
        for i, (q, w) in enumerate(zip(rows["quote"], rows["whose words"], strict=False), 1)
    ]
    body = mark_phrases_html(text, marks)
    what = {
        "headline": "headline" if headline(case, rid) else "opening sentence (no headline)",
        "lead": "lead",
        "top": "headline and lead",
        "text": "article text",
    }[part]
    legend = "".join(
        f"<li>[{i}] <b>{html.escape(q)}</b>: {html.escape(k)}, {html.escape(WHOSE[w])}. "
        f"Instead: {html.escape(s) or '-'}</li>"
        for i, (q, k, w, s) in enumerate(
            zip(rows["quote"], rows["kind"], rows["whose words"], rows["instead"], strict=False), 1
        )
    )
    legend = (
        f"<ol style='list-style:none;padding-left:0'>{legend}</ol>"
        if legend
        else "<p><i>No phrase from the loaded-words table in this part.</i></p>"
    )
    return (
        f"<div class='ml-loaded'><p><b>Report {Case.number(rid)}, {what}</b> "
        f"(marked phrases: ⟦…⟧, then their number and whose words they are)</p>"
        f"<blockquote>{body}</blockquote>{legend}</div>"
    )


def highlight_loaded(case: Case, report: str, part: str = "lead", paragraphs: int = 1):
    """A part of a report (``part``: 'headline', 'lead', 'top' = headline and lead, or
    'text') with every loaded phrase from data/loaded_words.csv marked, numbered and
    labelled with whose words it is, plus a legend with a more neutral alternative.
    Returns an ``IPython.display.HTML`` object."""
    from IPython.display import HTML

    return HTML(highlight_loaded_html(case, report, part, paragraphs))


# --------------------------------------------------------------------------- frames


def _check_scheme(scheme: str) -> list[str]:
    codes = {
        "entman": list(ENTMAN),
        "semetko_valkenburg": list(GENERIC_FRAMES),
        "dominant": list(GENERIC_FRAMES),
    }
    if scheme not in codes:
        raise ValueError(f"scheme must be one of {sorted(codes)}, not {scheme!r}")
    return codes[scheme]


def frame_codes(case: Case, scheme: str | None = None, report: str | None = None) -> pd.DataFrame:
    """The framing codes (data/frames.csv) with readable names: report, scheme, frame,
    present, evidence (a verbatim quote) and the coder's note."""
    fr = case.table("frames")
    if scheme is not None:
        _check_scheme(scheme)
        fr = fr[fr["scheme"] == scheme]
    if report is not None:
        fr = fr[fr["report_id"] == case.resolve(report)]
    names = {**GENERIC_FRAMES, **ENTMAN}
    return pd.DataFrame(
        {
            "report": fr["report_id"].map(Case.number),
            "scheme": fr["scheme"],
            "code": fr["frame"],
            "frame": fr["frame"].map(names),
            "present": fr["present"],
            "evidence": fr["evidence"],
            "note": fr["note"],
        }
    ).reset_index(drop=True)


def frame_matrix(case: Case, scheme: str = "semetko_valkenburg") -> pd.DataFrame:
    """Reports x frames: True where the report uses the frame (for 'dominant': the one
    frame of its headline and lead). Columns are the frame codes in a fixed order."""
    order = _check_scheme(scheme)
    fr = case.table("frames")
    fr = fr[fr["scheme"] == scheme]
    m = fr.pivot(index="report_id", columns="frame", values="present")
    m = m.reindex(index=case.report_ids, columns=order).eq(True)  # missing -> False
    m.index = [Case.number(rid) for rid in m.index]
    m.index.name, m.columns.name = "report", None
    return m


def entman_table(case: Case) -> pd.DataFrame:
    """Reports x Entman's four functions, each cell the evidence quote that fills it
    ('(not filled)' when the coder found none)."""
    fr = frame_codes(case, "entman")
    cells = fr["evidence"].where(fr["present"], "(not filled)")
    t = pd.DataFrame({"report": fr["report"], "frame": fr["frame"], "cell": cells})
    t = t.pivot(index="report", columns="frame", values="cell")
    t = t.reindex(columns=list(ENTMAN.values()))
    t.columns.name = None
    return t


def dominant_frames(case: Case) -> pd.DataFrame:
    """The frame of each report's headline and lead, with the evidence and the note that
    names the defensible alternative."""
    fr = frame_codes(case, "dominant")
    return fr.set_index("report")[["frame", "evidence", "note"]]


def question_table() -> pd.DataFrame:
    """Semetko and Valkenburg's yes/no questions, one row per question.

    >>> question_table().groupby("frame", sort=False).size().tolist()
    [4, 5, 3, 5, 3]
    """
    rows = [
        {"frame": GENERIC_FRAMES[f], "question": q} for f in GENERIC_FRAMES for q in SV_QUESTIONS[f]
    ]
    return pd.DataFrame(rows)


_JUDGEMENT = re.compile(r"defensible|stricter coder|alternative coding", re.IGNORECASE)


def judgement_calls(case: Case, scheme: str | None = None) -> pd.DataFrame:
    """Every framing code whose note names a defensible alternative: the code chosen,
    and the sentence(s) of the note that give the other reading."""
    fr = frame_codes(case, scheme)
    keep = fr["note"].str.contains(_JUDGEMENT)
    fr = fr[keep]
    alt = [" ".join(s for s in split_sentences(n) if _JUDGEMENT.search(s)) for n in fr["note"]]
    coded = [
        "dominant" if s == "dominant" else ("yes" if p else "no")
        for s, p in zip(fr["scheme"], fr["present"], strict=False)
    ]
    return pd.DataFrame(
        {
            "report": fr["report"],
            "scheme": fr["scheme"],
            "frame": fr["frame"],
            "coded": coded,
            "the other reading": alt,
        }
    ).reset_index(drop=True)


def plot_frame_matrix(
    matrix: pd.DataFrame, ax=None, dominant: pd.DataFrame | None = None, title: str | None = None
):
    """A heatmap of a reports x frames boolean matrix (:func:`frame_matrix`): ✓ where a
    frame is used, — where it is not, so the cells read without colour. Cells of
    ``dominant`` (same shape, True = the frame of the headline and lead) get a thick
    outline. Returns the Axes."""
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Rectangle

    if ax is None:
        _, ax = plt.subplots(figsize=(1.5 * matrix.shape[1] + 1.5, 0.55 * matrix.shape[0] + 1.4))
    ax.imshow(
        matrix.to_numpy(dtype=int),
        cmap=ListedColormap(["#f2f2f2", "#7aa6d6"]),
        vmin=0,
        vmax=1,
        aspect="auto",
    )
    for i, rep in enumerate(matrix.index):
        for j, col in enumerate(matrix.columns):
            ax.text(
                j,
                i,
                "✓" if matrix.loc[rep, col] else "—",
                ha="center",
                va="center",
                fontsize=14,
                color="black",
            )
            if dominant is not None and bool(dominant.loc[rep, col]):
                ax.add_patch(
                    Rectangle(
                        (j - 0.47, i - 0.45), 0.94, 0.9, fill=False, lw=2.5, edgecolor="black"
                    )
                )
    ax.set_xticks([j + 0.5 for j in range(matrix.shape[1] - 1)], minor=True)
    ax.set_yticks([i + 0.5 for i in range(matrix.shape[0] - 1)], minor=True)
    ax.grid(which="minor", color="white", lw=3)
    ax.tick_params(which="minor", length=0)
    names = [GENERIC_FRAMES.get(c, ENTMAN.get(c, c)).replace(" ", "\n", 1) for c in matrix.columns]
    ax.set_xticks(range(matrix.shape[1]), names, fontsize=9)
    ax.set_yticks(range(matrix.shape[0]), matrix.index)
    ax.set_ylabel("report")
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    if title:
        ax.set_title(title, pad=12)
    return ax
