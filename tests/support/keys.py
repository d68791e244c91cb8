"""Accepted and wrong answers for every exercise item, read from the answer key
(solutions/answers/*.yaml) and the case data independently of the compiler. Shared by the
checker tests and the browser tests."""

from medialit.exercises.compile import answer_key

ANSWERS = answer_key()


def _first(x):
    return x[0] if isinstance(x, list) else x


def key_answer(it, case):
    """The accepted answer in widget form."""
    key = ANSWERS[it.spec["key"]] if it.spec.get("key") else it.derived  # a generic item's
    kind = it.kind
    if kind == "duration":
        c = case.claim(it.spec["report"], key["from_claims"])
        unit = case.facts.set_index("fact").loc[key["from_claims"], "unit"]  # minutes, days
        # An exact figure is given plainly: the widget's "about".
        return (
            {"not_stated": True}
            if not c.mentioned
            else {
                "number": c.value,
                "unit": unit,
                "bound": "about" if c.bound == "exact" else c.bound,
            }
        )
    if "conflicts" in key:
        return {"selected": key["conflicts"]}
    if key.get("mentions_from_claims"):
        return {
            "selected": [
                o["id"] for o in it.options if case.claim(it.spec["report"], o["id"]).mentioned
            ]
        }
    if key.get("from_furniture"):
        text = case.text(it.spec["report"])
        spans = case.furniture[case.furniture.report_id == it.spec["report"]]
        labels = {}
        for seg in it.spec["segments"]:
            at = text.index(seg["text"])
            labels[seg["id"]] = (
                "furniture" if ((spans.start <= at) & (at < spans.end)).any() else "article"
            )
        return {"labels": labels}
    if kind == "single_choice":
        return {"choice": _first(key["accept"])}
    if kind == "numeric":
        return {"value": _first(key["accept"])}
    if kind == "multiple_choice":
        return {"selected": list(key["accept"])}
    if kind == "span_marking":
        by_text = {s["text"]: s["id"] for s in it.spec["segments"]}
        return {"selected": [by_text.get(x, x) for x in key["accept"]]}
    if kind == "labelling":
        return {"labels": {k: _first(v) for k, v in key["accept"].items()}}
    if kind == "free_text":
        return {"text": "A short answer that quotes the report."}
    raise AssertionError(f"no key reader for {it.id}")


def wrong_answers(it, right):
    """Every single-step departure from the key that the key does not also accept."""
    kind, out = it.kind, []
    if kind == "single_choice":
        out = [{"choice": o["id"]} for o in it.options if o["id"] != right["choice"]]
    elif kind in ("multiple_choice", "span_marking"):
        ids = (
            [o["id"] for o in it.options]
            if kind == "multiple_choice"
            else [s["id"] for s in it.spec["segments"] if s["selectable"]]
        )
        for i in ids:
            flipped = set(right["selected"]) ^ {i}
            out.append({"selected": sorted(flipped)})
    elif kind == "labelling":
        for seg, lab in right["labels"].items():
            for other in (lb["id"] for lb in it.spec["labels"] if lb["id"] != lab):
                out.append({"labels": {**right["labels"], seg: other}})
    elif kind == "numeric":
        out = [{"value": float(right["value"]) + 1000}]
    elif kind == "duration":
        out = [{"number": 999, "unit": "minutes", "bound": "about"}]
        if not right.get("not_stated"):
            out += [{"not_stated": True}] + [
                {**right, "bound": b}
                for b in ("about", "at_least", "at_most")
                if b != right["bound"]
            ]
    return out
