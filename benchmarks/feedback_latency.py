"""Feedback latency: click -> feedback in Chromium, static book and live Voila kernel."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from report import ROOT, record, section

_INSTRUMENT = """(box) => {
  const status = box.querySelector('.ml-feedback');
  window.__lat = [];
  let t0 = null;
  // capture phase on the document: runs before the widget's own click handler
  document.addEventListener('click', (e) => {
    if (box.contains(e.target) && e.target.tagName === 'BUTTON') t0 = performance.now();
  }, true);
  new MutationObserver(() => {
    if (t0 === null) return;
    const start = t0, text = performance.now() - start;
    t0 = null;
    requestAnimationFrame(() => setTimeout(() => {
      window.__lat.push({text, paint: performance.now() - start});
    }, 0));
  }).observe(status, {childList: true, characterData: true, subtree: true});
}"""


def _median(xs):
    return statistics.median(xs) if xs else None


def _latency_summary(lat: list[dict]) -> tuple[float, float, str]:
    """Median click -> text and click -> next frame times of measured clicks, and a line."""
    text = _median([x["text"] for x in lat])
    paint = _median([x["paint"] for x in lat])
    line = (
        f"click -> text {text:.1f} ms, -> next frame {paint:.1f} ms (median; "
        f"max {max(x['paint'] for x in lat):.1f} ms)"
    )
    return text, paint, line


def bench_latency(html: Path | None, keep: Path, clicks: int, live_clicks: int) -> None:
    from tests.browser import launch_browser, serve, voila
    from tests.widget_driver import exercise

    section("Exercise feedback latency in Chromium (click -> feedback text, median)")
    if html is None:
        print("static: no built book (the build failed); skipped")
        record("latency: static page, click -> feedback", None, "ms", goal=50)
    else:
        with serve(html) as base, launch_browser() as browser:
            page = browser.new_page()
            page.goto(f"{base}/chapters/02-numbers.html")
            for item_id, setup in (
                ("call_length_001", "duration"),
                ("call_length_conflicts", "multiple_choice"),
            ):
                box = exercise(page, item_id)
                box.evaluate(_INSTRUMENT)
                check = box.get_by_role("button", name="Check")
                for i in range(clicks):
                    if setup == "duration":
                        box.get_by_label("Number").fill(str(2 + i % 2))
                    else:
                        box.locator("input[type=checkbox]").first.set_checked(i % 2 == 0)
                    check.click()
                    page.wait_for_function(f"window.__lat.length > {i}", timeout=10_000)
                lat = page.evaluate("window.__lat")
                text, paint, summary = _latency_summary(lat)
                print(f"static, {item_id} ({setup}, {len(lat)} clicks): {summary}")
                record(f"latency: static, {setup} item, click -> text", text, "ms", goal=50)
                record(f"latency: static, {setup} item, click -> next frame", paint, "ms", goal=50)
            problems = browser.problems()
            if any(problems.values()):
                print(f"  browser problems: {problems}")

    answers = keep / "answers"
    answers.mkdir(exist_ok=True)
    saved_env = os.environ.get("MEDIALIT_ANSWERS_DIR")
    os.environ["MEDIALIT_ANSWERS_DIR"] = str(answers)  # the kernel saves there, not in the repo
    workdir = keep / "voila"
    workdir.mkdir(exist_ok=True)
    t0 = time.perf_counter()
    try:
        with (
            voila(ROOT / "exercises" / "02-numbers.ipynb", workdir) as server,
            launch_browser() as browser,
        ):
            url = server.url("02-numbers.ipynb")
            page = browser.new_page()
            page.goto(url, timeout=90_000)
            box = page.locator(".ml-exercise").nth(1)
            typed = box.get_by_label("…or type it in words:")
            typed.wait_for(state="visible", timeout=90_000)
            ready = time.perf_counter() - t0
            box.evaluate(_INSTRUMENT)
            go = box.get_by_role("button", name="Read it")
            for i in range(live_clicks):
                typed.fill("two and a half hours" if i % 2 else "about two hours")
                go.click()
                page.wait_for_function(f"window.__lat.length > {i}", timeout=20_000)
            lat = page.evaluate("window.__lat")
        text, paint, summary = _latency_summary(lat)
        print(
            f"live (Voila, kernel round trip), {len(lat)} clicks on 'Read it': {summary}; "
            f"page ready with a kernel in {ready:.1f} s"
        )
        record("latency: live kernel, click -> feedback text", text, "ms", goal=200)
        record("voila: page ready with widgets", ready, "s", note="info, no goal")
    except Exception as e:
        print(f"live: FAILED: {type(e).__name__}: {str(e).splitlines()[0][:200]}")
        record("latency: live kernel, click -> feedback text", None, "ms", goal=200, note="failed")
    finally:
        if saved_env is None:
            os.environ.pop("MEDIALIT_ANSWERS_DIR", None)
        else:
            os.environ["MEDIALIT_ANSWERS_DIR"] = saved_env
