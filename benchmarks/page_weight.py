"""Page weight: bytes a browser transfers for the student book's pages."""

from __future__ import annotations

import gzip
import html as htmlmod
import json
from pathlib import Path

from report import fmt, record, section

from medialit.book import STATE_TAG


def repeated_widget_code(page: Path) -> dict:
    """Bytes of a page that are repeated copies of the widget's JavaScript/CSS."""
    raw = page.read_bytes()
    out = {
        "bytes": len(raw),
        "gzip": len(gzip.compress(raw, 6)),
        "widgets": 0,
        "esm": 0,
        "esm_repeated": 0,
        "css_repeated": 0,
    }
    m = STATE_TAG.search(raw.decode("utf-8"))
    if not m:
        return out
    state = json.loads(
        htmlmod.unescape(m.group(2)) if m.group(2).lstrip().startswith("&") else m.group(2)
    )
    esm, css = [], []
    for model in state.get("state", {}).values():
        st = model.get("state", {})
        if "_esm" in st:
            esm.append(len(json.dumps(st["_esm"]).encode()))
            css.append(len(json.dumps(st.get("_css", "")).encode()))
    out["widgets"] = len(esm)
    out["esm"] = esm[0] if esm else 0
    out["esm_repeated"] = sum(esm) - (max(esm) if esm else 0)
    out["css_repeated"] = sum(css) - (max(css) if css else 0)
    return out


def _gzip_size(html: Path, url: str, base: str) -> int | None:
    path = html / url.replace(base, "").split("?")[0].lstrip("/")
    return len(gzip.compress(path.read_bytes(), 6)) if path.is_file() else None


def bench_weight(html: Path | None) -> None:
    from tests.browser import launch_browser, serve
    from tests.support.pageload import load_and_measure as _load_and_measure

    section("Page weight of the student book (Chromium, CDP Network events)")
    if html is None:
        print("no built book; skipped")
        return
    with serve(html) as base, launch_browser() as browser:
        # a plain context: Playwright's request routing would switch the HTTP cache off
        context = browser.browser.new_context()
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        first = _load_and_measure(page, cdp, f"{base}/intro.html")
        second = _load_and_measure(page, cdp, f"{base}/chapters/02-numbers.html")
        third = _load_and_measure(page, cdp, f"{base}/chapters/03-attribution.html")
        done = {"02-numbers.html", "03-attribution.html"}
        others = {
            p.name: _load_and_measure(page, cdp, f"{base}/chapters/{p.name}")
            for p in sorted((html / "chapters").glob("*.html"))
            if p.name not in done
        }
        context.close()
    for name, rows in (
        ("first page intro.html, empty cache", first),
        ("second page chapters/02-numbers.html, warm cache", second),
        ("third page chapters/03-attribution.html, warm cache", third),
    ):
        total = sum(r["bytes"] for r in rows)
        cached = sum(1 for r in rows if r["cache"])
        revalidated = sum(1 for r in rows if r["status"] == 304)
        gz = sum(_gzip_size(html, r["url"], base) or r["bytes"] for r in rows if not r["cache"])
        print(
            f"{name}: {fmt(total, 'B')} transferred in {len(rows)} requests "
            f"({cached} from cache, {revalidated} revalidated with 304); "
            f"about {fmt(gz, 'B')} if served gzipped"
        )
        record(
            f"weight: {name.split(',')[0]}",
            total,
            "B",
            goal=(500 if "empty cache" in name else 200) * 1024,
            note=f"{len(rows)} requests, {cached} cached; ~{fmt(gz, 'B')} gzipped",
        )
        if any("fontawesome.js" in r["url"] for r in rows):
            print("  fontawesome.js was requested (medialit/pageweight.py removes it)")
    for name, rows in others.items():  # every other chapter page, the cache warm
        total = sum(r["bytes"] for r in rows)
        cached = sum(1 for r in rows if r["cache"])
        print(
            f"chapters/{name}, warm cache: {fmt(total, 'B')} in {len(rows)} requests "
            f"({cached} from cache)"
        )
        record(
            f"weight: chapters/{name}, warm cache",
            total,
            "B",
            goal=200 * 1024,
            note=f"{len(rows)} requests, {cached} cached",
        )
    largest = sorted(
        first + [r for r in second + third if not r["cache"]], key=lambda r: -r["bytes"]
    )[:10]
    print(
        "10 largest resources transferred (and their size gzip -6 would give, as most web "
        "hosts serve them; this test server does not compress):"
    )
    for r in largest:
        gz = _gzip_size(html, r["url"], base)
        print(f"  {fmt(r['bytes'], 'B'):>10}  gzip {fmt(gz, 'B'):>9}  {r['url'].replace(base, '')}")

    total2 = sum(r["bytes"] for r in second) or 1
    print("What is left to cut:")
    for r in largest[:2]:
        path = r["url"].replace(base, "").split("?")[0]
        where = next(
            (
                n
                for n, rows in (
                    ("first page", first),
                    ("second page", second),
                    ("third page", third),
                )
                if r in rows
            ),
            "",
        )
        print(
            f"  {path}: {fmt(r['bytes'], 'B')} on the {where}"
            + (f" ({r['bytes'] / total2:.0%} of it)" if where == "second page" else "")
            + (
                "; the theme's icon script (pydata-sphinx-theme), on every page"
                if path.endswith("fontawesome.js")
                else ""
            )
        )
    print(
        "Widget code inside chapter pages (the build replaces each widget's copy of "
        "widget.js and widget.css by a reference to widget-assets/medialit-widget.js):"
    )
    print(
        f"  {'page':<28} {'bytes':>10} {'gzip':>9} {'widgets':>7} {'_esm each':>9} "
        f"{'repeated _esm+_css':>18} {'share':>6}"
    )
    total_rep = total = 0
    for p in sorted((html / "chapters").glob("*.html")):
        f = repeated_widget_code(p)
        rep = f["esm_repeated"] + f["css_repeated"]
        total_rep += rep
        total += f["bytes"]
        print(
            f"  {p.name:<28} {fmt(f['bytes'], 'B'):>10} {fmt(f['gzip'], 'B'):>9} "
            f"{f['widgets']:>7} {fmt(f['esm'], 'B'):>9} {fmt(rep, 'B'):>18} "
            f"{rep / f['bytes']:6.0%}"
        )
    shared = html / "widget-assets" / "medialit-widget.js"
    size = shared.stat().st_size if shared.is_file() else 0
    print(
        f"  all chapters: {fmt(total, 'B')} of HTML; {fmt(total_rep, 'B')} "
        f"({total_rep / total:.0%}) are references to the shared code, which is "
        f"{fmt(size, 'B')} once per site"
    )
    record(
        "weight: widget code repeated in chapter HTML",
        total_rep,
        "B",
        note=f"{total_rep / total:.0%} of chapter HTML",
    )
    pages = len(list((html / "chapters").glob("*.html")))
    record("weight: all chapter pages, HTML", total, "B", note=f"{pages} pages")
