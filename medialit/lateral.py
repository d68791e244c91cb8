"""Trace it to the original: what the official accounts of an event say, which report
follows which account, and what kind of text each report is.

*Lateral reading* means leaving the page to check it: a fact-checker opens a new tab
before trusting a text. For this case the originals are the two readouts of the call,
published on 18 March 2025 by the White House and the Kremlin. ``data/readouts.csv``
records, per topic and readout, whether the readout states it and a few of its words
(never the readout whole); ``data/genres.csv`` records what kind of text each report is,
with verbatim evidence from its article. Both tables are optional: a case may leave them
with only their header.

Two kinds of quotation marks keep the sources apart in the book: guillemets for a
readout's words, like «expert groups» (they must be in ``readouts.csv``), curly quotes for
a report's, like “Kyiv” (they must be verbatim in a report).

A one-report case built here, with a readouts table in a temporary folder (the functions
below are shown on it):

>>> import tempfile
>>> from pathlib import Path
>>> tmp = tempfile.TemporaryDirectory()
>>> _ = (Path(tmp.name) / "readouts.csv").write_text(
...     "topic,label,readout,stated,words,fact,cue,checked_in,note\\n"
...     "hockey,Hockey games,white_house,no,,,hockey,,\\n"
...     "hockey,Hockey games,kremlin,yes,hockey matches,,hockey,,\\n"
...     "energy,Energy strikes,white_house,yes,energy and infrastructure,,energy,,\\n"
...     "energy,Energy strikes,kremlin,yes,energy infrastructure,,energy,,\\n"
...     "length,How long the call lasted,white_house,no,,call_length,,,\\n"
...     "length,How long the call lasted,kremlin,no,,call_length,,,\\n", encoding="utf-8")
>>> text = ("They will watch hockey games, the Kremlin said. "
...         "They spoke of energy and infrastructure for 90 minutes.")
>>> reports = pd.DataFrame({"report_id": ["001-talks"], "text": [text], "clean_text": [text],
...                         "has_headline": [False]})
>>> codes = pd.DataFrame({"report_id": ["001-talks"] * 2, "source": ["kremlin", "outlet"],
...                       "quote": ["They will watch hockey games, the Kremlin said",
...                                 "They spoke of energy and infrastructure for 90 minutes"]})
>>> facts = pd.DataFrame({"fact": ["call_length"], "kind": ["quantity"], "unit": ["minutes"]})
>>> claims = pd.DataFrame({"report_id": ["001-talks"], "fact": ["call_length"],
...                        "mentioned": [True], "value": [90.0], "bound": ["about"],
...                        "attribution": ["outlet"], "quote": ["for 90 minutes"]})
>>> case = Case("toy", "A toy case", Path(tmp.name), reports=reports, furniture=pd.DataFrame(),
...             facts=facts, claims=claims, tables={"attributions": codes},
...             metadata={"resources": [{"name": "readouts", "path": "readouts.csv"}]})
>>> only_in_one(case).to_dict("index")
{'hockey': {'label': 'Hockey games', 'only in': 'Kremlin', 'words': 'hockey matches'}}
>>> print(trace_table(case).to_string())  # doctest: +NORMALIZE_WHITESPACE
                                          White House                  Kremlin        001
topic
Hockey games                                       no         «hockey matches»    Kremlin
Energy strikes            «energy and infrastructure»  «energy infrastructure»  own voice
How long the call lasted                           no                       no  own voice
>>> number_sources(case).loc["How long the call lasted", "001"]
'90 minutes (own voice)'
>>> wording(case).loc["001"].to_dict()
{'energy and infrastructure': 1, 'energy infrastructure': 0}
>>> tmp.cleanup()
"""

from __future__ import annotations

import io
import re

import pandas as pd

from medialit.case import (
    MAX_TABLE_BYTES,
    Case,
    CaseFileError,
    Problem,
    decode_case_text,
    read_case_file,
)

METHOD = (
    "So far you have read each report on its own page. Professional fact-checkers do "
    "something else first: they **leave the page**. They open a new tab and look up where "
    "a claim first appeared and who is behind it. Researchers call this **lateral reading** "
    "(Wineburg and McGrew 2019): reading across sources instead of down one page."
)
"""The method of the chapter "Trace it to the original", the same for every case: the
default chapter (book/chapters/03-lateral.ipynb, through glue) and every case book
(:mod:`medialit.casebook`) show this text."""

REFERENCE = (
    "Wineburg, S., & McGrew, S. (2019). Lateral reading and the nature of expertise: "
    "Reading less and learning more when evaluating digital information. *Teachers "
    "College Record*, 121(11), 1–40."
)
"""The study the method names, as the chapter's reference list gives it (a list item)."""

TABLES = ("readouts", "genres")
"""The two optional tables this module reads (in datapackage.json; a new case gets them
with only their header)."""

READOUT_NAMES = {"white_house": "White House", "kremlin": "Kremlin"}
"""Display names of readout ids; any other id is shown with its underscores as spaces."""

STATED = {"yes": "yes", "no": "no", "unchecked": "not checked"}
"""How the ``stated`` column reads in tables."""

GENRES = {
    "takeaways_explainer": (
        "takeaways explainer",
        "sums up the main points for a reader in a hurry",
        ("short sections, quotes from the main sources, a line of the writer's own judgement"),
    ),
    "interpretive_chronicle": (
        "interpretive chronicle",
        "tells the story of the day and interprets it in its own voice",
        "scenes and details, judgements with no source",
    ),
    "expert_analysis": (
        "analysis built on experts",
        "explains what the event means",
        "a claim in the headline, named analysts who carry the judgements",
    ),
    "statement_rewrite": (
        "rewrite of official statements",
        "passes on what the parties said, with no reporting of its own",
        "'according to', no reporter, no other source, few or no quotes",
    ),
    "news_report": (
        "news report",
        "reports what happened, most important first",
        "who, what, when; quotes from several sides; background further down",
    ),
}
"""The kinds of text (genre id: name, what it sets out to do, what a reader can expect)."""

OWN_VOICE_LABEL = "own voice"
CREDIT_NAMES = {
    "white_house": "White House",
    "kremlin": "Kremlin",
    "official": "official",
    "analyst": "analyst",
    "civil_society": "civil society",
    "public": "the public",
    "media": "other media",
    "outlet": OWN_VOICE_LABEL,
    "background": OWN_VOICE_LABEL,
}
"""How a report's attribution reads in :func:`trace_table` (own voice: no source named)."""

MAX_PHRASE_WORDS = 12
MAX_WORDS_PER_READOUT = 150  # short phrases only: never a readout copied whole
READOUT_QUOTE = re.compile(r"«([^»]+)»")
"""A readout's words in the book's text: «like this»."""
_SOURCE_TITLE = re.compile(r"^(?P<name>.+?) readout: (?P<title>.+)$")


def readout_name(readout: str) -> str:
    """``'white_house'`` -> ``'White House'``."""
    return READOUT_NAMES.get(readout, readout.replace("_", " ").capitalize())


def _resource(case: Case, name: str) -> dict:
    for r in case.metadata.get("resources", []):
        if r.get("name") == name:
            return r
    raise KeyError(
        f"case {case.name!r} has no {name} table (add {name}.csv and its schema "
        "to datapackage.json: see data/datapackage.json)"
    )


def _table(case: Case, name: str) -> pd.DataFrame:
    path = _resource(case, name)["path"]
    try:
        data = read_case_file(case.path, path, MAX_TABLE_BYTES)
    except (FileNotFoundError, CaseFileError) as e:
        raise KeyError(f"case {case.name!r}: {path} cannot be read ({e})") from None
    return pd.read_csv(io.StringIO(decode_case_text(data)), dtype=str, keep_default_na=False)


def readouts(case: Case) -> pd.DataFrame:
    """``readouts.csv`` as it is: one row per topic and readout (topic, label, readout,
    stated, words, fact, cue, checked_in, note)."""
    return _table(case, "readouts")


def genres(case: Case) -> pd.DataFrame:
    """``genres.csv`` as it is: report_id, genre, evidence, clue, note."""
    return _table(case, "genres")


def originals(case: Case) -> pd.DataFrame:
    """The originals, from the package's sources ("<Name> readout: <title>"): readout
    name, title and the site to look for it on."""
    rows = []
    for s in case.metadata.get("sources", []):
        m = _SOURCE_TITLE.match(s.get("title", ""))
        if m:
            rows.append({"readout": m["name"], "title": m["title"], "site": s.get("path", "")})
    return pd.DataFrame(rows, columns=["readout", "title", "site"]).set_index("readout")


def _topics(case: Case) -> pd.DataFrame:
    """One row per topic, in file order: label, fact, cue, note."""
    r = readouts(case)
    return r.drop_duplicates("topic").set_index("topic")[["label", "fact", "cue", "note"]]


def readout_table(case: Case) -> pd.DataFrame:
    """Topics x readouts: for each readout, its words in guillemets where they are
    recorded, else whether it states the topic (yes, no, not checked)."""
    r = readouts(case)
    cell = [
        f"«{w}»" if w and s == "yes" else STATED[s]
        for s, w in zip(r["stated"], r["words"], strict=False)
    ]
    wide = r.assign(cell=cell).pivot(index="topic", columns="readout", values="cell")
    order = list(dict.fromkeys(r["readout"]))
    wide = wide.reindex(index=_topics(case).index, columns=order)
    wide.index = _topics(case)["label"]
    wide.index.name = "topic"
    wide.columns = [readout_name(c) for c in order]
    return wide


def only_in_one(case: Case) -> pd.DataFrame:
    """The topics that exactly one readout states while every other says nothing of them
    (a topic any readout leaves unchecked is left out). Index: topic id; columns: label,
    only in (the readout's name), words."""
    r = readouts(case)
    rows = []
    for topic, g in r.groupby("topic", sort=False):
        said = g[g["stated"] == "yes"]
        if len(said) == 1 and (g["stated"] != "unchecked").all():
            rows.append(
                {
                    "topic": topic,
                    "label": said["label"].iloc[0],
                    "only in": readout_name(said["readout"].iloc[0]),
                    "words": said["words"].iloc[0],
                }
            )
    return pd.DataFrame(rows, columns=["topic", "label", "only in", "words"]).set_index("topic")


def wording(
    case: Case, phrases: tuple[str, ...] = ("energy and infrastructure", "energy infrastructure")
) -> pd.DataFrame:
    """How often each report's article uses each phrase (case ignored, any spacing), by
    report number."""
    out = {}
    for rid in case.report_ids:
        text = " ".join(case.text(rid, clean=True).split()).lower()
        out[Case.number(rid)] = {
            p: len(re.findall(r"(?<![\w-])" + re.escape(p.lower()) + r"(?![\w-])", text))
            for p in phrases
        }
    table = pd.DataFrame(out).T
    table.index.name = "report"
    return table


def _cue_sentences(case: Case, cue: str) -> pd.DataFrame:
    from medialit.attribution import sentence_codes

    codes = sentence_codes(case)
    pattern = re.compile(cue, re.IGNORECASE)
    return codes[[pattern.search(s) is not None for s in codes["sentence"]]]


def mentions(case: Case) -> pd.DataFrame:
    """Every topic in every report: topic, report (three digits), mentioned, credited (the
    sources the report gives: attribution codes, '+'-joined) and quote (the first passage).
    A topic with a ``fact`` is read from ``claims.csv``; one with a ``cue`` from the article
    sentences the cue finds, with the codes of the attributions table."""
    rows = []
    for topic, t in _topics(case).iterrows():
        if t["fact"]:
            claims = case.fact_claims(t["fact"])
            for _, c in claims.iterrows():
                rows.append(
                    {
                        "topic": topic,
                        "report": Case.number(c["report_id"]),
                        "mentioned": bool(c["mentioned"]),
                        "credited": c["attribution"] if c["mentioned"] else "",
                        "quote": c["quote"] if c["mentioned"] else "",
                    }
                )
        else:
            found = _cue_sentences(case, t["cue"])
            for rid in case.report_ids:
                mine = found[found["report_id"] == rid]
                codes = list(dict.fromkeys(c for s in mine["sources"] for c in s))
                rows.append(
                    {
                        "topic": topic,
                        "report": Case.number(rid),
                        "mentioned": not mine.empty,
                        "credited": "+".join(codes),
                        "quote": mine["sentence"].iloc[0] if len(mine) else "",
                    }
                )
    return pd.DataFrame(rows, columns=["topic", "report", "mentioned", "credited", "quote"])


def _credit(codes: str) -> str:
    names = [CREDIT_NAMES.get(c, c) for c in codes.split("+") if c]
    return " + ".join(dict.fromkeys(names))


def trace_table(
    case: Case, topics: list[str] | None = None, with_readouts: bool = True
) -> pd.DataFrame:
    """Topics x (readouts, then reports): what each readout says (as in
    :func:`readout_table`; left out with ``with_readouts=False``), and for each report whom
    it credits where it mentions the topic ('own voice' when it names no source; '—' when
    it does not mention it). ``topics`` picks and orders the rows (topic ids; default: all).

    An example is at the top of this module.
    """
    top = _topics(case)
    chosen = list(topics) if topics is not None else list(top.index)
    table = readout_table(case)
    table.index = top.index
    m = mentions(case)
    m["cell"] = [
        (_credit(c) or OWN_VOICE_LABEL) if ok else "—"
        for ok, c in zip(m["mentioned"], m["credited"], strict=False)
    ]
    reports = m.pivot(index="topic", columns="report", values="cell")
    out = (table.join(reports) if with_readouts else reports.reindex(top.index)).loc[chosen]
    out.index = top.loc[chosen, "label"]
    out.index.name = "topic"
    return out


def single_source_trace(case: Case) -> pd.DataFrame:
    """The topics only one readout states (:func:`only_in_one`): which readout, then whom
    each report credits where it mentions the topic (as in :func:`trace_table`)."""
    only = only_in_one(case)
    out = trace_table(case, list(only.index), with_readouts=False)
    out.insert(0, "only in", only["only in"].tolist())
    return out


def chapter_figures(case: Case) -> dict[str, int | float | str]:
    """The figures the chapter's prose states, computed (pasted into the text with glue):
    the White House wording in 004, how many topics only one readout states, and the
    loaded-word rates by kind of text. (Made for the default case: it names its reports;
    tests/test_march_figures.py pins some.)
    """
    only = only_in_one(case)["only in"]
    density = density_by_genre(case)
    rate = density["per 1,000 words"]
    densest, lowest = rate.idxmax(), rate.idxmin()
    words = case.reports.set_index(case.reports["report_id"].map(Case.number))["body_words"]
    return {
        "and_004": int(wording(case).loc["004", "energy and infrastructure"]),
        "n_only": len(only),
        "n_only_kremlin": int((only == readout_name("kremlin")).sum()),
        "n_only_wh": int((only == readout_name("white_house")).sum()),
        "densest": densest,
        "densest_rate": float(rate[densest]),
        "densest_genre": density.loc[densest, "kind of text"],
        "lowest": lowest,
        "lowest_rate": float(rate[lowest]),
        "lowest_genre": density.loc[lowest, "kind of text"],
        "quoted_000": int(density.loc["000", "quoted"]),
        "total_000": int(density.loc["000", "total"]),
        "quoted_002": int(density.loc["002", "quoted"]),
        "words_000": int(words["000"]),
        "shortest": words.idxmin(),
    }


def _figure(claim: pd.Series, unit: str) -> str:
    from medialit.discrepancy import describe, number

    if claim["bound"] in ("at_least", "at_most"):
        return describe(claim["value"], claim["bound"], unit)
    return f"{number(claim['value'])} {unit}"


def number_sources(case: Case) -> pd.DataFrame:
    """The numbers the readouts table links to a quantity fact: whether each readout gives
    it, then each report's figure with whom the report credits ('—' when it gives none).

    An example is at the top of this module.
    """
    top = _topics(case)
    kinds = case.facts.set_index("fact")
    chosen = [
        t
        for t, row in top.iterrows()
        if row["fact"] and kinds.loc[row["fact"], "kind"] == "quantity"
    ]
    table = readout_table(case)
    table.index = top.index
    r = readouts(case)
    for rid in r["readout"].unique():  # yes / no here: the words are in readout_table
        rows = r[r["readout"] == rid].set_index("topic")
        table[readout_name(rid)] = [STATED[s] for s in rows.loc[table.index, "stated"]]
    for rid in case.report_ids:
        cells = []
        for topic in chosen:
            fact = top.loc[topic, "fact"]
            c = case.claim(rid, fact)
            unit = str(kinds.loc[fact, "unit"]).split()[0]  # "prisoners per side" -> "prisoners"
            unit = "minutes" if unit == "hours" else unit
            cells.append(
                f"{_figure(c, unit)} ({_credit(c['attribution']) or OWN_VOICE_LABEL})"
                if c["mentioned"]
                else "—"
            )
        table.loc[chosen, Case.number(rid)] = cells
    out = table.loc[chosen]
    out.index = top.loc[chosen, "label"]
    out.index.name = "number"
    return out


def genre_of(case: Case) -> pd.Series:
    """Each report's genre id, by report number."""
    g = genres(case).drop_duplicates("report_id").set_index("report_id")["genre"]
    g.index = [Case.number(rid) for rid in g.index]
    return g


def genre_table(case: Case) -> pd.DataFrame:
    """One row per report: the kind of text, what it sets out to do, and the evidence
    (each quote with what it shows), by report number."""
    g = genres(case)
    rows = {}
    for rid, part in g.groupby("report_id", sort=False):
        name, aim, _ = GENRES[part["genre"].iloc[0]]
        rows[Case.number(rid)] = {
            "kind of text": name,
            "sets out to": aim,
            "evidence": " ¶ ".join(
                f"“{e}”: {c}" for e, c in zip(part["evidence"], part["clue"], strict=False)
            ),
        }
    out = pd.DataFrame(rows).T
    out.index.name = "report"
    return out


def genre_guide() -> pd.DataFrame:
    """The kinds of text this book tells apart: what each sets out to do, and what a
    reader can expect to find in it."""
    return pd.DataFrame(
        [{"kind of text": n, "sets out to": a, "expect": e} for n, a, e in GENRES.values()]
    ).set_index("kind of text")


def readout_words_in_own_voice(case: Case) -> pd.DataFrame:
    """Loaded phrases a report uses in its own voice (no quotation marks) that contain a
    readout's recorded words, such as 002's “forced mobilizations” for the Kremlin's
    «forced mobilization»: report, phrase, readout, readout's words."""
    from medialit.framing import loaded_words_table

    own = loaded_words_table(case, whose="outlet")
    r = readouts(case)
    r = r[(r["stated"] == "yes") & (r["words"] != "")]
    rows = []
    for _, w in own.iterrows():
        for _, ro in r.iterrows():
            if ro["words"].lower() in w["quote"].lower():
                rows.append(
                    {
                        "report": w["report"],
                        "phrase": w["quote"],
                        "readout": readout_name(ro["readout"]),
                        "readout's words": ro["words"],
                    }
                )
    return pd.DataFrame(rows, columns=["report", "phrase", "readout", "readout's words"])


def density_by_genre(case: Case) -> pd.DataFrame:
    """Loaded phrases per report (:func:`medialit.framing.loaded_counts`) beside its kind
    of text, with the share of them that are quoted."""
    from medialit.framing import loaded_counts

    counts = loaded_counts(case)
    g = genre_of(case)
    out = pd.DataFrame(
        {"kind of text": [GENRES[g[r]][0] for r in counts.index]}, index=counts.index
    ).join(counts)
    out["quoted, %"] = (100 * out["quoted"] / out["total"]).round().astype(int)
    return out


# --------------------------------------------------------------------------- any case

LOOK_FOR = {
    "white_house": "the White House readout",
    "kremlin": "the Kremlin readout",
    "official": "their own statement",
    "analyst": "their own work",
    "civil_society": "the group's own statement",
    "public": "their own posts, if the report names them",
    "media": "that outlet's report",
}
"""Where to look for the original of a claim, by whom the report credits it."""

_NO_SOURCE = {"", "outlet", "background"}
_QUOTED = re.compile(r"[“\"]([^”\"]{8,120})[”\"]")


def source_key(name: str) -> str:
    """How two spellings of one source are matched: case, spacing and a leading 'the' do
    not count.

    >>> source_key("The  Hospital trust") == source_key("the hospital trust")
    True
    """
    words = str(name).lower().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def named_claims(case: Case) -> pd.DataFrame:
    """The claims a report credits to a named source: mentioned, attributed to someone
    other than the report itself, with a source name. Columns of claims.csv plus
    ``source`` (:func:`source_key` of the name), in claims.csv order.

    >>> from medialit import load_case
    >>> int(named_claims(load_case("tests/cases/crowd-event"))["source"].value_counts()["police"])
    4
    """
    c = case.claims
    keep = (
        c["mentioned"].astype(bool)
        & ~c["attribution"].fillna("").isin(list(_NO_SOURCE))
        & (c["source_name"].fillna("").map(source_key) != "report itself")
        & c["source_name"].fillna("").str.strip().astype(bool)
    )
    return c[keep].assign(source=lambda t: t["source_name"].map(source_key))


_STOP = {"a", "an", "and", "from", "in", "of", "or", "the", "to", "what"}


def search_terms(source_name: str, label: str, quote: str, value=None) -> str:
    """What to type into a search engine to find a claim's original: the source's name
    and the longest phrase of three words or more the claim quotes (in double quotes, to
    find those exact words); else the topic's words (less the name's and small words) and
    the figure, when the claim writes it in digits.

    >>> search_terms("the hospital trust", "The hospital trust's reasons", "The trust said")
    'hospital trust reasons'
    >>> search_terms("Mayor Ruth Okafor", "Mayor's statement", 'It was “painful but unavoidable”')
    'Mayor Ruth Okafor "painful but unavoidable"'
    >>> search_terms("police", "Crowd size", "About 8,000 people, police said", 8000.0)
    'police crowd size 8,000'
    >>> search_terms("police", "Arrests", "A dozen arrests, police said", 12.0)
    'police arrests'
    """
    from medialit.discrepancy import number

    words = str(source_name).split()
    name = " ".join(words[1:] if words[:1] in (["the"], ["The"]) else words)
    phrases = [" ".join(q.split()).strip(" ,.;:") for q in _QUOTED.findall(str(quote))]
    phrases = [q for q in phrases if len(q.split()) >= 3]
    if phrases:
        return f'{name} "{max(phrases, key=len)}"'
    known = {w.lower() for w in name.split()}
    topic = [
        w
        for w in str(label).lower().split()
        if w not in _STOP and w.removesuffix("'s").removesuffix("’s") not in known
    ]
    figure = []
    if value is not None and pd.notna(value) and str(value) != "":
        digits = number(float(value))
        figure = [digits] if digits in str(quote) else []
    return " ".join([name, *topic, *figure])


def claims_to_trace(case: Case) -> pd.DataFrame:
    """One row per claim a report credits to a named source (:func:`named_claims`):
    by report (its number): topic, claim (the quote), credited to (as the report names the
    source), look for (where the original would be) and search for (:func:`search_terms`).
    The sources credited with the most claims come first: one look-up checks them all.

    >>> from medialit import load_case
    >>> t = claims_to_trace(load_case("tests/cases/crowd-event"))
    >>> t.index[0], *t.iloc[0][["credited to", "search for"]]
    ('000', 'police', 'police crowd size 8,000')
    """
    named = named_claims(case)
    labels = case.facts.set_index("fact")["label"]
    kinds = case.facts.set_index("fact")["kind"]
    counts = named["source"].value_counts()
    first = {s: i for i, s in enumerate(dict.fromkeys(named["source"]))}
    order = sorted(
        range(len(named)),
        key=lambda i: (
            -counts[named["source"].iloc[i]],
            first[named["source"].iloc[i]],
            case.report_ids.index(named["report_id"].iloc[i]),
        ),
    )
    rows = []
    for _, c in named.iloc[order].iterrows():
        value = c["value"] if kinds.get(c["fact"]) == "quantity" else None
        rows.append(
            {
                "report": Case.number(c["report_id"]),
                "topic": labels.get(c["fact"], c["fact"]),
                "claim": c["quote"],
                "credited to": c["source_name"],
                "look for": LOOK_FOR.get(c["attribution"], LOOK_FOR["official"]),
                "search for": search_terms(
                    c["source_name"], labels.get(c["fact"], ""), c["quote"], value
                ),
            }
        )
    columns = ["report", "topic", "claim", "credited to", "look for", "search for"]
    return pd.DataFrame(rows, columns=columns).set_index("report")


def has_readouts(case: Case) -> bool:
    """Whether the case records official accounts to trace claims to (a readouts table
    with rows)."""
    try:
        return not readouts(case).empty
    except KeyError:
        return False


# --------------------------------------------------------------------------- checks


def check(case: Case) -> list[Problem]:
    """What is wrong with the case's readouts and genres tables, as located problems (an
    empty list when all is well; a case without the tables has nothing to check):

    * a phrase longer than :data:`MAX_PHRASE_WORDS` words, words for a readout that does
      not state the topic, more than :data:`MAX_WORDS_PER_READOUT` words recorded for one
      readout (phrases, never the readout);
    * a topic without a row for every readout, or whose rows differ in label, fact or cue;
      a topic with both or neither of fact and cue, an unknown fact, a cue that is not a
      regular expression; a readout not named in the package's sources;
    * a report with no genre or two, or evidence that is not verbatim in its article.
    """
    problems: list[Problem] = []
    names = {r.get("name") for r in case.metadata.get("resources", [])}
    if "readouts" in names:
        problems += _readout_problems(case, readouts(case))
    if "genres" in names:
        problems += _genre_problems(case, genres(case))
    return problems


def _readout_problems(case: Case, r: pd.DataFrame) -> list[Problem]:
    out = []
    facts = set(case.facts["fact"])
    ids = list(dict.fromkeys(r["readout"]))
    known = {readout_name(i) for i in ids}
    named = set(originals(case).index)
    for name in sorted(known - named):
        out.append(
            Problem(
                "datapackage.json",
                None,
                "sources",
                f"no source titled '{name} readout: ...' names the original",
            )
        )
    for i, row in r.iterrows():
        line = i + 2
        n = len(row["words"].split())
        if n > MAX_PHRASE_WORDS:
            out.append(
                Problem(
                    "readouts.csv",
                    line,
                    "words",
                    f"{n} words: record a phrase of at most {MAX_PHRASE_WORDS}",
                )
            )
        if row["words"] and row["stated"] != "yes":
            out.append(
                Problem(
                    "readouts.csv", line, "words", "words for a topic the readout does not state"
                )
            )
        if bool(row["fact"]) == bool(row["cue"]):
            out.append(
                Problem(
                    "readouts.csv",
                    line,
                    "fact",
                    "give either a fact (from facts.csv) or a cue, not both or neither",
                )
            )
        elif row["fact"] and row["fact"] not in facts:
            out.append(Problem("readouts.csv", line, "fact", f"unknown fact {row['fact']!r}"))
        elif row["cue"]:
            try:
                re.compile(row["cue"])
            except re.error as e:
                out.append(Problem("readouts.csv", line, "cue", f"not a regular expression: {e}"))
    for topic, g in r.groupby("topic", sort=False):
        if sorted(g["readout"]) != sorted(ids):
            out.append(
                Problem(
                    "readouts.csv",
                    None,
                    "readout",
                    f"topic {topic}: one row for each of {', '.join(ids)}",
                )
            )
        for col in ("label", "fact", "cue"):
            if g[col].nunique() > 1:
                out.append(
                    Problem(
                        "readouts.csv",
                        int(g.index[1]) + 2,
                        col,
                        f"topic {topic}: the same {col} on every row",
                    )
                )
    for rid, g in r.groupby("readout", sort=False):
        total = sum(len(w.split()) for w in g["words"])
        if total > MAX_WORDS_PER_READOUT:
            out.append(
                Problem(
                    "readouts.csv",
                    None,
                    "words",
                    f"{total} words recorded for {rid}: keep to short phrases "
                    f"(at most {MAX_WORDS_PER_READOUT} a readout)",
                )
            )
    return out


def _genre_problems(case: Case, g: pd.DataFrame) -> list[Problem]:
    out = []
    clean = dict(zip(case.reports["report_id"], case.reports["clean_text"], strict=False))
    for i, row in g.iterrows():
        if row["report_id"] not in clean:
            out.append(
                Problem("genres.csv", i + 2, "report_id", f"unknown report {row['report_id']!r}")
            )
        elif row["evidence"] not in clean[row["report_id"]]:
            out.append(
                Problem(
                    "genres.csv",
                    i + 2,
                    "evidence",
                    f"not found verbatim in the article of {row['report_id']}",
                )
            )
    if len(g):
        for rid in case.report_ids:
            kinds = set(g.loc[g["report_id"] == rid, "genre"])
            if len(kinds) != 1:
                out.append(
                    Problem(
                        "genres.csv",
                        None,
                        "genre",
                        f"report {rid}: one genre, on every row ({len(kinds)} found)",
                    )
                )
    return out
