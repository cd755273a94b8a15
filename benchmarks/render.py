"""How long does `pmframework render` take, for HTML, Markdown and PDF?

Times, in one run and one process, the three formats for

* the largest built-in framework (the one with the most statements);
* a generated ladder of 30 levels (2 tracks x 15 levels, each inheriting the one below) and 60
  competencies, every level writing an expectation for every competency (1,800 expectations).

Loading and checking the ladder is not counted: each figure is ladder model -> bytes in memory.
Each render runs several times and the fastest counts; the machine is noisy, so the figures
that matter most are the ratios (PDF / HTML).

Usage: python benchmarks/render.py [--repeat 3] [--pdf-repeat 1]
"""

from __future__ import annotations

import argparse
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
from pmframework.resources import BUILTIN_PREFIX, builtin_names


def best_time(work: Callable[[], str | bytes], repeat: int) -> tuple[float, str | bytes]:
    """The fastest of ``repeat`` runs, in seconds, and what the last run produced."""
    best, output = float("inf"), b""
    for _ in range(repeat):
        start = time.perf_counter()
        output = work()
        best = min(best, time.perf_counter() - start)
    return best, output


def largest_builtin() -> tuple[str, Ladder]:
    ladders = [(name, load_ladder(BUILTIN_PREFIX + name)) for name in builtin_names()]
    return max(ladders, key=lambda item: sum(1 for _ in item[1].statements()))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of HTML and Markdown")
    parser.add_argument("--pdf-repeat", type=int, default=1, help="runs of PDF")
    args = parser.parse_args()

    name, builtin = largest_builtin()
    generated = ladder_from_data(generate_ladder(levels=15, tracks=2, competencies=60, seed=1))
    cases = [(f"builtin:{name}", builtin), ("generated 30 levels x 60 competencies", generated)]

    header = f"{'ladder':<40}{'levels':>7}{'comps':>6}{'HTML s':>9}{'MD s':>8}{'PDF s':>8}"
    print(header + f"{'pages':>7}{'PDF/HTML':>10}{'HTML KiB':>10}{'PDF KiB':>9}")
    for label, ladder in cases:
        html, page = best_time(lambda lad=ladder: render.render_html(lad), args.repeat)
        markdown, _ = best_time(lambda lad=ladder: render.render_markdown(lad), args.repeat)
        pdf, document = best_time(lambda lad=ladder: render.render_pdf(lad), args.pdf_repeat)
        assert isinstance(document, bytes)
        pages = len(PdfReader(BytesIO(document)).pages)
        print(
            f"{label:<40}{len(ladder.levels):>7}{len(ladder.competencies):>6}"
            f"{html:>9.2f}{markdown:>8.2f}{pdf:>8.2f}{pages:>7}{pdf / html:>10.1f}"
            f"{len(page) / 1024:>10.0f}{len(document) / 1024:>9.0f}"
        )
    print()
    print(
        f"best of {args.repeat} run(s) for HTML and Markdown, {args.pdf_repeat} for PDF; "
        "the ladder is loaded and checked beforehand, not timed"
    )


if __name__ == "__main__":
    main()
