"""How a marker expression (-m) treats a test, before any test is collected."""

from __future__ import annotations


def selects(config, markers: set[str]) -> bool:
    """Whether ``-m`` keeps a test that carries exactly ``markers``. With no ``-m``, or an
    expression pytest cannot read (it reports that itself), every test is kept."""
    expression = config.getoption("markexpr")
    if not expression:
        return True
    try:
        from _pytest.mark.expression import Expression  # pytest's own reader of -m

        return Expression.compile(expression).evaluate(lambda name, **_: name in markers)
    except Exception:
        return True
