"""The exercise notebooks with a live kernel, in a headless browser: Voilà and JupyterLab.

**Voilà** (the page runs the notebook; nobody can edit its cells). For every notebook in
``exercises/``, in two steps: *answer* — a student answers the first checkable item wrong
(the page says it is not saved yet: no name), types their name in the box of the first
exercise (the kernel then saves that attempt), then answers right, sees the feedback
Python gives for those answers, and the kernel saves both attempts to the student's
answer file; *reopen* — a new page load (a new kernel, a new browser profile) and the
name typed again show the saved answer; axe-core finds no serious or critical problem
inside the exercise widgets; one screenshot per notebook goes to
``book/_build/screenshots/live/``.

**JupyterLab** (as a student uses it). For every notebook: *answer* — open it from Lab's
file browser, Run All, answer the first checkable item wrong then right (the name is
written in the start cell of the copy, as a student would; ``any-case`` keeps the
placeholder and the name is typed in the box instead), save the notebook, Close and Shut
Down; *reopen* — open it again (a new kernel), Run All: the widget shows the answer
restored from disk.

No page asks anything of the internet or logs an error (in Lab, a notebook saved with
outputs logs "widget model not found" for its old widgets until it is run again: that
message alone is allowed there, and counted). One Voilà server, one Lab server and one
browser serve the whole module. Every Voilà page load runs a notebook in a new kernel
(about 5 CPU-seconds with Chromium), so pages are loaded ahead, two at a time, while
earlier ones are being answered: see :meth:`Live.pump`. Timings and axe findings are
printed at the end (``pytest -s``) and kept in ``book/_build/screenshots/live/figures.json``.
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
from tests.support.keys import key_answer, wrong_answers
from tests.support.lab import LabServer, jupyter_lab
from tests.support.paths import ROOT
from tests.widget_driver import exercise, fill, submit

NOTEBOOKS = sorted((ROOT / "exercises").glob("*.ipynb"))
SHOTS = ROOT / "book" / "_build" / "screenshots" / "live"
MARK = {"correct": "✔ Correct: ", "incorrect": "✘ Not yet: "}  # widget.js show()
SEVERE = ("(serious)", "(critical)")  # axe impacts that fail the test
TWO_TABS = "two-tabs.ipynb"  # a copy of 06-evaluation with a student of its own
PLACEHOLDER_CELL = 'start("your-name-here"'  # the start(…) cell of every exercise notebook
NAME_BOX = "Type your name to save your answers"  # widget.js: the name box's label
NOT_SAVED = "Not saved yet"  # widget.py: NOT_SAVED, the notice of an answer given before a name
LAB_TYPES_NAME = "any-case.ipynb"  # in Lab, this copy keeps the placeholder: the name is typed
STALE_WIDGET = "widget model not found"  # Lab, a saved notebook's widgets before it runs again

# The steps, in order: reopen a notebook one step after answering the next one, so that
# its page can load while that one is being answered. Then the single tests at the end.
STEPS = [("answer", NOTEBOOKS[0].name)]
for _before, _nb in itertools.pairwise(NOTEBOOKS):
    STEPS += [("answer", _nb.name), ("reopen", _before.name)]
STEPS += [
    ("reopen", NOTEBOOKS[-1].name),
    ("typed", "02-numbers.ipynb"),
    ("tab 1", TWO_TABS),
    ("tab 2", TWO_TABS),
]
SINGLE_TESTS = {
    "test_typed_durations_are_parsed_by_the_kernel": STEPS[-3:-2],
    "test_two_tabs_of_one_student_keep_both_answers": STEPS[-2:],
}
LOADING_AHEAD = 2  # pages loading (or loaded and not yet used): one per core


def student(notebook: str) -> str:
    """Each notebook copy saves as a student of its own. (With one student for all, the
    kernel of a page loaded ahead would overwrite the answers given meanwhile in another
    notebook: see test_two_tabs_of_one_student_keep_both_answers.)"""
    return f"Ada Live {notebook.removesuffix('.ipynb')}"


def lab_student(notebook: str) -> str:
    return f"Ada Lab {notebook.removesuffix('.ipynb')}"


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
        return {
            "selected": box.locator("input[type=checkbox]:checked").evaluate_all(
                "els => els.map(e => e.value)"
            )
        }
    if kind == "span_marking":
        return {
            "selected": box.locator('button.ml-span[aria-pressed="true"]').evaluate_all(
                "els => els.map(e => e.dataset.id)"
            )
        }
    if kind == "labelling":
        values = box.locator("select").evaluate_all("els => els.map(e => e.value)")
        segments = [seg["id"] for seg in spec["segments"]]
        return {"labels": {seg: v for seg, v in zip(segments, values, strict=True) if v}}
    if kind == "numeric":
        return {"value": float(box.get_by_label("Your answer", exact=True).input_value())}
    if kind == "duration":
        if box.get_by_label("The report does not say").is_checked():
            return {"not_stated": True}
        return {
            "number": float(box.get_by_label("Number").input_value()),
            "unit": box.get_by_label("Unit").input_value(),
            "bound": box.get_by_label("How is it hedged?").input_value(),
        }
    raise ValueError(f"no reader for {kind}")


def wait_saved(path: Path, item_id: str, attempts: int, timeout: float = 30) -> dict:
    """The item's record in the answer file ``path`` once it has ``attempts`` attempts
    (written by the kernel: the page never writes files)."""
    t0 = time.monotonic()
    while True:
        rec = (load(path)["items"] if path.exists() else {}).get(item_id, {})
        if rec.get("attempts") == attempts:
            return rec
        if time.monotonic() - t0 > timeout:
            raise AssertionError(
                f"{item_id}: attempt {attempts} not saved after {timeout} s; {path.name} has {rec}"
            )
        time.sleep(0.01)


def type_name(scope, name: str) -> float:
    """Type ``name`` in the name box (shown by the first exercise widget only) and press
    Save, as a student in Voilà does; wait until the kernel says where the answers go.
    Returns the seconds from the click to that note."""
    forms = scope.locator(".ml-name-form:not([hidden])")
    assert forms.count() == 1, f"{forms.count()} name boxes on the page: only the first widget asks"
    first = scope.locator(".ml-exercise").first.get_attribute("data-item")
    box = scope.locator(f'.ml-exercise[data-item="{first}"]')
    assert box.locator(".ml-name-form:not([hidden])").count() == 1, "not in the first widget"
    forms.get_by_label(NAME_BOX).fill(name)
    t0 = time.monotonic()
    forms.get_by_role("button", name="Save").click()
    box.locator(".ml-name-note", has_text="✔ Answers of").wait_for(timeout=30_000)
    took = time.monotonic() - t0
    assert f"“{name}”" in box.locator(".ml-name-note").text_content()
    assert forms.count() == 0, "the name box stays after a name was accepted"
    return round(took, 3)


def check_answer(box, it, answer: dict, verdict: str, fig: dict) -> float:
    """Fill in ``answer``, press Check and see Python's feedback for it (the check runs in
    the page; the kernel re-checks before saving). Returns time.monotonic() at the click."""
    expected = it.check(answer)
    assert expected.valid and expected.correct is (verdict == "correct")
    fill(box, it.spec, answer)
    t_click = time.monotonic()
    box.get_by_role("button", name="Check").click()
    box.page.wait_for_function("() => window.__mlProbe.shown !== null", timeout=10_000)
    probe = box.page.evaluate("window.__mlProbe")
    fig.setdefault("click_to_feedback_ms", []).append(round(probe["shown"] - probe["clicked"], 1))
    status = box.locator(".ml-feedback")  # (text_content: Lab may skip drawing it offscreen)
    assert squash(status.text_content()) == squash(MARK[verdict] + expected.feedback)
    return t_click


def assert_saved(rec: dict, it, answer: dict, verdict: str) -> None:
    assert rec["status"] == verdict and rec["correct"] is (verdict == "correct")
    assert canonical(rec["answer"]) == canonical(answer)
    assert squash(rec["feedback"]) == squash(it.check(answer).feedback)


def first_checkable(scope, items: dict, case) -> tuple:
    """The first item on the page that is checked (not free text), its key answer and a
    wrong answer to it."""
    on_page = scope.locator(".ml-exercise").evaluate_all("els => els.map(e => e.dataset.item)")
    item_id = next(i for i in on_page if items[i].kind != "free_text")
    it = items[item_id]
    right = key_answer(it, case)
    wrong = next(w for w in wrong_answers(it, right) if it.check(w).correct is False)
    return on_page, it, right, wrong


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
    pages: list = field(default_factory=list)  # every page opened, to close before the server

    def _load(self, notebook: str):
        page = self.browser.new_page()  # a new browser context: no localStorage from before
        self.pages.append(page)
        page.add_init_script(FIRST_WIDGET)
        page.goto(self.server.url(notebook), wait_until="commit", timeout=60_000)
        return page

    def pump(self) -> None:
        """Start loading the pages of the next steps, in order, up to LOADING_AHEAD of them;
        a reopen waits until its notebook has been answered (so that a failed answer step
        does not leave a page loading for nothing)."""
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

    def file(self, notebook: str) -> Path:
        return self.answers / student_file_name(student(notebook))

    def saved(self, notebook: str, item_id: str, attempts: int, timeout: float = 30) -> dict:
        return wait_saved(self.file(notebook), item_id, attempts, timeout)


def _copy(src: Path, dst: Path, name: str | None = None) -> Path:
    """A copy of an exercise notebook; with ``name``, written into its start(…) cell (as a
    student in JupyterLab does)."""
    nb = json.loads(src.read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if PLACEHOLDER_CELL in "".join(c["source"])]
    assert len(cells) == 1, f"{src.name}: expected one {PLACEHOLDER_CELL}…) cell"
    if name is not None:
        cells[0]["source"] = "".join(cells[0]["source"]).replace("your-name-here", name)
    dst.write_text(json.dumps(nb), encoding="utf-8")
    return dst


def _selected_steps(session, steps=None, param_test="test_live_notebook") -> list[tuple[str, str]]:
    """The steps pytest will run (so that nothing is loaded ahead for a deselected one)."""
    chosen = set()
    for item in session.items:
        if getattr(getattr(item, "module", None), "__name__", None) == __name__:
            spec = getattr(item, "callspec", None)
            if spec and item.originalname == param_test:
                chosen.add((spec.params["phase"], spec.params["notebook"]))
            elif not spec:
                chosen.update(SINGLE_TESTS.get(item.originalname, []))
    return [step for step in (steps or STEPS) if step in chosen]


@pytest.fixture(scope="module")
def browser():
    with launch_browser() as b:
        yield b


@pytest.fixture(scope="class")
def live(request, browser, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("voila")
    answers = workdir / "answers"
    copies = [_copy(nb, workdir / nb.name) for nb in NOTEBOOKS]
    copies.append(_copy(ROOT / "exercises" / "06-evaluation.ipynb", workdir / TWO_TABS))
    SHOTS.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    with voila(copies, workdir, env={"MEDIALIT_ANSWERS_DIR": str(answers)}) as server:
        started = time.monotonic() - t0
        state = Live(
            server,
            browser,
            answers,
            {"server_start_s": round(started, 2)},
            plan=_selected_steps(request.session),
        )
        yield state
        for page in state.pages:  # loaded ahead for a step that did not run, or left by a
            if not page.is_closed():  # failed one: closed before their server stops
                page.close()
        state.figures["kernels_running_at_end"] = len(server.kernels())
    state.figures["kernels_started"] = len(server.kernels_seen)
    state.figures["kernels_killed_after_stop"] = len(server.left_running)
    state.figures["voila_part_s"] = round(time.monotonic() - t0, 1)
    _write_figures("voila", state.figures)
    # The server and every kernel it started are gone (killed by id if Voila left any).
    assert server.process.returncode is not None
    assert not server.kernels_alive(), f"kernels still running: {server.kernels_alive()}"


def _write_figures(part: str, figures: dict) -> None:
    path = SHOTS / "figures.json"
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = {}
    if not isinstance(kept, dict) or not set(kept) <= {"voila", "lab"}:
        kept = {}  # from an older version of this test
    kept[part] = figures
    path.write_text(json.dumps(kept, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"\nlive notebooks ({part}):", json.dumps(figures, indent=1, ensure_ascii=False))


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
                "(s) => !!document.querySelector(s)?.closest('.ml-exercise')", sel
            )
            rule = f"{v['id']} ({node.get('impact') or v['impact']})"
            if within:
                inside.append(f"{rule}: {node['html'][:120]}")
            else:
                outside[rule] = outside.get(rule, 0) + 1
    return inside, [f"{k} ×{n}" for k, n in sorted(outside.items())]


def assert_clean_since_last(browser: OfflineBrowser, allow: str | None = None) -> int:
    """No blocked or failed request and no console error since the last call, except
    console errors containing ``allow``; returns how many of those there were. (A page
    loaded ahead for a later step reports here if it went wrong already; console errors
    name their page.)"""
    problems = {k: list(v) for k, v in browser.problems().items()}
    for records in browser.problems().values():
        records.clear()
    allowed = [e for e in problems["console_errors"] if allow and allow in e]
    problems["console_errors"] = [e for e in problems["console_errors"] if e not in allowed]
    assert not any(problems.values()), f"browser problems: {problems}"
    return len(allowed)


def answer_wrong_then_name_then_right(live: Live, items: dict, case, notebook: str) -> None:
    """No name yet: the first answer is checked but not saved. Once the name is typed, the
    kernel saves it; the next answer is saved at once."""
    fig = live.figures.setdefault(notebook, {})
    page, fig["first_widget_s"] = live.open(("answer", notebook))
    page.locator(".widget-label", has_text=NAME_BOX).wait_for(timeout=30_000)  # start(…)'s note
    on_page, it, right, wrong = first_checkable(page, items, case)
    fig.update(widgets=len(on_page), item=it.id, kind=it.kind)
    box = exercise(page, it.id)
    box.evaluate(PROBE)

    check_answer(box, it, wrong, "incorrect", fig)
    box.locator(".ml-notice", has_text=NOT_SAVED).wait_for(timeout=10_000)
    assert not live.file(notebook).exists()
    fig["name_to_saved_s"] = type_name(page, student(notebook))
    assert_saved(live.saved(notebook, it.id, attempts=1), it, wrong, "incorrect")
    assert box.locator(".ml-notice").inner_text() == ""
    label = page.locator(".widget-label", has_text="Answers of")  # the start(…) cell's note
    assert f"“{student(notebook)}”" in label.inner_text()
    assert load(live.file(notebook))["case"] == case.name

    t_click = check_answer(box, it, right, "correct", fig)
    assert_saved(live.saved(notebook, it.id, attempts=2), it, right, "correct")
    fig["click_to_saved_s"] = round(time.monotonic() - t_click, 3)
    live.close(page)
    live.answered[notebook] = Answered(it.id, right, it.check(right).feedback)
    live.pump()  # its reopen may load now


def reopen_shows_saved_answer(live: Live, items: dict, notebook: str) -> None:
    """A new page load starts a new kernel; the name typed again opens the answer file,
    and the widgets show what it holds."""
    fig = live.figures.setdefault(notebook, {})
    done = live.answered[notebook]
    page, fig["reopen_first_widget_s"] = live.open(("reopen", notebook))
    box = exercise(page, done.item_id)
    assert box.locator(".ml-feedback").inner_text() == ""  # nothing before the name
    fig["reopen_name_to_saved_s"] = type_name(page, student(notebook))
    assert page.evaluate("localStorage.length") == 0  # a new profile: it came from the kernel
    expect_restored(box, items[done.item_id], done)

    # A viewport as tall as the widget: parts of an element below it come out blank.
    height = max(720, int(box.bounding_box()["height"]) + 40)
    page.set_viewport_size({"width": 1280, "height": height})
    box.screenshot(path=SHOTS / f"{Path(notebook).stem}.png")

    t_axe = time.monotonic()
    inside, outside = axe_findings(page)
    fig.update(
        axe_s=round(time.monotonic() - t_axe, 2), axe_widgets=inside, axe_outside_widgets=outside
    )
    live.close(page)
    severe = [v for v in inside if v.split(": ", 1)[0].endswith(SEVERE)]
    assert not severe, f"serious/critical accessibility problems in exercise widgets: {severe}"


def expect_restored(box, it, done: Answered) -> None:
    """The widget shows the saved right answer: feedback, attempts and its controls."""
    status = box.locator(".ml-feedback")
    status.filter(has_text=MARK["correct"]).wait_for(state="attached", timeout=30_000)
    assert squash(status.text_content()) == squash(MARK["correct"] + done.feedback)
    assert "Attempts: 2" in box.locator(".ml-attempts").text_content()
    assert canonical(read_controls(box, it.spec)) == canonical(done.right)


class AnswerLost(AssertionError):
    pass


class TestVoila:
    """One Voilà server for these tests (stopped before the JupyterLab ones start)."""

    @pytest.mark.browser
    @pytest.mark.parametrize(
        "phase, notebook",
        [s for s in STEPS if s[0] in ("answer", "reopen")],
        ids=[f"{nb.removesuffix('.ipynb')}-{ph}" for ph, nb in STEPS if ph in ("answer", "reopen")],
    )
    def test_live_notebook(self, live, items, case, phase, notebook):
        live.pump()
        if phase == "answer" or notebook not in live.answered:  # (a reopen run on its own)
            answer_wrong_then_name_then_right(live, items, case, notebook)
        if phase == "reopen":
            reopen_shows_saved_answer(live, items, notebook)
        assert_clean_since_last(live.browser)

    @pytest.mark.browser
    def test_typed_durations_are_parsed_by_the_kernel(self, live):
        """A length typed in words is read by the Python library and checked; words it cannot
        read get a clear message."""
        page, _ = live.open(("typed", "02-numbers.ipynb"))
        box = exercise(page, "call_length_001")
        typed = box.get_by_label("…or type it in words:")
        typed.wait_for(state="visible", timeout=30_000)  # shown only once the kernel answers
        status = box.locator(".ml-feedback")
        box.evaluate(PROBE)

        typed.fill("banana")
        box.get_by_role("button", name="Read it").click()
        page.wait_for_function(
            "(el) => el.textContent.includes('could not find')",
            arg=status.element_handle(),
            timeout=10_000,
        )

        typed.fill("two and a half hours")
        typed.press("Enter")  # the kernel parses the words, then the page checks the answer
        page.wait_for_function(
            "(el) => el.textContent.startsWith('✔')", arg=status.element_handle(), timeout=10_000
        )
        probe = page.evaluate("window.__mlProbe")
        live.figures["kernel_parse_click_to_feedback_ms"] = round(
            probe["shown"] - probe["clicked"], 1
        )
        assert box.get_by_label("Number").input_value() == "150"
        assert box.get_by_label("Unit").input_value() == "minutes"
        live.close(page)
        assert_clean_since_last(live.browser)

    @pytest.mark.browser
    def test_two_tabs_of_one_student_keep_both_answers(self, live, items, case):
        """A student with the same notebook open twice answers one item in each tab: the
        answer file keeps both."""
        tabs = [live.open(step)[0] for step in STEPS[-2:]]
        for tab in tabs:
            type_name(tab, student(TWO_TABS))  # both kernels have opened the answer file
        on_page = (
            tabs[0].locator(".ml-exercise").evaluate_all("els => els.map(e => e.dataset.item)")
        )
        for tab, item_id in zip(tabs, on_page[:2], strict=True):
            it = items[item_id]
            submit(exercise(tab, item_id), it.spec, key_answer(it, case))
            live.saved(TWO_TABS, item_id, attempts=1)
        for tab in tabs:
            live.close(tab)
        assert_clean_since_last(live.browser)
        kept = set(load(live.file(TWO_TABS))["items"])
        if not set(on_page[:2]) <= kept:
            raise AnswerLost(f"answered {on_page[:2]} in two tabs; the file keeps {sorted(kept)}")


# ---------------------------------------------------------------- JupyterLab
LAB_STEPS = [(phase, nb.name) for nb in NOTEBOOKS for phase in ("answer", "reopen")]


@dataclass
class Lab:
    """One Lab server and one Lab page (a tab of the shared browser) for every notebook."""

    server: LabServer
    browser: OfflineBrowser
    page: object
    answers: Path
    figures: dict = field(default_factory=dict)
    answered: dict[str, Answered] = field(default_factory=dict)
    kernel: dict[str, str] = field(default_factory=dict)  # notebook -> its last kernel's id

    def file(self, notebook: str) -> Path:
        return self.answers / student_file_name(lab_student(notebook))

    def menu(self, menu: str, command: str) -> None:
        """Click a menu of the menu bar, then one of its items (by its Lab command id)."""
        self.page.get_by_role("menuitem", name=menu, exact=True).click()
        self.page.locator(f'.lm-Menu-item[data-command="{command}"]').click()

    def open_and_run_all(self, notebook: str, fig: dict, key: str):
        """Open ``notebook`` from the file browser (double-click), Run All; the notebook's
        panel once its start(…) cell has answered. Its kernel must be a new one."""
        page = self.page
        if page.locator(".jp-NotebookPanel").count():  # left open by a failed step
            self.recover()
        t0 = time.monotonic()
        page.locator(".jp-DirListing-item", has_text=notebook).dblclick()
        panel = page.locator(".jp-NotebookPanel")
        panel.locator(".jp-Cell").first.wait_for(timeout=60_000)
        # Its kernel is up (Run All before that asks which kernel to start).
        page.locator(".jp-StatusBar-TextItem", has_text="(ipykernel) | Idle").wait_for(
            timeout=60_000
        )
        self.menu("Run", "runmenu:run-all")  # Run All Cells
        named = notebook != LAB_TYPES_NAME
        note = "✔ Answers of" if named else NAME_BOX
        panel.locator(".widget-label", has_text=note).wait_for(state="attached", timeout=180_000)
        page.wait_for_function(  # every cell has run: no prompt shows [*] any more
            "(p) => ![...p.querySelectorAll('.jp-InputPrompt')]"
            ".some((e) => e.textContent.includes('*'))",
            arg=panel.element_handle(),
            timeout=120_000,
        )
        fig[key] = round(time.monotonic() - t0, 2)
        kernels = self.server.kernel_ids()
        assert len(kernels) == 1 and kernels[0] != self.kernel.get(notebook), kernels
        self.kernel[notebook] = kernels[0]
        self.server.kernels()  # note its process, to check at the end that it was stopped
        return panel

    def close_and_shut_down(self, save: bool) -> None:
        """File → Save Notebook (if ``save``), then File → Close and Shut Down Notebook."""
        if save:
            self.menu("File", "docmanager:save")  # Save Notebook
            self.page.locator(".jp-mod-dirty").wait_for(state="detached", timeout=30_000)
        self.menu("File", "filemenu:close-and-cleanup")  # Close and Shut Down Notebook
        self.page.locator(".jp-Dialog").get_by_role("button", name="Ok").click()
        self.page.locator(".jp-NotebookPanel").wait_for(state="detached", timeout=30_000)
        deadline = time.monotonic() + 30
        while self.server.kernel_ids():
            assert time.monotonic() < deadline, "the kernel was not shut down"
            time.sleep(0.1)

    def recover(self) -> None:
        """After a failed step: shut every kernel down and load Lab again, with a fresh
        workspace (else Lab opens the notebooks that were open again)."""
        for s in self.server.api("api/sessions"):
            self.server.api(f"api/sessions/{s['id']}", "DELETE")
        self.page.goto(self.server.url() + "&reset", timeout=60_000)
        self.page.locator(".jp-DirListing-item").first.wait_for(timeout=60_000)
        assert self.page.locator(".jp-NotebookPanel").count() == 0


@pytest.fixture(scope="class")
def lab(browser, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("lab")
    answers = workdir / "answers"
    (workdir / "notebooks").mkdir()
    for nb in NOTEBOOKS:
        _copy(
            nb,
            workdir / "notebooks" / nb.name,
            None if nb.name == LAB_TYPES_NAME else lab_student(nb.name),
        )
    SHOTS.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    with jupyter_lab(workdir, env={"MEDIALIT_ANSWERS_DIR": str(answers)}) as server:
        figures = {"server_start_s": round(time.monotonic() - t0, 2)}
        page = browser.new_page()
        for records in browser.problems().values():  # (the Voilà tests have checked theirs)
            records.clear()
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(server.url(), timeout=60_000)
        page.locator(".jp-DirListing-item").first.wait_for(timeout=60_000)
        figures["lab_page_s"] = round(time.monotonic() - t0 - figures["server_start_s"], 2)
        state = Lab(server, browser, page, answers, figures)
        yield state
        page.close()
        figures["kernels_running_at_end"] = len(server.kernel_ids())
    figures["kernels_started"] = len(server.kernels_seen)
    figures["kernels_killed_after_stop"] = len(server.left_running)
    figures["lab_part_s"] = round(time.monotonic() - t0, 1)
    _write_figures("lab", figures)
    assert server.process.returncode is not None
    assert not server.kernels_alive(), f"kernels still running: {server.kernels_alive()}"
    assert "Failed to get announcements" not in server.log.read_text(errors="replace")


def lab_answer_wrong_then_right(lab: Lab, items: dict, case, notebook: str) -> None:
    fig = lab.figures.setdefault(notebook, {})
    panel = lab.open_and_run_all(notebook, fig, "open_run_all_s")
    on_page, it, right, wrong = first_checkable(panel, items, case)
    fig.update(widgets=len(on_page), item=it.id, kind=it.kind)
    box = panel.locator(f'.ml-exercise[data-item="{it.id}"]')
    box.scroll_into_view_if_needed(timeout=30_000)
    box.evaluate(PROBE)
    if notebook == LAB_TYPES_NAME:  # no name in the cell: the name box, as in Voilà
        check_answer(box, it, wrong, "incorrect", fig)
        box.locator(".ml-notice", has_text=NOT_SAVED).wait_for(timeout=10_000)
        fig["name_to_saved_s"] = type_name(panel, lab_student(notebook))
    else:
        assert panel.locator(".ml-name-form:not([hidden])").count() == 0  # start("…") had a name
        check_answer(box, it, wrong, "incorrect", fig)
    assert_saved(wait_saved(lab.file(notebook), it.id, 1), it, wrong, "incorrect")
    t_click = check_answer(box, it, right, "correct", fig)
    assert_saved(wait_saved(lab.file(notebook), it.id, 2), it, right, "correct")
    fig["click_to_saved_s"] = round(time.monotonic() - t_click, 3)
    assert load(lab.file(notebook))["case"] == case.name
    lab.close_and_shut_down(save=True)  # as a student does at the end of a lesson
    lab.answered[notebook] = Answered(it.id, right, it.check(right).feedback)


def lab_reopen_shows_saved_answer(lab: Lab, items: dict, notebook: str) -> None:
    """The saved notebook opened again gets a new kernel; Run All restores the answer from
    the answer file (not from the browser: the widget's localStorage copies are removed)."""
    fig = lab.figures.setdefault(notebook, {})
    done = lab.answered[notebook]
    lab.page.evaluate(
        "Object.keys(localStorage).filter((k) => k.startsWith('medialit:'))"
        ".forEach((k) => localStorage.removeItem(k))"
    )
    panel = lab.open_and_run_all(notebook, fig, "reopen_run_all_s")
    if notebook == LAB_TYPES_NAME:
        fig["reopen_name_to_saved_s"] = type_name(panel, lab_student(notebook))
    box = panel.locator(f'.ml-exercise[data-item="{done.item_id}"]')
    box.scroll_into_view_if_needed(timeout=30_000)
    expect_restored(box, items[done.item_id], done)
    assert (
        lab.page.evaluate(
            "Object.keys(localStorage).filter((k) => k.startsWith('medialit:')).length"
        )
        == 0
    )
    box.screenshot(path=SHOTS / f"lab-{Path(notebook).stem}.png")
    lab.close_and_shut_down(save=False)


class TestLab:
    """One JupyterLab server and one Lab page for these tests."""

    @pytest.mark.browser
    @pytest.mark.parametrize(
        "phase, notebook",
        LAB_STEPS,
        ids=[f"{nb.removesuffix('.ipynb')}-{ph}" for ph, nb in LAB_STEPS],
    )
    def test_lab_notebook(self, lab, items, case, phase, notebook):
        try:
            if phase == "answer" or notebook not in lab.answered:  # (a reopen run on its own)
                lab_answer_wrong_then_right(lab, items, case, notebook)
            if phase == "reopen":
                lab_reopen_shows_saved_answer(lab, items, notebook)
            stale = assert_clean_since_last(lab.browser, allow=STALE_WIDGET)
        except Exception:
            lab.recover()
            raise
        lab.figures[notebook][f"{phase}_stale_widget_messages"] = stale
