"""Answer any exercise widget in a browser page the way a student would (Playwright)."""

from __future__ import annotations


def exercise(page, item_id: str):
    """The widget of one item, once it has rendered."""
    box = page.locator(f'.ml-exercise[data-item="{item_id}"]')
    box.wait_for(state="visible", timeout=30_000)
    return box


def fill(box, spec: dict, answer: dict) -> None:
    """Set the controls of ``box`` to ``answer`` (the widget's answer form)."""
    kind = spec["kind"]
    if kind == "single_choice":
        box.locator(f'input[value="{answer["choice"]}"]').check()
    elif kind == "multiple_choice":
        for o in spec["options"]:
            box.locator(f'input[value="{o["id"]}"]').set_checked(o["id"] in answer["selected"])
    elif kind == "span_marking":
        for seg in (s for s in spec["segments"] if s["selectable"]):
            button = box.locator(f'button.ml-span[data-id="{seg["id"]}"]')
            want = "true" if seg["id"] in answer["selected"] else "false"
            if button.get_attribute("aria-pressed") != want:
                button.click()
    elif kind == "labelling":
        selects = box.locator("select")
        for i, seg in enumerate(spec["segments"]):
            selects.nth(i).select_option(answer["labels"][seg["id"]])
    elif kind == "numeric":
        box.get_by_label("Your answer", exact=True).fill(str(answer["value"]))
    elif kind == "duration":
        box.get_by_label("The report does not say").set_checked(bool(answer.get("not_stated")))
        if not answer.get("not_stated"):
            box.get_by_label("Number").fill(f"{answer['number']:g}")
            box.get_by_label("Unit").select_option(answer["unit"])
            box.get_by_label("How is it hedged?").select_option(answer["bound"])
    elif kind == "free_text":
        box.get_by_label("Your answer", exact=True).fill(answer["text"])
    else:
        raise ValueError(f"no driver for {kind}")


def submit(box, spec: dict, answer: dict) -> str:
    """Fill in ``answer``, press Check (or Save) and return what the feedback line says."""
    fill(box, spec, answer)
    box.get_by_role("button", name="Save" if spec["kind"] == "free_text" else "Check").click()
    return box.get_by_role("status").inner_text()
