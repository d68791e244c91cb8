"""What a page load costs, from Chromium's own network events (CDP): every request a page
makes, with the bytes on the wire and whether the browser's cache served it. Used by the
page-weight part of benchmarks/run.py and by tests/test_pageweight.py. Not a test module.

Usage (a plain Playwright context: request routing would switch the HTTP cache off)::

    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    rows = load_and_measure(page, cdp, f"{base}/intro.html")
    sum(r["bytes"] for r in rows)
"""

from __future__ import annotations


def load_and_measure(page, cdp, url: str) -> list[dict]:
    """Open ``url`` and return one row per request: url, status, bytes on the wire
    (CDP encodedDataLength: headers + body as sent), served from the browser's cache."""
    seen: dict[str, dict] = {}

    def row(rid: str) -> dict:
        return seen.setdefault(rid, {"url": "?", "status": None, "bytes": 0, "cache": False})

    def on_request(ev):
        row(ev["requestId"])["url"] = ev["request"]["url"]

    def on_response(ev):
        r, x = ev["response"], row(ev["requestId"])
        x.update(url=r["url"], status=r["status"])
        x["cache"] |= bool(
            r.get("fromDiskCache")
            or r.get("fromMemoryCache")
            or r.get("fromPrefetchCache")
            or r.get("fromServiceWorker")
        )

    def on_finished(ev):
        row(ev["requestId"])["bytes"] = ev.get("encodedDataLength", 0)

    def on_failed(ev):
        row(ev["requestId"]).update(status=0, error=ev.get("errorText", "failed"))

    def on_cached(ev):
        row(ev["requestId"])["cache"] = True

    handlers = {
        "Network.requestWillBeSent": on_request,
        "Network.responseReceived": on_response,
        "Network.loadingFinished": on_finished,
        "Network.loadingFailed": on_failed,
        "Network.requestServedFromCache": on_cached,
    }
    for name, f in handlers.items():
        cdp.on(name, f)
    page.goto(url, wait_until="load")
    if page.locator('script[type="application/vnd.jupyter.widget-state+json"]').count():
        page.locator(".ml-exercise").first.wait_for(state="visible", timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    for name, f in handlers.items():
        cdp.remove_listener(name, f)
    for x in seen.values():  # a 200 with nothing on the wire came from the memory cache
        x["cache"] |= x["status"] == 200 and x["bytes"] == 0
    return [x for x in seen.values() if x["status"] is not None]
