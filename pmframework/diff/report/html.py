"""The diff as a self-contained HTML page, from the template ``diff.html.j2`` (beside the render's
templates, with its stylesheet ``diff.css``); word changes as ``<del>`` and ``<ins>``.

The page is built by Jinja with autoescaping on, as the rendered ladders are: every text of the
ladders reaches the page escaped.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from pmframework.diff.compare import DiffResult
from pmframework.diff.report.layout import layout, one_line
from pmframework.resources import data_dir

if TYPE_CHECKING:
    import jinja2

TEMPLATE = "diff.html.j2"


@cache
def _template() -> jinja2.Template:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(data_dir("templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["one_line"] = one_line
    return env.get_template(TEMPLATE)


def format_html(result: DiffResult) -> str:
    """A self-contained HTML page; word changes as <del> and <ins>."""
    return _template().render(doc=layout(result)) + "\n"
