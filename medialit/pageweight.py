"""Make the built book light: what the pages load, and what a new reader needs at once.

Run on a built HTML folder after the Jupyter Book build (:func:`lighten`, called by
``medialit.book.build``). Every step can run again on its own output and changes nothing.

What the theme loads and the pages never use
    - ``fontawesome.js`` (1.4 MB): pydata-sphinx-theme draws its icons with Font
      Awesome's JavaScript, which swaps each ``<i class="fa-...">`` for an inline SVG. The
      theme's CSS already draws the same icons from the Font Awesome *font*, so the script
      goes and the icons stay, as glyphs.
    - The Font Awesome fonts (153 KB and more): cut down to the glyphs the CSS left
      below still draws (:func:`subset_fonts`, fontTools), written as WOFF (zlib; WOFF2
      needs brotli). Fonts with no glyph left are dropped with their ``@font-face``.
    - Unused CSS (:func:`purge_css`): a rule is kept if every class, id and element
      name in its selector occurs as a word somewhere in the site's HTML or JavaScript
      (the rule PurgeCSS uses; words in scripts count, so classes that scripts add stay),
      plus class prefixes that scripts build from pieces (:data:`KEEP_PREFIXES`).
    - sphinx-thebe: Jupyter Book always loads it, also with thebe off, and declares
      ``THEBE_JS_URL`` twice ("Identifier 'THEBE_JS_URL' has already been declared"
      on every page). Its script, stylesheet and settings go.
    - ``/favicon.ico``: a browser asks for it on every first visit (a 404 in the
      console); an empty inline icon stops the request.

What a new reader needs (the rest is ``book/_static/medialit-page.js`` and ``.css``)
    - A chapter with exercises gets "Skip to the exercises" beside the theme's skip link
      (the first Tab stop) and a "Jump to the exercises" link under its title.
    - A figure of a cell's output opens full size when tapped (its PNG), with a hint
      that says so on narrow screens, where a legend is too small to read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

MARK = '<meta name="medialit-pageweight" content="1" />'  # a page already processed
FA_SCRIPT = re.compile(
    r"[ \t]*(?:<!-- So that users can add custom icons -->\s*)?"
    r'<script\b[^>]*\bsrc="[^"]*fontawesome\.js[^"]*"[^>]*>\s*</script>[ \t]*\n?'
)
THEBE = [
    re.compile(r"[ \t]*<script>const THEBE_JS_URL = [^<]*</script>[ \t]*\n?"),
    re.compile(
        r'[ \t]*<script\b[^>]*\bsrc="[^"]*sphinx-thebe\.js[^"]*"[^>]*>\s*</script>[ \t]*\n?'
    ),
    re.compile(r'[ \t]*<link\b[^>]*\bhref="[^"]*sphinx-thebe\.css[^"]*"[^>]*/?>[ \t]*\n?'),
    re.compile(r'[ \t]*<script type="text/x-thebe-config">.*?</script>[ \t]*\n?', re.DOTALL),
]
# Files the pages no longer load (relative to _static/), removed from the site.
UNUSED_FILES = (
    "scripts/fontawesome.js",
    "scripts/fontawesome.js.map",
    "scripts/fontawesome.js.LICENSE.txt",
    "sphinx-thebe.js",
    "sphinx-thebe.css",
)
FONT_DIR = "vendor/fontawesome/webfonts"
SUBSET_SUFFIX = ".subset.woff"
# Stylesheets pruned by purge_css (relative to _static/; the theme's and extensions'):
# the book's own (print.css, medialit-page.css) are small and kept whole.
PURGED_CSS = (
    "styles/pydata-sphinx-theme.css",
    "styles/sphinx-book-theme.css",
    "sphinx-design.min.css",
    "mystnb.*.css",
    "basic.css",
    "togglebutton.css",
    "copybutton.css",
)
# Class-name prefixes a script builds at run time (Bootstrap: "bs-tooltip-auto" from
# "bs-" + name + "-auto"), which therefore never occur as whole words.
KEEP_PREFIXES = ("bs-", "tooltip", "popover")
_WORD = re.compile(r"[A-Za-z0-9_-]+")
_PUA = range(0xE000, 0xF900)  # Unicode's private use area: where icon fonts put glyphs


# --------------------------------------------------------------------------- CSS


def site_words(html_dir: Path) -> set[str]:
    """Every word (letters, digits, ``_`` and ``-``) of the site's HTML pages and of the
    JavaScript it ships, except what this module removes: the vocabulary a CSS selector
    must come from to be kept (PurgeCSS's default extractor does the same)."""
    html_dir = Path(html_dir)
    words: set[str] = set()
    skip = {(html_dir / "_static" / f).resolve() for f in UNUSED_FILES}
    for path in sorted(html_dir.rglob("*")):
        if path.suffix not in (".html", ".js") or path.resolve() in skip:
            continue
        if path.name == "searchindex.js":  # the pages' own words, again
            continue
        words.update(_WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return words


def _selector_names(tokens) -> list[str]:
    """The class names, ids and element names a selector needs (not counting those
    inside functional pseudo-classes such as ``:not()`` or ``:is()``, nor attributes)."""
    names = []
    previous = None
    for tok in tokens:
        kind = tok.type
        after = previous.value if previous is not None and previous.type == "literal" else None
        if kind == "hash" or (kind == "ident" and after == "."):  # #id, .class
            names.append(tok.value)
        elif kind == "ident" and after != ":":  # an element (":" and "::" start pseudos)
            names.append(tok.value.lower())
        previous = tok if kind != "whitespace" else None
    return names


def _split_selectors(prelude) -> list[list]:
    parts: list[list] = [[]]
    for tok in prelude:
        if tok.type == "literal" and tok.value == ",":
            parts.append([])
        else:
            parts[-1].append(tok)
    return parts


def _wanted(name: str, words: set[str]) -> bool:
    return name in words or name.startswith(KEEP_PREFIXES)


def _purge_rules(rules, words: set[str]) -> list:
    import tinycss2

    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [
                s
                for s in _split_selectors(rule.prelude)
                if all(_wanted(n, words) for n in _selector_names(s))
            ]
            if not selectors:
                continue
            if len(selectors) != len(_split_selectors(rule.prelude)):
                text = ",".join(tinycss2.serialize(s).strip() for s in selectors)
                rule.prelude = tinycss2.parse_component_value_list(text)
            kept.append(rule)
        elif (
            rule.type == "at-rule"
            and rule.content is not None
            and rule.lower_at_keyword in ("media", "supports", "layer", "container", "document")
        ):
            inner = _purge_rules(tinycss2.parse_rule_list(rule.content), words)
            if inner:
                rule.content = tinycss2.parse_component_value_list(
                    "".join(tinycss2.serialize([r]) for r in inner)
                )
                kept.append(rule)
        elif rule.type in ("whitespace",):
            continue
        else:  # comments (licences), @font-face, @keyframes, @charset, @import ...
            kept.append(rule)
    return kept


def purge_css(css: str, words: set[str]) -> str:
    """``css`` without the selectors that name a class, id or element not in ``words``
    (a rule goes when none of its selectors is left; an ``@media`` block when no rule is).

    >>> purge_css(".a,.b>p{color:red}.c{color:blue}@media print{.c{x:y}}", {"a", "p"})
    '.a{color:red}'
    """
    import tinycss2

    rules = tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=True)
    return "".join(tinycss2.serialize([r]) for r in _purge_rules(rules, words))


# --------------------------------------------------------------------------- icon font


def icon_codepoints(css: str) -> set[int]:
    """Private-use code points (icon glyphs) a stylesheet asks for, as characters or as
    CSS escapes such as ``"\\f062"``.

    >>> sorted(hex(c) for c in icon_codepoints('.a:before{content:"\\\\f062"} .b{--i:"\uf05a"}'))
    ['0xf05a', '0xf062']
    """
    found = {ord(c) for c in css if ord(c) in _PUA}
    found |= {int(h, 16) for h in re.findall(r"\\([0-9a-fA-F]{4,6})(?![0-9a-fA-F])", css)}
    return {c for c in found if c in _PUA}


def subset_fonts(static: Path, codepoints: set[int]) -> dict[str, int]:
    """Write ``<font>.subset.woff`` beside each Font Awesome font with just the glyphs of
    ``codepoints`` it has, from its TrueType file. Returns {original woff2 name: glyphs
    kept}; fonts with no glyph to keep get no subset (0)."""
    from fontTools import subset

    kept = {}
    folder = Path(static) / FONT_DIR
    for ttf in sorted(folder.glob("*.ttf")):
        options = subset.Options()
        options.flavor = "woff"
        options.name_IDs = ["*"]  # keep the copyright and licence records
        options.layout_features = ["*"]
        font = subset.load_font(str(ttf), options)
        wanted = codepoints & set(font.getBestCmap())
        out = folder / (ttf.stem + SUBSET_SUFFIX)
        kept[ttf.stem + ".woff2"] = len(wanted)
        if not wanted:
            out.unlink(missing_ok=True)
            continue
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=wanted)
        subsetter.subset(font)
        subset.save_font(font, str(out), options)
    return kept


_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_FONT_URL = re.compile(r"url\([\"']?([^)\"']*?/)?(fa-[a-z]+-\d+)\.(?:woff2|ttf)[\"']?\)")


def point_at_subsets(css: str, kept: dict[str, int]) -> str:
    """Each Font Awesome ``@font-face`` of ``css`` loads its subset (WOFF) instead of the
    full fonts; one whose font has no glyph left is removed."""

    def face(match: re.Match) -> str:
        rule = match.group()
        url = _FONT_URL.search(rule)
        if not url:
            return rule
        folder, stem = url.group(1) or "", url.group(2)
        if not kept.get(stem + ".woff2"):
            return ""
        return re.sub(
            r"src:[^;}]*", f'src:url({folder}{stem}{SUBSET_SUFFIX}) format("woff")', rule, count=1
        )

    return _FONT_FACE.sub(face, css)


# --------------------------------------------------------------------------- pages


def _exercise_count(html: str) -> int:
    return len(re.findall(r'"_view_name":\s*"AnyView"', html))


def process_page(html: str) -> str:
    """One page: drop the scripts it never needs, add the skip and jump links to its
    exercises, make its figures open full size. A page with :data:`MARK` is returned
    as it is."""
    if MARK in html:
        return html
    html = FA_SCRIPT.sub("", html)
    for pattern in THEBE:
        html = pattern.sub("", html)
    head = MARK
    if not re.search(r'<link\b[^>]*\brel="(?:shortcut )?icon"', html):
        head += '\n    <link rel="icon" href="data:," />'
    html = html.replace("</head>", f"    {head}\n  </head>", 1)
    if '<section id="exercises">' in html:
        html = html.replace(
            '<a href="#main-content">Skip to main content</a>',
            '<a href="#main-content">Skip to main content</a>'
            '<a href="#exercises">Skip to the exercises</a>',
            1,
        )
        n = _exercise_count(html)
        what = f"the {n} exercises" if n > 1 else "the exercise" if n == 1 else "the exercises"
        html = re.sub(
            r"(<article\b[^>]*>.*?</h1>)",
            lambda m: (
                m.group(1) + f'\n<p class="ml-jump"><a href="#exercises">'
                f'<span aria-hidden="true">↓</span> Jump to {what}</a></p>'
            ),
            html,
            count=1,
            flags=re.DOTALL,
        )
    html = re.sub(
        r'(<div class="cell_output[^"]*">\s*)(<img alt="[^"]*" src="([^"]*_images/[^"]+)" />)',
        lambda m: (
            f'{m.group(1)}<a class="ml-figure" href="{m.group(3)}" '
            f'aria-label="Open the figure full size">{m.group(2)}</a>'
            '<span class="ml-figure-hint" aria-hidden="true">Tap the figure to open it full size.'
            "</span>"
        ),
        html,
    )
    return html


# --------------------------------------------------------------------------- the site


def _purged_files(static: Path) -> list[Path]:
    files: list[Path] = []
    for pattern in PURGED_CSS:
        files += sorted(static.glob(pattern))
    return files


CSS_MARK = "/* medialit.pageweight: unused rules removed */\n"


def lighten(html_dir: Path) -> dict:
    """Apply every step to the built site in ``html_dir``; returns what it did:
    {pages: changed, css: {file: (bytes before, after)}, glyphs: {font: kept},
    removed: [files]}."""
    html_dir = Path(html_dir)
    static = html_dir / "_static"
    report: dict = {"pages": 0, "css": {}, "glyphs": {}, "removed": []}
    for page in sorted(html_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        new = process_page(text)
        if new != text:
            page.write_text(new, encoding="utf-8")
            report["pages"] += 1
    words = site_words(html_dir)
    for css_file in _purged_files(static):
        text = css_file.read_text(encoding="utf-8")
        if text.startswith(CSS_MARK):  # done by an earlier run, and no page rebuilt since
            continue
        new = CSS_MARK + purge_css(text, words)
        css_file.write_text(new, encoding="utf-8")
        report["css"][css_file.relative_to(static).as_posix()] = (
            len(text.encode()),
            len(new.encode()),
        )
    codepoints: set[int] = set()
    for css_file in sorted(static.rglob("*.css")):
        codepoints |= icon_codepoints(css_file.read_text(encoding="utf-8"))
    if (static / FONT_DIR).is_dir() and any((static / FONT_DIR).glob("*.ttf")):
        report["glyphs"] = subset_fonts(static, codepoints)
        for css_file in sorted(static.rglob("*.css")):
            text = css_file.read_text(encoding="utf-8")
            new = point_at_subsets(text, report["glyphs"])
            if new != text:
                css_file.write_text(new, encoding="utf-8")
        for font in sorted((static / FONT_DIR).iterdir()):
            if font.suffix in (".ttf", ".woff2"):
                font.unlink()
                report["removed"].append(font.relative_to(static).as_posix())
    for rel in UNUSED_FILES:
        if (static / rel).is_file():
            (static / rel).unlink()
            report["removed"].append(rel)
    return report


def main(argv: Iterable[str] | None = None) -> int:
    """``python -m medialit.pageweight HTML_DIR``: lighten a built site by hand."""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m medialit.pageweight HTML_DIR", file=sys.stderr)
        return 2
    report = lighten(Path(args[0]))
    print(f"{report['pages']} pages changed")
    for name, (before, after) in report["css"].items():
        print(f"  {name}: {before / 1024:.1f} KB -> {after / 1024:.1f} KB")
    for name, n in report["glyphs"].items():
        print(f"  {name}: {n} glyphs kept")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
