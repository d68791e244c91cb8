"""The library's layers, checked on its import statements (ast, nothing imported):

    text, case (loading, validation, cache), quantities, discrepancy
      -> analysis (origin, framing, attribution, omissions, evaluation, lateral, tables, plots)
      -> exercises -> book, casebook, gradebook, lms, bundle, propose, newcase -> cli

A module imports only from its own layer or the layers before it, never a private
(``_name``) of another module; the three modules of the ``quantities`` parser share their
rule tables among themselves (patterns.py is where a reader tunes them) and nothing else
reads them."""

import ast

import pytest

from tests.support.paths import ROOT

LAYERS = [
    {"text", "case", "validation", "cache", "quantities", "discrepancy", "hints", "safecsv",
     "answers", "pageweight", "notebooks"},
    {"origin", "framing", "attribution", "omissions", "evaluation", "lateral", "tables", "plots"},
    {"exercises"},
    {"book", "casebook", "gradebook", "lms", "bundle", "propose", "newcase", "sphinxext",
     "review"},
    {"cli", "__main__"},
]  # fmt: skip
LAYER = {name: i for i, names in enumerate(LAYERS) for name in names}
PACKAGE = ROOT / "medialit"
MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def _module(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top(module: str) -> str:
    """medialit.exercises.engine -> exercises; medialit -> medialit."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _imports(path):
    """(module imported from, names) for every medialit import of a file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("medialit"):
            yield node.module, [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("medialit"):
                    yield a.name, []


def test_every_module_has_a_layer():
    tops = {_top(_module(p)) for p in MODULES} - {"medialit"}
    assert tops <= set(LAYER), f"give these modules a layer: {sorted(tops - set(LAYER))}"


def _problems(path, me: str) -> list[str]:
    wrong = []
    for module, names in _imports(path):
        if module == "medialit" or _top(me) == "medialit":
            continue  # the package's front door re-exports the first layer
        if LAYER[_top(module)] > LAYER[_top(me)]:
            wrong.append(f"{module} is in a later layer than {me}")
        inside_parser = me.startswith("medialit.quantities") and module.startswith(
            "medialit.quantities"
        )
        private = [n for n in names if n.startswith("_") and not n.startswith("__")]
        if private and module != me and not inside_parser:
            wrong.append(f"private {', '.join(private)} from {module}")
    return wrong


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_follow_the_layers_and_take_no_private_names(path):
    wrong = _problems(path, _module(path))
    assert not wrong, "\n".join(wrong)


def test_the_check_finds_a_private_name_and_an_upward_import(tmp_path):
    bad = tmp_path / "origin.py"
    bad.write_text(
        "from medialit.exercises.compile import _attach\nfrom medialit.case import Case\n",
        encoding="utf-8",
    )
    assert _problems(bad, "medialit.origin") == [
        "medialit.exercises.compile is in a later layer than medialit.origin",
        "private _attach from medialit.exercises.compile",
    ]
    assert _problems(bad, "medialit.cli") == ["private _attach from medialit.exercises.compile"]
