"""The exercise notebook with a live kernel (Voila): a length typed in words is read by
the Python library and checked; words it cannot read get a clear message."""

import pytest

from tests.browser import launch_browser, voila
from tests.conftest import ROOT


@pytest.mark.browser
def test_typed_durations_are_parsed_by_the_kernel(tmp_path):
    with voila(ROOT / "exercises" / "02-numbers.ipynb", tmp_path) as url, \
            launch_browser() as browser:
        page = browser.new_page()
        page.goto(url, timeout=60_000)
        box = page.locator(".ml-exercise").nth(1)  # report 001
        typed = box.get_by_label("…or type it in words:")
        typed.wait_for(state="visible", timeout=60_000)  # shown only once the kernel answers
        status = box.get_by_role("status")

        typed.fill("banana")
        box.get_by_role("button", name="Read it").click()
        page.wait_for_function("(el) => el.textContent.includes('could not find')",
                               arg=status.element_handle(), timeout=10_000)

        typed.fill("two and a half hours")
        typed.press("Enter")
        page.wait_for_function("(el) => el.textContent.startsWith('✔')",
                               arg=status.element_handle(), timeout=10_000)
        assert box.get_by_label("Number").input_value() == "150"
        assert box.get_by_label("Unit").input_value() == "minutes"
