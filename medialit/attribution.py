"""Who says so? Attribution tables: whose statement each claim is, and the reporting verb.

All functions read the case's ``attributions`` table, coded by the rules of
``data/CODEBOOK.md``: every sentence of each report's clean text (headline and section
headings included) overlaps at least one row, and a row is a sentence, the part of a
sentence that belongs to one voice, or consecutive sentences of one voice. A sentence that
names two sources (say "the White House and the Kremlin") has one row per source.

A one-report case, its text and its coding built here (the functions below are shown on
it):

>>> from pathlib import Path
>>> text = "Talks end\\nThe Kremlin said the call went well, and it did. Analysts were unsure."
>>> reports = pd.DataFrame({"report_id": ["001-talks"], "text": [text], "clean_text": [text],
...                         "has_headline": [True]})
>>> a = pd.DataFrame({"report_id": ["001-talks"] * 4,
...                   "quote": ["Talks end", "The Kremlin said the call went well",
...                             "and it did", "Analysts were unsure"],
...                   "source": ["outlet", "kremlin", "outlet", "analyst"],
...                   "verb": ["", "said", "", ""]})
>>> case = Case("toy", "A toy case", Path("."), reports=reports, furniture=pd.DataFrame(),
...             facts=pd.DataFrame(), claims=pd.DataFrame(), tables={"attributions": a})
>>> sentence_codes(case)[["n", "part", "sentence", "code"]].values.tolist()
... # doctest: +NORMALIZE_WHITESPACE
[[1, 'headline', 'Talks end', 'outlet'],
 [2, 'text', 'The Kremlin said the call went well, and it did.', 'kremlin+outlet'],
 [3, 'text', 'Analysts were unsure.', 'analyst']]
>>> len(uncoded_sentences(case))  # every sentence is coded
0
>>> cols = ["Kremlin", "analyst", "report itself", "total"]
>>> source_crosstab(case)[cols].to_dict("records")  # rows of the attributions table
[{'Kremlin': 1, 'analyst': 1, 'report itself': 2, 'total': 4}]
>>> source_crosstab(case, weight="sentences")[cols].to_dict("records")  # a shared one: 1/2
[{'Kremlin': 0.5, 'analyst': 1.0, 'report itself': 1.5, 'total': 3.0}]
>>> own_voice_table(case)[["sentences", "% of sentences", "% of statements"]].to_dict("records")
[{'sentences': 3, '% of sentences': 50, '% of statements': 50}]
>>> verb_table(case).values.tolist(), verb_kinds(case).to_dict("index")
([['001', 'said', 'neutral', 1]], {'001': {'neutral': 1}})
>>> verb_kind("trumpeted"), verb_kind("said"), verb_kind("noted")
('loaded', 'neutral', 'endorses')
"""

from __future__ import annotations

import pandas as pd

from medialit.case import Case

SOURCES = {
    "white_house": "White House",
    "kremlin": "Kremlin",
    "official": "named official",
    "analyst": "analyst",
    "civil_society": "civil society",
    "public": "the public",
    "media": "other media",
    "outlet": "report itself",
    "background": "background",
}
"""Source codes of the attributions table, in display order, with the column label used in
tables: the White House or its readout; the Kremlin, its readout, or 'Russia'/'Moscow' as a
speaker; a named official or government body; an analyst; a non-government group with a
cause (an NGO, a campaign, a charity, a union, activists); ordinary people speaking for
themselves (residents, protesters, witnesses, social-media users); other media; the
report's own voice with no source (about the call, the talks, the parties' positions or the
reactions); background, also in the report's own voice (context that mentions none of
these: history, the battlefield, places, earlier events). Definitions and rules:
data/CODEBOOK.md."""

EXTRA_SOURCES = ("civil_society", "public")
"""Codes a table shows only for a case that uses them (the March case has none: its tables
keep their seven columns). See :func:`case_sources`."""

OWN_VOICE = ("outlet", "background")
"""The two codes of the report's own voice: no source is named."""

SOURCE_COLOURS = {
    "white_house": "#3b6fb6",
    "kremlin": "#c0392b",
    "official": "#8e6bb8",
    "analyst": "#3a9a5b",
    "civil_society": "#1f8a8a",
    "public": "#d9730d",
    "media": "#d4a13a",
    "outlet": "#b8b8b8",
    "background": "#e4e4e4",
}

VERB_KINDS = {
    # neutral: says only that words were said (or written, or published)
    "said": "neutral",
    "has said": "neutral",
    "had said": "neutral",
    "told": "neutral",
    "according to": "neutral",
    "reported": "neutral",
    "added": "neutral",
    "has announced": "neutral",
    "is that": "neutral",
    "mentioned in": "neutral",
    "indicates": "neutral",
    "spoke of": "neutral",
    "described": "neutral",
    "stated": "neutral",
    "wrote": "neutral",
    # describes: names the kind of statement (a demand, a warning, an accusation, praise),
    # however strong: 'praised' and 'hailed' both name praise, 'deplored' and 'accused'
    # blame. Fair when the quoted words fit, so check them.
    "a call from": "describes",
    "demands": "describes",
    "reiterates": "describes",
    "thanks": "describes",
    "emphasized": "describes",
    "outlined": "describes",
    "linked": "describes",
    "echoed": "describes",
    "denied": "describes",
    "warning": "describes",
    "has warned": "describes",
    "has accused": "describes",
    "has also accused": "describes",
    "has rejected": "describes",
    "firmly reject": "describes",
    "did not rule out": "describes",
    "underlined": "describes",
    "praised": "describes",
    "hailed": "describes",
    "deplored": "describes",
    "joked": "describes",
    "cast": "describes",
    "reaffirmed": "describes",
    "had also proposed": "describes",
    # endorses: presents what follows as a fact the reader can take as true, not as
    # someone's view ('noted that X' takes X as given; compare 'said that X')
    "noted": "endorses",
    "pointed at": "endorses",
    "acknowledged": "endorses",
    "has made it clear": "endorses",
    # loaded: adds the writer's judgement of how or why it was said (loud, boastful,
    # grudging) or casts doubt on it
    "trumpeted": "loaded",
    "claimed": "loaded",
    "boasted": "loaded",
    "bragged": "loaded",
    "touted": "loaded",
    "insisted": "loaded",
    "admitted": "loaded",
    "conceded": "loaded",
    "gloated": "loaded",
    # hedge: no source named at all
    "reportedly": "hedge",
}
"""A small hand-made list for this book's reports, not a dictionary of English.

* **neutral**: the verb only says that words were said ("said", "according to");
* **describes**: it names the kind of statement ("demands", "warning", "praised",
  "hailed", "deplored"), however strong. That is fair when the quoted words fit, so
  check them against the quote;
* **endorses**: it presents what follows as a fact, not as someone's view ("noted",
  "acknowledged", "pointed at", "has made it clear");
* **loaded**: it adds the writer's judgement of *how* or *why* something was said
  ("trumpeted": loud boasting; "claimed": doubt; "admitted": reluctance);
* **hedge**: "reportedly" names no source at all.

The rules behind the classes are in data/CODEBOOK.md (section 'Reporting verbs').
"""

KINDS = ("neutral", "describes", "endorses", "loaded", "hedge", "not in list")


def verb_kind(verb: str) -> str:
    """The kind of a reporting verb from :data:`VERB_KINDS` (case and spaces ignored);
    ``'not in list'`` for a verb the list does not know, ``''`` for no verb (the report's
    own voice).

    >>> verb_kind(" According to"), verb_kind("hailed"), verb_kind("whispered"), verb_kind("")
    ('neutral', 'describes', 'not in list', '')
    """
    v = " ".join(str(verb).lower().split())
    if not v:
        return ""
    return VERB_KINDS.get(v, "not in list")


def _attributions(case: Case) -> pd.DataFrame:
    a = case.table("attributions").copy()
    a["report"] = a["report_id"].map(Case.number)
    a["words"] = a["quote"].str.split().str.len()
    return a


# --------------------------------------------------------------------------- sentences


def article_sentences(case: Case, report: str | None = None) -> pd.DataFrame:
    """Every sentence of every report's clean text (raw minus page furniture), in text
    order: the unit the attributions table codes. Each paragraph (a line of the clean
    text) is split with :func:`medialit.text.split_sentences`; the headline line and
    section headings count as sentences too.

    Columns: report_id, report (three digits), n (1, 2, … within the report), part
    ('headline' for the headline line, else 'text'), sentence, start and end (character
    offsets in the clean text), words.

    >>> from pathlib import Path
    >>> text = "Talks end\\nThe U.S. side said little. Moscow said more.\\n\\nWhat next"
    >>> reports = pd.DataFrame({"report_id": ["001-talks"], "clean_text": [text],
    ...                         "has_headline": [True]})
    >>> case = Case("toy", "A toy case", Path("."), reports=reports, furniture=pd.DataFrame(),
    ...             facts=pd.DataFrame(), claims=pd.DataFrame())
    >>> article_sentences(case, "001")[["n", "part", "sentence", "start"]].values.tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [[1, 'headline', 'Talks end', 0], [2, 'text', 'The U.S. side said little.', 10],
     [3, 'text', 'Moscow said more.', 37], [4, 'text', 'What next', 56]]
    """
    from medialit.text import split_sentences

    rids = case.report_ids if report is None else [case.resolve(report)]
    info = case.reports.set_index("report_id")
    rows = []
    for rid in rids:
        clean = info.loc[rid, "clean_text"]
        pos, n, first = 0, 0, True
        for para in clean.split("\n"):
            if not para.strip():
                continue
            part = "headline" if first and info.loc[rid, "has_headline"] else "text"
            first = False
            for sent in split_sentences(para):
                start = clean.index(sent, pos)
                pos = start + len(sent)
                n += 1
                rows.append(
                    {
                        "report_id": rid,
                        "report": Case.number(rid),
                        "n": n,
                        "part": part,
                        "sentence": sent,
                        "start": start,
                        "end": pos,
                        "words": len(sent.split()),
                    }
                )
    cols = ["report_id", "report", "n", "part", "sentence", "start", "end", "words"]
    return pd.DataFrame(rows, columns=cols)


def case_sources(case: Case) -> dict[str, str]:
    """The source codes (and labels) a case's tables show: :data:`SOURCES` in order, without
    the :data:`EXTRA_SOURCES` its attributions table does not use.

    >>> from medialit import load_case
    >>> list(case_sources(load_case()))
    ['white_house', 'kremlin', 'official', 'analyst', 'media', 'outlet', 'background']
    """
    used = set(case.table("attributions")["source"]) if "attributions" in case.tables else set()
    return {c: lab for c, lab in SOURCES.items() if c not in EXTRA_SOURCES or c in used}


def _source_order(codes) -> tuple[str, ...]:
    """Distinct source codes in :data:`SOURCES` order (unknown codes last)."""
    order = {c: i for i, c in enumerate(SOURCES)}
    return tuple(sorted(set(codes), key=lambda c: (order.get(c, len(order)), c)))


def sentence_codes(case: Case, report: str | None = None) -> pd.DataFrame:
    """:func:`article_sentences` with the attributions rows that code each sentence: a row
    codes every sentence its quote overlaps (quotes are found in the clean text).

    Added columns: ``rows`` (index labels of those rows in ``case.table("attributions")``),
    ``sources`` (their distinct source codes, in :data:`SOURCES` order) and ``code`` (the
    sources joined by '+', e.g. 'outlet+kremlin'; '' for a sentence no row codes).

    An example is at the top of this module.
    """
    sents = article_sentences(case, report)
    a = case.table("attributions")
    clean = dict(zip(case.reports["report_id"], case.reports["clean_text"], strict=False))
    spans: dict[str, list[tuple[int, int, object, str]]] = {}
    for label, rid, quote, source in zip(
        a.index, a["report_id"], a["quote"], a["source"], strict=False
    ):
        at = clean.get(rid, "").find(quote) if quote else -1
        if at >= 0:
            spans.setdefault(rid, []).append((at, at + len(quote), label, source))
    rows, sources = [], []
    for rid, start, end in zip(sents["report_id"], sents["start"], sents["end"], strict=False):
        hits = [(lab, src) for s, e, lab, src in spans.get(rid, []) if s < end and start < e]
        rows.append([lab for lab, _ in hits])
        sources.append(_source_order(src for _, src in hits))
    sents["rows"] = rows
    sents["sources"] = sources
    sents["code"] = ["+".join(s) for s in sources]
    return sents


def uncoded_sentences(case: Case) -> pd.DataFrame:
    """The sentences of the clean texts that no attributions row codes (an empty table
    when the coding is complete): report, n, sentence."""
    codes = sentence_codes(case)
    return codes.loc[codes["code"] == "", ["report", "n", "sentence"]].reset_index(drop=True)


def coverage(case: Case) -> pd.DataFrame:
    """Per report: how many sentences the clean text has and how many the attributions
    table codes (and the same for sentences of six words or more, the measure of the
    review that found the gaps)."""
    codes = sentence_codes(case)
    codes["coded"] = codes["code"] != ""
    long = codes[codes["words"] >= 6]
    out = pd.DataFrame(
        {
            "sentences": codes.groupby("report").size(),
            "coded": codes.groupby("report")["coded"].sum(),
            "sentences of 6+ words": long.groupby("report").size(),
            "coded (6+ words)": long.groupby("report")["coded"].sum(),
        }
    )
    return out.reindex(case.report_numbers).fillna(0).astype(int)


def _sentence_weights(case: Case, weight: str) -> pd.DataFrame:
    """One row per (sentence, source): a sentence counts 1 (or its number of words),
    shared equally by the distinct sources of the rows that code it."""
    codes = sentence_codes(case)
    codes = codes[codes["code"] != ""]
    rows = []
    for rep, srcs, words in zip(codes["report"], codes["sources"], codes["words"], strict=False):
        w = 1.0 if weight == "sentences" else float(words)
        rows += [(rep, src, w / len(srcs)) for src in srcs]
    return pd.DataFrame(rows, columns=["report", "source", "weight"])


def source_crosstab(
    case: Case, normalize: bool = False, weight: str = "statements"
) -> pd.DataFrame:
    """Reports (rows, by number) × sources (columns, in :data:`SOURCES` order; the
    :data:`EXTRA_SOURCES` only when the case uses them, :func:`case_sources`).

    ``weight="statements"`` counts rows of the attributions table; ``weight="words"`` adds
    up the words of their quotes instead, so a long quote weighs more than a short one.
    ``weight="sentences"`` counts every sentence of the clean text once: a sentence coded
    for two sources counts half for each (so counts can end in .5);
    ``weight="sentence words"`` does the same with each sentence's number of words.
    With ``normalize=True`` each row becomes whole percentages of that report's total
    (rounded, so a row may add up to 99 or 101); otherwise a ``total`` column is added.

    Examples are at the top of this module.
    """
    weights = ("statements", "words", "sentences", "sentence words")
    if weight not in weights:
        raise ValueError(f"weight must be one of {', '.join(map(repr, weights))}")
    reports = case.report_numbers
    shown = case_sources(case)
    if weight in ("statements", "words"):
        a = _attributions(case)
        if weight == "statements":
            table = pd.crosstab(a["report"], a["source"])
        else:
            table = a.pivot_table(
                index="report", columns="source", values="words", aggfunc="sum", fill_value=0
            )
        table = table.reindex(index=reports, columns=list(shown), fill_value=0).astype(int)
    else:
        w = _sentence_weights(case, "sentences" if weight == "sentences" else "words")
        table = w.pivot_table(
            index="report", columns="source", values="weight", aggfunc="sum", fill_value=0.0
        )
        table = table.reindex(index=reports, columns=list(shown), fill_value=0.0).astype(float)
    if normalize:
        totals = table.sum(axis=1).replace(0, 1)  # a report with no rows stays all zeros
        table = (100 * table.div(totals, axis=0)).round().astype(int)
    else:
        table["total"] = table.sum(axis=1)
        if weight == "sentences":
            table = table.round(1)  # a third of a sentence shows as 0.3
        elif weight == "sentence words":
            table = table.round().astype(int)
    table = table.rename(columns=SOURCES)
    table.index.name = "report"
    table.columns.name = None
    return table


# --------------------------------------------------------------------------- agreement


def coding_sheet(case: Case, report: str) -> pd.DataFrame:
    """The sheet a second coder fills in blind: one row per sentence of one report (n,
    paragraph number, the sentence) and an empty ``code`` column. It holds nothing of the
    first coding. Write it with ``.to_csv(path, index=False)``."""
    sents = article_sentences(case, report)
    rid = sents["report_id"].iloc[0]
    clean = case.text(rid, clean=True)
    line_of = [clean.count("\n", 0, start) for start in sents["start"]]
    number = {line: i for i, line in enumerate(dict.fromkeys(line_of), 1)}
    paras = [number[line] for line in line_of]
    return pd.DataFrame(
        {"n": sents["n"], "paragraph": paras, "sentence": sents["sentence"], "code": ""}
    )


def _normal_code(code) -> str:
    """A sentence code as written by a coder ('Outlet + kremlin') in the canonical form
    ('kremlin+outlet'): codes in :data:`SOURCES` order, lower case, no spaces."""
    parts = [p.strip().lower() for p in str(code).replace(",", "+").split("+")]
    return "+".join(_source_order(p for p in parts if p and p != "nan"))


def cohen_kappa(first, second) -> float:
    """Cohen's kappa of two codings of the same units: (observed − expected agreement) /
    (1 − expected), the expected agreement coming from each coder's own category shares.
    1 is perfect agreement, 0 what chance alone would give.

    >>> cohen_kappa(["a", "a", "b", "b"], ["a", "a", "b", "a"])
    0.5
    """
    a, b = pd.Series(list(first), dtype=str), pd.Series(list(second), dtype=str)
    if len(a) != len(b) or not len(a):
        raise ValueError("two codings of the same, non-empty list of units are needed")
    observed = float((a == b).mean())
    pa, pb = a.value_counts(normalize=True), b.value_counts(normalize=True)
    expected = float((pa * pb.reindex(pa.index, fill_value=0)).sum())
    if expected == 1:
        return 1.0 if observed == 1 else 0.0
    return round((observed - expected) / (1 - expected), 3)


def agreement(case: Case, report: str, second: pd.DataFrame) -> dict:
    """Compare the attributions table's coding of one report with a second coder's sheet
    (:func:`coding_sheet` with its ``code`` column filled): units, sentences agreed,
    percent agreement, Cohen's kappa, and the disagreements (n, sentence, first, second)."""
    first = sentence_codes(case, report)[["n", "sentence", "code"]]
    second = second.assign(code=second["code"].map(_normal_code))[["n", "code"]]
    both = first.merge(second, on="n", suffixes=("_first", "_second"), validate="one_to_one")
    if len(both) != len(first):
        raise ValueError(f"the second coding has {len(both)} of the {len(first)} sentences")
    same = both["code_first"] == both["code_second"]
    return {
        "units": len(both),
        "agreed": int(same.sum()),
        "percent": round(100 * float(same.mean()), 1),
        "kappa": cohen_kappa(both["code_first"], both["code_second"]),
        "disagreements": both.loc[~same]
        .rename(columns={"code_first": "first", "code_second": "second"})
        .reset_index(drop=True),
    }


def own_voice_table(case: Case) -> pd.DataFrame:
    """How much of each report is in its own voice (no source named: :data:`OWN_VOICE`),
    counted four ways, as whole percentages: of its sentences (every sentence once, a
    sentence with two voices half each), of the words of its sentences (so a three-word
    heading weighs little), of its sentences of six words or more (headings mostly drop
    out), and of the rows of the attributions table. Then the share of background alone
    and the share of the report's own voice about the call (own voice minus background),
    both by words. Indexed by report number.

    An example is at the top of this module.
    """
    codes = sentence_codes(case)
    codes = codes[codes["code"] != ""]
    codes = codes.assign(
        own=[sum(s in OWN_VOICE for s in src) / len(src) for src in codes["sources"]],
        bg=[sum(s == "background" for s in src) / len(src) for src in codes["sources"]],
    )
    reports = case.report_numbers

    def pct(part: pd.Series, whole: pd.Series) -> pd.Series:
        return (
            (100 * part.reindex(reports).fillna(0) / whole.reindex(reports).replace(0, 1).fillna(1))
            .round()
            .astype(int)
        )

    by = codes.groupby("report")
    long = codes[codes["words"] >= 6].groupby("report")
    words = codes.assign(own=codes["own"] * codes["words"], bg=codes["bg"] * codes["words"])
    wby = words.groupby("report")
    statements = source_crosstab(case)
    own_rows = statements[[SOURCES[c] for c in OWN_VOICE]].sum(axis=1)
    out = pd.DataFrame(
        {
            "sentences": by.size().reindex(reports).fillna(0).astype(int),
            "% of sentences": pct(by["own"].sum(), by.size()),
            "% of words": pct(wby["own"].sum(), wby["words"].sum()),
            "% of sentences of 6+ words": pct(long["own"].sum(), long.size()),
            "% of statements": pct(own_rows, statements["total"]),
            "background, % of words": pct(wby["bg"].sum(), wby["words"].sum()),
            "about the call, % of words": pct(
                wby["own"].sum() - wby["bg"].sum(), wby["words"].sum()
            ),
        }
    )
    out.index.name = "report"
    return out


def _names(reports: list[str]) -> str:
    """'000', '000 and 001', '000, 001 and 002'."""
    return reports[0] if len(reports) == 1 else ", ".join(reports[:-1]) + " and " + reports[-1]


def chapter_figures(case: Case) -> dict[str, int | str]:
    """Every share, count and ranking that chapter 3's prose (and chapter 6's) states,
    computed from the data, so no figure in the text is typed. The book glues them into
    its sentences (myst-nb ``glue``); ``tests/test_coding.py`` checks the claims the
    sentences make about them. Shares are whole percentages of sentences unless the name
    says ``words``. (Made for the default case; tests/test_march_figures.py pins some.)
    """
    by_sent = source_crosstab(case, weight="sentences")
    shares = source_crosstab(case, normalize=True, weight="sentences")
    by_words = source_crosstab(case, normalize=True, weight="sentence words")
    own = own_voice_table(case)
    sents = article_sentences(case)
    f: dict[str, int | str] = {
        "sentences_min": int(by_sent["total"].min()),
        "sentences_max": int(by_sent["total"].max()),
    }
    for rep in shares.index:
        for code, label in case_sources(case).items():
            f[f"{code}_{rep}"] = int(shares.loc[rep, label])
            f[f"{code}_words_{rep}"] = int(by_words.loc[rep, label])
        for col, key in (
            ("% of sentences", "own"),
            ("% of words", "own_words"),
            ("% of sentences of 6+ words", "own_long"),
            ("background, % of words", "bg_words"),
            ("about the call, % of words", "about_call_words"),
        ):
            f[f"{key}_{rep}"] = int(own.loc[rep, col])
    more_kremlin = [
        r for r in shares.index if shares.loc[r, "Kremlin"] > shares.loc[r, "White House"]
    ]
    f["more_kremlin"] = _names(more_kremlin)
    f["more_white_house"] = _names([r for r in shares.index if r not in more_kremlin])
    for col, key in (
        ("% of sentences", "sentences"),
        ("% of words", "words"),
        ("% of sentences of 6+ words", "long"),
    ):
        order = own[col].sort_values(ascending=False, kind="stable")
        f[f"own_lead_{key}"] = order.index[0]
        f[f"own_lead_{key}_pct"] = int(order.iloc[0])
        f[f"own_top3_{key}"] = _names([f"{r} ({int(v)} %)" for r, v in order.iloc[:3].items()])
        f[f"own_top3_{key}_gap"] = int(order.iloc[0] - order.iloc[2])
    f["own_low_words"] = own["% of words"].idxmin()
    f["background_lead"] = own["background, % of words"].idxmax()
    f["about_call_low"] = own["about the call, % of words"].idxmin()
    for table, key in ((shares, "sentences"), (by_words, "words")):
        order = table["Kremlin"].sort_values(ascending=False, kind="stable")
        f[f"kremlin_lead_{key}"], f[f"kremlin_second_{key}"] = order.index[0], order.index[1]
        f[f"kremlin_gap_{key}"] = int(order.iloc[0] - order.iloc[1])
    f["official_lead"] = shares["named official"].idxmax()
    f["analyst_lead"] = shares["analyst"].idxmax()
    longest = sents.loc[sents["words"].idxmax()]
    f["longest_sentence_report"], f["longest_sentence_words"] = (
        longest["report"],
        int(longest["words"]),
    )
    f["shortest_sentence_words"] = int(sents["words"].min())
    headings = sents[(sents["report"] == "000") & (sents["words"] < 6)]
    f["short_lines_000"] = len(headings)
    return f


def attributions_for(case: Case, report_id: str) -> pd.DataFrame:
    """One report's attributed statements in text order: the quote, whose statement it is
    (source and the name the report uses) and the reporting verb with its kind.
    ``report_id`` may be the full id or its three-digit number."""
    a = _attributions(case)
    rows = a[(a["report_id"] == report_id) | (a["report"] == report_id)]
    if rows.empty:
        raise KeyError(f"no attributions for report {report_id!r}")
    text = case.text(rows["report_id"].iloc[0])
    rows = rows.assign(at=[text.find(q) for q in rows["quote"]]).sort_values("at", kind="stable")
    return pd.DataFrame(
        {
            "quote": rows["quote"].to_numpy(),
            "source": rows["source"].map(SOURCES).to_numpy(),
            "as named": rows["source_name"].to_numpy(),
            "verb": rows["verb"].to_numpy(),
            "verb kind": [verb_kind(v) for v in rows["verb"]],
        }
    )


def verb_table(case: Case) -> pd.DataFrame:
    """Every reporting verb of every report with how often the report uses it and its kind
    (neutral / describes / endorses / loaded / hedge, from :data:`VERB_KINDS`). Sorted by
    report, then kind (neutral first), then most used.

    ``count`` counts *uses*: statements whose quote holds the verb. A sentence that only
    continues a quote ("it said" in the sentence before) is not counted again, nor is one
    sentence listed twice for two sources. Statements in the report's own voice have no verb.

    An example is at the top of this module.
    """
    a = _attributions(case)
    a = a[a["verb"].str.strip() != ""]
    used = [v.lower() in q.lower() for v, q in zip(a["verb"], a["quote"], strict=False)]
    a = a[used].drop_duplicates(["report", "quote", "verb"])
    counts = a.groupby(["report", "verb"]).size().rename("count").reset_index()
    counts["kind"] = counts["verb"].map(verb_kind)
    order = {k: i for i, k in enumerate(KINDS)}
    counts = counts.assign(_k=counts["kind"].map(order)).sort_values(
        ["report", "_k", "count", "verb"], ascending=[True, True, False, True], kind="stable"
    )
    return counts[["report", "verb", "kind", "count"]].reset_index(drop=True)


def verb_kinds(case: Case) -> pd.DataFrame:
    """How many reporting verbs of each kind each report uses (reports × kinds, counted as
    in :func:`verb_table`; kinds no report uses are left out).

    An example is at the top of this module.
    """
    v = verb_table(case)
    table = v.pivot_table(
        index="report", columns="kind", values="count", aggfunc="sum", fill_value=0
    )
    table = table.reindex(
        index=case.report_numbers,
        columns=[k for k in KINDS if k in set(v["kind"])],
        fill_value=0,
    )
    table.columns.name = None
    return table.astype(int)


def unsourced(case: Case, report_id: str | None = None) -> pd.DataFrame:
    """Statements a report makes in its own voice, with no source (``source == 'outlet'``),
    with the annotator's note; all reports, or one (full id or three-digit number)."""
    a = _attributions(case)
    a = a[a["source"] == "outlet"]
    if report_id is not None:
        a = a[(a["report_id"] == report_id) | (a["report"] == report_id)]
    return a[["report", "quote", "note"]].reset_index(drop=True)


def plot_source_shares(case: Case, ax=None, weight: str = "statements", title: str | None = None):
    """A stacked horizontal bar per report: the share of its rows, sentences or words
    (``weight`` as in :func:`source_crosstab`) that comes from each source. Shares of 8 %
    or more are written on the bar. Returns the matplotlib Axes."""
    import matplotlib.pyplot as plt

    shares = source_crosstab(case, normalize=True, weight=weight)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.55 * len(shares) + 1.8))
    rows = list(shares.index)[::-1]  # first report at the top
    left = [0.0] * len(rows)
    for code, label in case_sources(case).items():
        values = [float(shares.loc[r, label]) for r in rows]
        ax.barh(
            rows,
            values,
            left=left,
            color=SOURCE_COLOURS[code],
            label=label,
            edgecolor="white",
            height=0.65,
        )
        for y, (x0, v) in enumerate(zip(left, values, strict=False)):
            if v >= 8:
                ax.text(
                    x0 + v / 2,
                    y,
                    f"{v:.0f}",
                    ha="center",
                    va="center",
                    fontsize=9,
                    color="black" if code in ("outlet", "media", "background") else "white",
                )
        left = [x0 + v for x0, v in zip(left, values, strict=False)]
    ax.set_xlim(0, 100)
    unit = {
        "statements": "rows (statements)",
        "words": "quoted words",
        "sentences": "sentences",
        "sentence words": "words",
    }[weight]
    ax.set_xlabel(f"% of the report's {unit}")
    ax.set_ylabel("report")
    ax.legend(ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.2), frameon=False)
    if title:
        ax.set_title(title)
    ax.figure.tight_layout()
    return ax
