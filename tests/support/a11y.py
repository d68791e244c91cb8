"""Accessibility checks for browser tests (Playwright pages). Not a test module.

axe-core comes from the ``axe-playwright-python`` package, which bundles ``axe.min.js``
(axe-core 4.12): it is put into the page from Python (``page.evaluate`` or an init
script), so running it makes no network request.
"""

from __future__ import annotations

import re

from axe_playwright_python.base import AXE_SCRIPT

SERIOUS = {"serious", "critical"}
# Roles a person operates; each needs an accessible name.
CONTROL_ROLES = {
    "button",
    "checkbox",
    "radio",
    "combobox",
    "textbox",
    "spinbutton",
    "slider",
    "switch",
    "listbox",
    "searchbox",
    "link",
    "tab",
    "menuitem",
}
_SNAPSHOT_LINE = re.compile(r'^\s*- (?P<role>[a-z]+)(?: "(?P<name>(?:[^"\\]|\\.)*)")?')


def _options(rules: list[str] | None) -> dict:
    options: dict = {"preload": False, "resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    return options


_RUN = """([context, options]) => axe.run(context || document, options).then(r =>
    r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                            nodes: v.nodes.map(n => n.target.join(' '))})))"""


def preload_axe(page) -> None:
    """Have every document ``page`` opens from now on start with axe-core loaded (the
    script crosses to the browser once, not once per page)."""
    page.add_init_script(script=AXE_SCRIPT)


def _inject(page) -> None:
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)


def axe(page, include: str | None = None, rules: list[str] | None = None) -> list[dict]:
    """axe-core violations on ``page`` (or only inside the elements matching the CSS
    selector ``include``): a list of {id, impact, help, nodes: [css targets]}.

    ``preload: false``: axe's CSSOM preload (used only by the css-orientation-lock rule)
    resolves the theme's ``@import "../basic.css"`` against the page root and requests
    ``/basic.css``, a 404 that is axe's, not the book's."""
    _inject(page)
    return page.evaluate(_RUN, [{"include": [[include]]} if include else None, _options(rules)])


def axe_start(page, rules: list[str] | None = None) -> None:
    """Start axe on the whole page and return at once (axe runs in the page's own
    renderer process, so another page can load meanwhile); see :func:`axe_finish`."""
    _inject(page)
    # axe.run does most of its work before its first await: start it from a timer, so
    # that this call returns before the work begins.
    page.evaluate(
        f"""(args) => {{ window.__axeRun = new Promise(r => setTimeout(r, 0))
                                      .then(() => ({_RUN})(args)); }}""",
        [None, _options(rules)],
    )


def axe_finish(page) -> list[dict]:
    """The violations of the run :func:`axe_start` began on ``page``."""
    return page.evaluate("() => window.__axeRun")


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in SERIOUS]


def describe(violations: list[dict], where: str = "") -> list[str]:
    """One readable line per violation."""
    return [
        f"{where}{v['id']} ({v['impact']}): {v['help']}; {len(v['nodes'])} node(s), "
        f"e.g. {v['nodes'][:2]}"
        for v in violations
    ]


def unnamed_controls(locator) -> list[str]:
    """Controls inside ``locator`` that have no accessible name, from the accessibility
    tree as Chromium computes it (Playwright's ARIA snapshot)."""
    out = []
    for line in locator.aria_snapshot().splitlines():
        m = _SNAPSHOT_LINE.match(line)
        if m and m["role"] in CONTROL_ROLES and not (m["name"] or "").strip():
            out.append(line.strip())
    return out


def has_focus_indicator(page) -> bool:
    """Whether the focused element draws a visible focus ring (outline or box-shadow)."""
    return page.evaluate("""() => {
        const s = getComputedStyle(document.activeElement);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
            || s.boxShadow !== 'none';
    }""")
