"""Rendering a ladder: a view model (context), Jinja templates, and the output formats.

The formats are declared here; the work is in pmframework.render.output (templates, PDF),
pmframework.render.views (the view model) and pmframework.render.context (building it). Names of
the output module are reachable from here too, imported when first used, so that listing the
formats costs nothing.
"""

from __future__ import annotations

from typing import Any

from pmframework.registry import Registry

FORMATS = Registry(
    "render format",
    {
        "html": "pmframework.render.output:render_html",
        "pdf": "pmframework.render.output:render_pdf",
        "markdown": "pmframework.render.output:render_markdown",
    },
)


def __getattr__(name: str) -> Any:
    import importlib

    output = importlib.import_module("pmframework.render.output")
    try:
        return getattr(output, name)
    except AttributeError:
        raise AttributeError(f"module 'pmframework.render' has no attribute {name!r}") from None
