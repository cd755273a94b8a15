"""How long does `pmframework render` take, for HTML, Markdown and PDF, and what does our PDF
cost over WeasyPrint laying out the same text plainly?

Times, in one process, the three formats for every built-in framework and for a generated
ladder of 30 levels (2 tracks x 15 levels, each inheriting the one below) and 60 competencies,
every level writing an expectation for every competency (1,800 expectations).

``plain s`` is the floor of the PDF: the very page the PDF is made from (the same text, the
same tagged PDF/UA output), its <style> elements removed, laid out by WeasyPrint with nothing
but its default stylesheet. ``PDF/plain`` is what the stylesheets cost: the cover, the contents
with page numbers (laid out twice), the landscape matrix pages, the columns.

Loading and checking the ladder is not counted: each figure is ladder model -> bytes in memory.
Times are CPU seconds of this process (WeasyPrint works in it, on one core), which hold steady
on a busy machine; each render runs several times and the fastest counts.

Usage: python benchmarks/render.py [--repeat 3] [--pdf-repeat 1] [--builtins NAME ...]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ladders import generate_ladder

from pmframework import render
from pmframework.check.engine import load_ladder
from pmframework.model import Ladder, ladder_from_data
from pmframework.render.output import html_to_pdf, template_dirs
from pmframework.resources import BUILTIN_PREFIX, builtin_names

STYLE = re.compile(r"<style\b.*?</style>", re.DOTALL | re.IGNORECASE)


def best_time(work: Callable[[], str | bytes], repeat: int) -> tuple[float, str | bytes]:
    """The fewest CPU seconds of ``repeat`` runs, and what the last run produced."""
    best, output = float("inf"), b""
    for _ in range(repeat):
        start = time.process_time()
        output = work()
        best = min(best, time.process_time() - start)
    return best, output


def plain_pdf(ladder: Ladder) -> bytes:
    """The PDF's own page with its stylesheets removed, through the same WeasyPrint call."""
    page = STYLE.sub("", render.render_html(ladder, medium="pdf"))
    return html_to_pdf(page, template_dirs())


def pages(document: str | bytes) -> int:
    assert isinstance(document, bytes)
    return len(PdfReader(BytesIO(document)).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of HTML and Markdown")
    parser.add_argument("--pdf-repeat", type=int, default=1, help="runs of each PDF")
    parser.add_argument("--builtins", nargs="*", default=list(builtin_names()), metavar="NAME")
    args = parser.parse_args()

    cases = [(f"builtin:{name}", load_ladder(BUILTIN_PREFIX + name)) for name in args.builtins]
    generated = ladder_from_data(generate_ladder(levels=15, tracks=2, competencies=60, seed=1))
    cases.append(("generated 30 levels x 60 competencies", generated))

    print(
        f"{'ladder':<40}{'levels':>7}{'comps':>6}{'HTML s':>8}{'MD s':>7}{'PDF s':>8}"
        f"{'pages':>6}{'plain s':>9}{'pages':>6}{'PDF/plain':>10}{'HTML KiB':>9}{'PDF KiB':>8}"
    )
    total_pdf = total_plain = 0.0
    for label, ladder in cases:
        html, page = best_time(lambda lad=ladder: render.render_html(lad), args.repeat)
        markdown, _ = best_time(lambda lad=ladder: render.render_markdown(lad), args.repeat)
        pdf, document = best_time(lambda lad=ladder: render.render_pdf(lad), args.pdf_repeat)
        plain, floor = best_time(lambda lad=ladder: plain_pdf(lad), args.pdf_repeat)
        total_pdf, total_plain = total_pdf + pdf, total_plain + plain
        print(
            f"{label:<40}{len(ladder.levels):>7}{len(ladder.competencies):>6}"
            f"{html:>8.2f}{markdown:>7.2f}{pdf:>8.2f}{pages(document):>6}{plain:>9.2f}"
            f"{pages(floor):>6}{pdf / plain:>10.2f}{len(page) / 1024:>9.0f}"
            f"{len(document) / 1024:>8.0f}",
            flush=True,
        )
    print()
    print(f"PDF / plain WeasyPrint, all ladders = {total_pdf / total_plain:.2f}")
    print(
        f"CPU seconds, best of {args.repeat} run(s) for HTML and Markdown, {args.pdf_repeat} "
        "for PDF; the ladder is loaded and checked beforehand, not timed"
    )


if __name__ == "__main__":
    main()
