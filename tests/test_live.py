"""The exercise notebooks with a live kernel (Voila), in a headless browser.

For every notebook in ``exercises/``, in two steps: *answer* — a student answers the first
checkable item wrong, then right, sees the feedback Python gives for those answers, and
the kernel saves both attempts to the student's answer file; *reopen* — a new page load
(a new kernel, a new browser profile) shows the saved answer again; axe-core finds no
serious or critical problem inside the exercise widgets; one screenshot per notebook goes
to ``book/_build/screenshots/live/``. No page asks anything of the internet or logs an
error.

One Voila server and one browser serve the whole module. Every page load runs a notebook
in a new kernel (about 5 CPU-seconds with Chromium), so pages are loaded ahead, two at a
time, while earlier ones are being answered: see :meth:`Live.pump`. Timings and axe
findings are printed at the end (``pytest -s``) and kept in
``book/_build/screenshots/live/figures.json``.
"""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from medialit.answers import load, student_file_name
from medialit.exercises import catalog
from medialit.exercises.generic import case_items
from tests.browser import OfflineBrowser, VoilaServer, launch_browser, voila
from tests.conftest import ROOT
from tests.keys import key_answer, wrong_answers
from tests.widget_driver import exercise, fill, submit

NOTEBOOKS = sorted((ROOT / "exercises").glob("*.ipynb"))
SHOTS = ROOT / "book" / "_build" / "screenshots" / "live"
MARK = {"correct": "✔ Correct: ", "incorrect": "✘ Not yet: "}  # widget.js show()
SEVERE = ("(serious)", "(critical)")  # axe impacts that fail the test
TWO_TABS = "two-tabs.ipynb"  # a copy of 06-evaluation with a student of its own

# The steps, in order: reopen a notebook one step after answering the next one, so that
# its page can load while that one is being answered. Then the single tests at the end.
STEPS = [("answer", NOTEBOOKS[0].name)]
for _before, _nb in itertools.pairwise(NOTEBOOKS):
    STEPS += [("answer", _nb.name), ("reopen", _before.name)]
STEPS += [("reopen", NOTEBOOKS[-1].name), ("typed", "02-numbers.ipynb"),
          ("tab 1", TWO_TABS), ("tab 2", TWO_TABS)]
SINGLE_TESTS = {"test_typed_durations_are_parsed_by_the_kernel": STEPS[-3:-2],
                "test_two_tabs_of_one_student_keep_both_answers": STEPS[-2:]}
LOADING_AHEAD = 2  # pages loading (or loaded and not yet used): one per core


def student(notebook: str) -> str:
    """Each notebook copy saves as a student of its own. (With one student for all, the
    kernel of a page loaded ahead would overwrite the answers given meanwhile in another
    notebook: see test_two_tabs_of_one_student_keep_both_answers.)"""
    return f"Ada Live {notebook.removesuffix('.ipynb')}"


# Times a click in the page and the first change of the feedback line after it, on the
# page's own clock (so Playwright's round trips are not counted).
PROBE = """(box) => {
  const status = box.querySelector('[role=status]');
  const probe = window.__mlProbe = {clicked: null, shown: null};
  box.addEventListener('click', () => { probe.clicked = performance.now(); probe.shown = null; },
                       {capture: true});
  new MutationObserver(() => { if (probe.clicked !== null && probe.shown === null)
                                 probe.shown = performance.now(); })
    .observe(status, {childList: true, characterData: true, subtree: true});
}"""

# Records, on the page's clock (from the start of navigation), when the first exercise
# widget appeared, whenever Python gets round to asking.
FIRST_WIDGET = """new MutationObserver((_, obs) => {
  if (document.querySelector('.ml-exercise')) {
    window.__mlFirstWidget = performance.now();
    obs.disconnect();
  }
}).observe(document, {childList: true, subtree: true});"""


def squash(text: str) -> str:
    return " ".join(text.split())


def canonical(answer: dict) -> dict:
    """An answer in a form that compares equal however the widget or the key wrote it."""
    out = {}
    for k, v in answer.items():
        if k == "selected":
            v = sorted(v)
        elif isinstance(v, int | float) and not isinstance(v, bool):
            v = float(v)
        out[k] = v
    return out


def read_controls(box, spec: dict) -> dict:
    """What the widget's controls show, in its answer form (the inverse of widget_driver.fill)."""
    kind = spec["kind"]
    if kind == "single_choice":
        return {"choice": box.locator("input[type=radio]:checked").get_attribute("value")}
    if kind == "multiple_choice":
        return {"selected": box.locator("input[type=checkbox]:checked").evaluate_all(
            "els => els.map(e => e.value)")}
    if kind == "span_marking":
        return {"selected": box.locator('button.ml-span[aria-pressed="true"]').evaluate_all(
            "els => els.map(e => e.dataset.id)")}
    if kind == "labelling":
        values = box.locator("select").evaluate_all("els => els.map(e => e.value)")
        segments = [seg["id"] for seg in spec["segments"]]
        return {"labels": {seg: v for seg, v in zip(segments, values, strict=True) if v}}
    if kind == "numeric":
        return {"value": float(box.get_by_label("Your answer").input_value())}
    if kind == "duration":
        if box.get_by_label("The report does not say").is_checked():
            return {"not_stated": True}
        return {"number": float(box.get_by_label("Number").input_value()),
                "unit": box.get_by_label("Unit").input_value(),
                "bound": box.get_by_label("How is it hedged?").input_value()}
    raise ValueError(f"no reader for {kind}")


@dataclass
class Answered:
    """What the answer step did, for the reopen step."""

    item_id: str
    right: dict
    feedback: str  # Python's feedback for the right answer


@dataclass
class Live:
    server: VoilaServer
    browser: OfflineBrowser
    answers: Path  # MEDIALIT_ANSWERS_DIR of the server and its kernels
    figures: dict = field(default_factory=dict)
    plan: list[tuple[str, str]] = field(default_factory=lambda: list(STEPS))  # selected
    answered: dict[str, Answered] = field(default_factory=dict)  # by notebook
    loading: dict[tuple[str, str], object] = field(default_factory=dict)  # step -> page
    used: set[tuple[str, str]] = field(default_factory=set)

    def _load(self, notebook: str):
        page = self.browser.new_page()  # a new browser context: no localStorage from before
        page.add_init_script(FIRST_WIDGET)
        page.goto(self.server.url(notebook), wait_until="commit", timeout=60_000)
        return page

    def pump(self) -> None:
        """Start loading the pages of the next steps, in order, up to LOADING_AHEAD of them;
        a reopen waits until its notebook has been answered (its kernel reads the answer
        file when it runs start())."""
        for step in self.plan:
            if len(self.loading) >= LOADING_AHEAD:
                return
            if step in self.used or step in self.loading:
                continue
            phase, notebook = step
            if phase == "reopen" and notebook not in self.answered:
                return
            self.loading[step] = self._load(notebook)

    def open(self, step: tuple[str, str]):
        """The page for a step (a new kernel) once its first exercise widget is drawn, and
        the seconds that took from the start of its load (on the page's clock)."""
        self.used.add(step)
        page = self.loading.pop(step, None) or self._load(step[1])
        self.pump()
        page.locator(".ml-exercise").first.wait_for(state="visible", timeout=90_000)
        self.server.kernels()  # note its kernel, to check at the end that it was stopped
        return page, round(page.evaluate("window.__mlFirstWidget") / 1000, 2)

    @staticmethod
    def close(page) -> None:
        """Close the tab. Its kernel keeps running until the server stops: Voila 0.5.13
        asks for a shutdown on ``beforeunload``, but the server refuses that request (403,
        "'_xsrf' argument missing", voila-dashboards/voila#1458), so it is not triggered."""
        page.close()

    def saved(self, notebook: str, item_id: str, attempts: int, timeout: float = 30) -> dict:
        """The item's record in the notebook student's answer file once it has ``attempts``
        attempts (written by the kernel: the page never writes files)."""
        path = self.answers / student_file_name(student(notebook))
        t0 = time.monotonic()
        while True:
            rec = (load(path)["items"] if path.exists() else {}).get(item_id, {})
            if rec.get("attempts") == attempts:
                return rec
            if time.monotonic() - t0 > timeout:
                raise AssertionError(f"{item_id}: attempt {attempts} not saved after {timeout} s; "
                                     f"{path.name} has {rec}")
            time.sleep(0.01)


def _student_copy(src: Path, dst: Path) -> Path:
    nb = json.loads(src.read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if 'start("your-name-here")' in "".join(c["source"])]
    assert len(cells) == 1, f"{src.name}: expected one start(\"your-name-here\") cell"
    cells[0]["source"] = "".join(cells[0]["source"]).replace("your-name-here", student(dst.name))
    dst.write_text(json.dumps(nb), encoding="utf-8")
    return dst


def _selected_steps(session) -> list[tuple[str, str]]:
    """The steps pytest will run (so that nothing is loaded ahead for a deselected one)."""
    chosen = set()
    for item in session.items:
        if getattr(getattr(item, "module", None), "__name__", None) == __name__:
            spec = getattr(item, "callspec", None)
            chosen.update([(spec.params["phase"], spec.params["notebook"])] if spec else
                          SINGLE_TESTS.get(item.originalname, []))
    return [step for step in STEPS if step in chosen]


@pytest.fixture(scope="module")
def live(request, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("voila")
    answers = workdir / "answers"
    copies = [_student_copy(nb, workdir / nb.name) for nb in NOTEBOOKS]
    copies.append(_student_copy(ROOT / "exercises" / "06-evaluation.ipynb", workdir / TWO_TABS))
    SHOTS.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    with voila(copies, workdir, env={"MEDIALIT_ANSWERS_DIR": str(answers)}) as server:
        started = time.monotonic() - t0
        with launch_browser() as browser:
            state = Live(server, browser, answers, {"server_start_s": round(started, 2)},
                         plan=_selected_steps(request.session))
            yield state
        state.figures["kernels_running_at_end"] = len(server.kernels())
    state.figures["kernels_started"] = len(server.kernels_seen)
    state.figures["kernels_killed_after_stop"] = len(server.left_running)
    (SHOTS / "figures.json").write_text(json.dumps(state.figures, indent=1, ensure_ascii=False))
    print("\nlive notebooks:", json.dumps(state.figures, indent=1, ensure_ascii=False))
    # The server and every kernel it started are gone (killed by id if Voila left any).
    assert server.process.returncode is not None
    assert not server.kernels_alive(), f"kernels still running: {server.kernels_alive()}"


@pytest.fixture(scope="module")
def items(case):
    return {i.id: i for i in [*catalog(), *case_items(case)]}


def axe_findings(page) -> tuple[list[str], list[str]]:
    """axe-core on the whole page (axe-playwright-python injects its bundled axe.min.js
    from disk; it fetches nothing): violations inside exercise widgets, one per element,
    and outside them (Voila's page, notebook outputs) as "rule-id (impact) ×elements"."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    inside, outside = [], {}
    for v in violations:
        for node in v["nodes"]:
            sel = node["target"][0]
            within = isinstance(sel, str) and page.evaluate(
                "(s) => !!document.querySelector(s)?.closest('.ml-exercise')", sel)
            rule = f"{v['id']} ({node.get('impact') or v['impact']})"
            if within:
                inside.append(f"{rule}: {node['html'][:120]}")
            else:
                outside[rule] = outside.get(rule, 0) + 1
    return inside, [f"{k} ×{n}" for k, n in sorted(outside.items())]


def assert_clean_since_last(browser: OfflineBrowser) -> None:
    """No blocked or failed request and no console error since the last call. (A page
    loaded ahead for a later step reports here if it went wrong already; console errors
    name their page.)"""
    problems = {k: list(v) for k, v in browser.problems().items()}
    for records in browser.problems().values():
        records.clear()
    assert not any(problems.values()), f"browser problems: {problems}"


@pytest.mark.browser
@pytest.mark.parametrize("phase, notebook", [s for s in STEPS if s[0] in ("answer", "reopen")],
                         ids=[f"{nb.removesuffix('.ipynb')}-{ph}" for ph, nb in STEPS
                              if ph in ("answer", "reopen")])
def test_live_notebook(live, items, case, phase, notebook):
    live.pump()
    if phase == "answer" or notebook not in live.answered:  # (a reopen run on its own)
        answer_wrong_then_right(live, items, case, notebook)
    if phase == "reopen":
        reopen_shows_saved_answer(live, items, notebook)
    assert_clean_since_last(live.browser)


def answer_wrong_then_right(live: Live, items: dict, case, notebook: str) -> None:
    fig = live.figures.setdefault(notebook, {})
    page, fig["first_widget_s"] = live.open(("answer", notebook))
    on_page = page.locator(".ml-exercise").evaluate_all("els => els.map(e => e.dataset.item)")
    item_id = next(i for i in on_page if items[i].kind != "free_text")  # first checkable one
    it = items[item_id]
    fig.update(widgets=len(on_page), item=item_id, kind=it.kind)
    right = key_answer(it, case)
    wrong = next(w for w in wrong_answers(it, right) if it.check(w).correct is False)

    box = exercise(page, item_id)
    box.evaluate(PROBE)
    status = box.get_by_role("status")
    for n, (answer, verdict) in enumerate([(wrong, "incorrect"), (right, "correct")], 1):
        expected = it.check(answer)
        assert expected.valid and expected.correct is (verdict == "correct")
        fill(box, it.spec, answer)
        t_click = time.monotonic()
        box.get_by_role("button", name="Check").click()
        page.wait_for_function("() => window.__mlProbe.shown !== null", timeout=10_000)
        probe = page.evaluate("window.__mlProbe")
        latency = round(probe["shown"] - probe["clicked"], 1)
        fig.setdefault("click_to_feedback_ms", []).append(latency)
        assert squash(status.inner_text()) == squash(MARK[verdict] + expected.feedback)

        rec = live.saved(notebook, item_id, attempts=n)
        fig.setdefault("click_to_saved_s", []).append(round(time.monotonic() - t_click, 3))
        assert rec["status"] == verdict and rec["correct"] is (verdict == "correct")
        assert canonical(rec["answer"]) == canonical(answer)
        assert squash(rec["feedback"]) == squash(expected.feedback)
    live.close(page)
    live.answered[notebook] = Answered(item_id, right, it.check(right).feedback)
    live.pump()  # its reopen may load now


def reopen_shows_saved_answer(live: Live, items: dict, notebook: str) -> None:
    """A new page load starts a new kernel, whose start() reads the answer file."""
    fig = live.figures.setdefault(notebook, {})
    done = live.answered[notebook]
    page, fig["reopen_first_widget_s"] = live.open(("reopen", notebook))
    box = exercise(page, done.item_id)
    assert page.evaluate("localStorage.length") == 0  # a new profile: it came from the kernel
    assert squash(box.get_by_role("status").inner_text()) == \
        squash(MARK["correct"] + done.feedback)
    assert "Attempts: 2" in box.locator(".ml-attempts").inner_text()
    assert canonical(read_controls(box, items[done.item_id].spec)) == canonical(done.right)

    # A viewport as tall as the widget: parts of an element below it come out blank.
    height = max(720, int(box.bounding_box()["height"]) + 40)
    page.set_viewport_size({"width": 1280, "height": height})
    box.screenshot(path=SHOTS / f"{Path(notebook).stem}.png")

    t_axe = time.monotonic()
    inside, outside = axe_findings(page)
    fig.update(axe_s=round(time.monotonic() - t_axe, 2), axe_widgets=inside,
               axe_outside_widgets=outside)
    live.close(page)
    severe = [v for v in inside if v.split(": ", 1)[0].endswith(SEVERE)]
    assert not severe, f"serious/critical accessibility problems in exercise widgets: {severe}"


@pytest.mark.browser
def test_typed_durations_are_parsed_by_the_kernel(live):
    """A length typed in words is read by the Python library and checked; words it cannot
    read get a clear message."""
    page, _ = live.open(("typed", "02-numbers.ipynb"))
    box = exercise(page, "call_length_001")
    typed = box.get_by_label("…or type it in words:")
    typed.wait_for(state="visible", timeout=30_000)  # shown only once the kernel answers
    status = box.get_by_role("status")
    box.evaluate(PROBE)

    typed.fill("banana")
    box.get_by_role("button", name="Read it").click()
    page.wait_for_function("(el) => el.textContent.includes('could not find')",
                           arg=status.element_handle(), timeout=10_000)

    typed.fill("two and a half hours")
    typed.press("Enter")  # the kernel parses the words, then the page checks the answer
    page.wait_for_function("(el) => el.textContent.startsWith('✔')",
                           arg=status.element_handle(), timeout=10_000)
    probe = page.evaluate("window.__mlProbe")
    live.figures["kernel_parse_click_to_feedback_ms"] = round(probe["shown"] - probe["clicked"], 1)
    assert box.get_by_label("Number").input_value() == "150"
    assert box.get_by_label("Unit").input_value() == "minutes"
    live.close(page)
    assert_clean_since_last(live.browser)


class AnswerLost(AssertionError):
    pass


@pytest.mark.browser
def test_two_tabs_of_one_student_keep_both_answers(live, items, case):
    """A student with the same notebook open twice answers one item in each tab: the
    answer file keeps both."""
    tabs = [live.open(step)[0] for step in STEPS[-2:]]  # both kernels have run start()
    on_page = tabs[0].locator(".ml-exercise").evaluate_all("els => els.map(e => e.dataset.item)")
    for tab, item_id in zip(tabs, on_page[:2], strict=True):
        it = items[item_id]
        submit(exercise(tab, item_id), it.spec, key_answer(it, case))
        live.saved(TWO_TABS, item_id, attempts=1)
    for tab in tabs:
        live.close(tab)
    assert_clean_since_last(live.browser)
    path = live.answers / student_file_name(student(TWO_TABS))
    kept = set(load(path)["items"])
    if not set(on_page[:2]) <= kept:
        raise AnswerLost(f"answered {on_page[:2]} in two tabs; the file keeps {sorted(kept)}")
