"""A Sphinx extension for the book: the ``answer-key`` directive.

In a chapter's instructor-only markdown cell::

    ```{answer-key} numbers
    ```

renders that chapter's answer key (``medialit.exercises.solutions.answer_key_html``) as
an HTML table. Answer keys are content, not computation: as a directive they leave every
code cell of a chapter the same in both editions, so the two editions share one
execution cache and the book's notebooks run once, not once per edition.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import Directive


class AnswerKey(Directive):
    required_arguments = 1  # the chapter, as in catalog(chapter)
    has_content = False

    def run(self) -> list[nodes.Node]:
        from medialit.exercises import catalog
        from medialit.exercises.compile import ANSWERS_DIR
        from medialit.exercises.solutions import answer_key_html

        chapter = self.arguments[0]
        if not catalog(chapter):
            raise self.error(f"answer-key: no exercise items for chapter {chapter!r}")
        env = self.state.document.settings.env
        for answers in sorted(ANSWERS_DIR.glob("*.yaml")):  # rebuild the page when keys change
            env.note_dependency(str(answers))
        return [nodes.raw("", answer_key_html(chapter), format="html")]


def setup(app):
    app.add_directive("answer-key", AnswerKey)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
