"""``pmframework render``: a ladder as a publishable HTML page, a PDF, or GitHub Markdown.

The pipeline is ladder → view model → Jinja2 template → text (→ WeasyPrint → PDF bytes) →
``files.write_output``. The view model (``RenderContext`` and the dataclasses it holds) is the
ladder resolved for reading: inheritance applied through ``resolve.resolve_expectations``, citations
numbered, cross-references turned into anchors. Templates only lay it out.

Templates come from ``templates/`` (see ``resources.data_dir``), overlaid by an optional folder
of the user's own: a file there replaces the default of the same name, the rest still come from
the defaults. HTML and PDF share one template; the PDF adds ``paged.css`` (cover, contents with
page numbers, bookmarks, running header, landscape matrix pages).

Safety, whatever the ladder says:

* every ``{{ value }}`` is escaped: HTML-escaped in HTML, and in Markdown escaped for both HTML
  and Markdown (a ``|`` cannot break a table, a ``<script>`` stays text);
* the HTML carries a Content-Security-Policy that allows no script and no fetch at all;
* WeasyPrint fetches only files inside the template folders and ``data:`` URLs;
* an undefined template variable is an error naming the template file and line;
* the output file is written whole or not at all.
"""

from __future__ import annotations

import base64
import functools
import logging
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit
from urllib.request import url2pathname

from pmframework.errors import PmframeworkError, UsageError
from pmframework.files import write_output
from pmframework.model.ladder import Ladder
from pmframework.render import FORMATS
from pmframework.render.context import build_context
from pmframework.render.filters import HTML_FILTERS, MARKDOWN_FILTERS, markdown_finalize
from pmframework.resources import data_dir

if TYPE_CHECKING:
    import jinja2

FORMAT_BY_EXTENSION = {
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".md": "markdown",
    ".markdown": "markdown",
}
HTML_TEMPLATE = "ladder.html.j2"
MARKDOWN_TEMPLATE = "ladder.md.j2"

_log = logging.getLogger(__name__)

Progress = Callable[[str], None]
"""Told the name of each stage of a long render as it starts (see ``PDF_STAGES``)."""

# WeasyPrint reports nothing while it lays out pages, so a PDF's progress is its stages.
PDF_STAGES = ("building the page", "laying out pages", "writing the PDF")


class RenderError(PmframeworkError):
    """A template or the PDF engine failed; the message says where, in one line."""


# --- templates -------------------------------------------------------------------------------


def template_dirs(template_dir: str | Path | None = None) -> list[Path]:
    """The folders templates are looked up in, first match wins: the user's, then the defaults."""
    dirs = [data_dir("templates")]
    if template_dir is not None:
        user = Path(template_dir)
        if not user.is_dir():
            raise UsageError(f"--template-dir {user}: no such folder")
        dirs.insert(0, user)
    return [d.resolve() for d in dirs]


def environment(dirs: Sequence[Path], *, markdown: bool = False) -> jinja2.Environment:
    """A Jinja2 environment over ``dirs`` (first match wins) with autoescaping and strict
    undefined variables; ``markdown`` escapes for Markdown instead of HTML."""
    import jinja2

    # "default/NAME" is always the packaged template, so that a user's style.css (or any
    # template) can include the default one it replaces instead of including itself
    default = jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(data_dir("templates"))})
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([*(jinja2.FileSystemLoader(d) for d in dirs), default]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=markdown_finalize if markdown else None,
    )
    env.filters.update(MARKDOWN_FILTERS if markdown else HTML_FILTERS)
    return env


def _template_location(error: BaseException, dirs: Sequence[Path]) -> str | None:
    """``file:line`` of the innermost template frame of ``error``'s traceback, if any."""
    import jinja2

    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name}:{error.lineno}"
    location = None
    tb: TracebackType | None = error.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if any(Path(filename).is_relative_to(d) for d in dirs):
            location = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return location


class TemplateContext(Protocol):
    """What a template is rendered with: a ladder's RenderContext, or another view model (an
    assessment's readiness) that shares the templates and their safety."""

    @property
    def medium(self) -> str: ...

    def variables(self) -> dict[str, Any]: ...


def render_template(
    name: str,
    context: TemplateContext,
    dirs: Sequence[Path],
    extra: Mapping[str, Any] | None = None,
) -> str:
    """Render template ``name`` with ``context`` (and ``extra`` variables); template mistakes
    become one-line errors."""
    import jinja2

    env = environment(dirs, markdown=context.medium == "markdown")
    try:
        return env.get_template(name).render({**context.variables(), **(extra or {})})
    except jinja2.TemplateNotFound as error:
        searched = ", ".join(str(d) for d in dirs)
        raise RenderError(f"template {error.name!r} not found in {searched}") from None
    except PmframeworkError:
        raise
    except Exception as error:
        location = _template_location(error, dirs)
        if location is None:
            raise
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise RenderError(f"{location}: {message}") from None


# --- branding ------------------------------------------------------------------------------

_LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}


def _read(path: str | Path, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise UsageError(f"{what} {path}: {error.strerror or error}") from None


def branding(css: str | Path | None = None, logo: str | Path | None = None) -> dict[str, Any]:
    """The template variables of a company's own look: ``custom_css`` (appended after the
    default stylesheet) and ``logo`` (a ``data:`` URL, so the page still fetches nothing)."""
    from markupsafe import Markup

    custom_css = None
    if css is not None:
        text = _read(css, "--css").decode("utf-8", errors="replace")
        # inside <style>, only "</" could end the element early; "<\/" means the same in CSS
        custom_css = Markup(text.replace("</", "<\\/"))
    logo_url = None
    if logo is not None:
        kind = _LOGO_TYPES.get(Path(logo).suffix.lower())
        if kind is None:
            raise UsageError(f"--logo {logo}: use one of {', '.join(_LOGO_TYPES)}")
        logo_url = f"data:{kind};base64,{base64.b64encode(_read(logo, '--logo')).decode()}"
    return {"custom_css": custom_css, "logo": logo_url}


# --- formats ---------------------------------------------------------------------------------


def render_html(
    ladder: Ladder,
    *,
    template_dir: str | Path | None = None,
    name: str | None = None,
    tracks: Sequence[str] = (),
    levels: Sequence[str] = (),
    specialty: str | None = None,
    medium: str = "html",
    css: str | Path | None = None,
    logo: str | Path | None = None,
) -> str:
    """One self-contained HTML page: styles inline, no script, nothing fetched. ``css`` is a
    stylesheet appended after the default one, ``logo`` an image shown on the cover."""
    context = build_context(
        ladder, medium=medium, name=name, tracks=tracks, levels=levels, specialty=specialty
    )
    extra = branding(css, logo)
    return render_template(HTML_TEMPLATE, context, template_dirs(template_dir), extra)


def render_markdown(
    ladder: Ladder,
    *,
    template_dir: str | Path | None = None,
    name: str | None = None,
    tracks: Sequence[str] = (),
    levels: Sequence[str] = (),
    specialty: str | None = None,
) -> str:
    """GitHub-flavoured Markdown, for wikis and READMEs."""
    context = build_context(
        ladder, medium="markdown", name=name, tracks=tracks, levels=levels, specialty=specialty
    )
    text = render_template(MARKDOWN_TEMPLATE, context, template_dirs(template_dir))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def render_pdf(
    ladder: Ladder,
    *,
    template_dir: str | Path | None = None,
    name: str | None = None,
    tracks: Sequence[str] = (),
    levels: Sequence[str] = (),
    specialty: str | None = None,
    css: str | Path | None = None,
    logo: str | Path | None = None,
    progress: Progress | None = None,
) -> bytes:
    """A PDF through WeasyPrint, from the HTML template with paged-media CSS; ``progress`` is
    told each of ``PDF_STAGES`` as it starts."""
    report = progress or _no_progress
    dirs = template_dirs(template_dir)
    report(PDF_STAGES[0])
    html = render_html(
        ladder,
        template_dir=template_dir,
        name=name,
        tracks=tracks,
        levels=levels,
        specialty=specialty,
        medium="pdf",
        css=css,
        logo=logo,
    )
    return html_to_pdf(html, dirs, report)


def _no_progress(stage: str) -> None:
    pass


def _confined_url(url: str, dirs: Sequence[Path]) -> str:
    """``url`` if WeasyPrint may fetch it: a ``data:`` URL or a file inside a template folder.

    A file named relative to the first folder is looked up in each folder in turn, as
    templates are, so a user's folder can rely on the default assets. Anything else — the
    network, other files, a symlink leading out — is refused.
    """
    parts = urlsplit(url)
    if parts.scheme == "data":
        return url
    if parts.scheme == "file" and not parts.netloc:
        path = Path(url2pathname(parts.path))
        for base in dirs:
            if not path.is_relative_to(base):
                continue
            relative = path.relative_to(base)
            for folder in dirs:
                candidate = (folder / relative).resolve()
                if candidate.is_relative_to(folder) and candidate.is_file():
                    return candidate.as_uri()
    raise ValueError(f"refused to fetch {url}: only files in the template folders may be used")


def _url_fetcher(dirs: Sequence[Path]) -> Any:
    from weasyprint import urls  # type: ignore[import-untyped]

    class ConfinedFetcher(urls.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            return super().fetch(_confined_url(url, dirs), headers)

    return ConfinedFetcher(allowed_protocols=("file", "data"), timeout=5)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _quiet_weasyprint() -> Iterator[list[logging.LogRecord]]:
    """Keep WeasyPrint's warnings (unsupported CSS, refused URLs) away from the user; they go
    to the ``pmframework.render`` logger at debug level instead."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    saved = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.propagate = saved
        for record in handler.records:
            _log.debug("weasyprint: %s", record.getMessage())


def _pdf_options() -> dict[str, Any]:
    from weasyprint.pdf import VARIANTS  # type: ignore[import-untyped]

    return {"pdf_variant": "pdf/ua-1"} if "pdf/ua-1" in VARIANTS else {}


# WeasyPrint's default stylesheet styles the footnote and note pseudo-elements of every element
# ("::footnote-call" matches them all), and it keeps each of those styles while it lays out: on
# a large ladder five styles an element that is never a footnote. A page that floats nothing
# into a footnote or a note, and links or imports no stylesheet we cannot read, goes without.
_USES_NOTES = re.compile(r"float\s*:\s*(?:foot)?note\b|<link\b|@import\b", re.IGNORECASE)
_NOTE_RULES = re.compile(r"^::(?:footnote|note)-[a-z]+ *\{[^}]*\}\s*$", re.MULTILINE)


@functools.cache
def _noteless_html() -> Any:
    """weasyprint.HTML with its default stylesheet less the note rules, or weasyprint.HTML
    itself where the installed WeasyPrint keeps that stylesheet elsewhere."""
    import weasyprint
    from weasyprint import html as defaults

    text = getattr(defaults, "UA", "")
    noteless = _NOTE_RULES.sub("", text)
    if noteless == text or not hasattr(weasyprint.HTML, "_ua_stylesheets"):
        return weasyprint.HTML
    sheet = weasyprint.CSS(string=noteless, counter_style=defaults.UA_COUNTER_STYLE)

    class NotelessHTML(weasyprint.HTML):  # type: ignore[misc]
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [sheet, *super()._ua_stylesheets(forms)[1:]]

    return NotelessHTML


def _html_class(html: str) -> Any:
    import weasyprint

    return weasyprint.HTML if _USES_NOTES.search(html) else _noteless_html()


def _document(html_class: Any, html: str, dirs: Sequence[Path]) -> Any:
    return html_class(string=html, base_url=dirs[0].as_uri() + "/", url_fetcher=_url_fetcher(dirs))


def html_to_pdf(html: str, dirs: Sequence[Path], progress: Progress | None = None) -> bytes:
    """PDF bytes of ``html``; relative URLs resolve in the first template folder. ``progress``
    is told the last two of ``PDF_STAGES`` (laying out, writing) as each starts."""
    report = progress or _no_progress

    with _quiet_weasyprint():
        try:
            # PDF/UA: a tagged PDF (structure tree, language, outline) that screen readers
            # can follow, where the installed WeasyPrint knows the variant. Laying out and
            # writing are called apart (write_pdf would do both) so that each is a stage.
            options = _pdf_options()
            report(PDF_STAGES[1])
            html_class = _html_class(html)
            try:
                pages = _document(html_class, html, dirs).render(**options)
            except Exception:
                import weasyprint

                if html_class is weasyprint.HTML:
                    raise
                # footnotes the check above did not see: the default stylesheet after all
                pages = _document(weasyprint.HTML, html, dirs).render(**options)
            report(PDF_STAGES[2])
            pdf: bytes = pages.write_pdf(**options)
        except Exception as error:
            message = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise RenderError(f"PDF rendering failed: {message}") from error
    return pdf


RENDERERS: dict[str, Callable[..., str | bytes]] = {
    "html": render_html,
    "pdf": render_pdf,
    "markdown": render_markdown,
}


def format_for(output: str | Path, explicit: str | None = None) -> str:
    """The format to write: ``explicit``, else the one ``output``'s extension names."""
    if explicit is not None:
        if explicit not in FORMATS:
            raise UsageError(f"no format {explicit!r}; formats are: {', '.join(FORMATS)}")
        return explicit
    suffix = Path(output).suffix.lower()
    if suffix not in FORMAT_BY_EXTENSION:
        known = ", ".join(FORMAT_BY_EXTENSION)
        raise UsageError(
            f"cannot tell the format of {output} from its extension ({known}); "
            f"give --format {'|'.join(FORMATS)}"
        )
    return FORMAT_BY_EXTENSION[suffix]


def render(
    ladder: Ladder,
    output_format: str,
    *,
    template_dir: str | Path | None = None,
    name: str | None = None,
    tracks: Sequence[str] = (),
    levels: Sequence[str] = (),
    specialty: str | None = None,
    css: str | Path | None = None,
    logo: str | Path | None = None,
    progress: Progress | None = None,
) -> str | bytes:
    """``ladder`` rendered in ``output_format`` (html, pdf or markdown); ``css`` and ``logo``
    brand the HTML and the PDF; ``progress`` hears the stages of a PDF (the others are quick)."""
    extra: dict[str, Any] = {"css": css, "logo": logo} if output_format != "markdown" else {}
    if output_format == "pdf":
        extra["progress"] = progress
    return RENDERERS[output_format](
        ladder,
        template_dir=template_dir,
        name=name,
        tracks=tracks,
        levels=levels,
        specialty=specialty,
        **extra,
    )


def render_to_file(
    spec: str,
    output: str | Path,
    *,
    output_format: str | None = None,
    template_dir: str | Path | None = None,
    tracks: Sequence[str] = (),
    levels: Sequence[str] = (),
    specialty: str | None = None,
    css: str | Path | None = None,
    logo: str | Path | None = None,
    progress: Progress | None = None,
) -> str:
    """Load ladder ``spec``, render it, and write ``output`` whole; returns the format used.

    Nothing is written unless the whole render succeeds; an existing file is replaced in one
    step or left as it was.
    """
    from pmframework.check.engine import load_ladder

    chosen = format_for(output, output_format)
    ladder = load_ladder(spec)
    content = render(
        ladder,
        chosen,
        template_dir=template_dir,
        name=spec,
        tracks=tracks,
        levels=levels,
        specialty=specialty,
        css=css,
        logo=logo,
        progress=progress,
    )
    write_output(output, content, inputs=[spec])
    return chosen
