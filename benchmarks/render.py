"""How long does `pmframework render` take, for HTML, Markdown and PDF, what does our PDF
cost over WeasyPrint laying out the same text plainly, and how much memory does a PDF take?

Times, in one process, the three formats for every built-in framework and for a generated
ladder of 30 levels (2 tracks x 15 levels, each inheriting the one below) and 60 competencies,
every level writing an expectation for every competency (1,800 expectations).

``plain s`` is the floor of the PDF: the very page the PDF is made from (the same text, the
same tagged PDF/UA output), its <style> elements removed, laid out by WeasyPrint with nothing
but its default stylesheet. ``PDF/plain`` is what the stylesheets cost: the cover, the contents
with page numbers (laid out twice), the landscape matrix pages.

Each PDF is made in a process of its own, so that ``PDF MiB`` is the peak memory (resident set)
of a process that loads the ladder and makes that one PDF; the memory a PDF page costs is the
growth from the smallest built-in to the generated ladder over the pages it adds.

Loading and checking the ladder is not counted: each figure is ladder model -> bytes in memory.
Times are CPU seconds (WeasyPrint works in the process, on one core), which hold steady on a
busy machine; each render runs several times and the fastest counts.

Usage: python benchmarks/render.py [--repeat 3] [--pdf-repeat 1] [--builtins NAME ...]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
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


GENERATED = "generated 30 levels x 60 competencies"


def ladder_for(case: str) -> Ladder:
    if case == GENERATED:
        return ladder_from_data(generate_ladder(levels=15, tracks=2, competencies=60, seed=1))
    return load_ladder(case)


def child(kind: str, case: str, repeat: int) -> None:
    """In a process of its own: make one PDF (ours or plain), print seconds, pages and size."""
    ladder = ladder_for(case)
    make = render.render_pdf if kind == "pdf" else plain_pdf
    seconds, document = best_time(lambda: make(ladder), repeat)
    print(json.dumps({"seconds": seconds, "pages": pages(document), "bytes": len(document)}))


def pdf_in_child(kind: str, case: str, repeat: int) -> tuple[dict[str, float], float]:
    """What ``child`` printed, and the peak resident memory of its process in MiB."""
    command = [sys.executable, __file__, "--child", kind, case, "--pdf-repeat", str(repeat)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode == 0, f"{kind} {case} failed"
    return json.loads(output), usage.ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of HTML and Markdown")
    parser.add_argument("--pdf-repeat", type=int, default=1, help="runs of each PDF")
    parser.add_argument("--builtins", nargs="*", default=list(builtin_names()), metavar="NAME")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "CASE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.pdf_repeat)
        return

    cases = [BUILTIN_PREFIX + name for name in args.builtins] + [GENERATED]
    print(
        f"{'ladder':<40}{'levels':>7}{'comps':>6}{'HTML s':>8}{'MD s':>7}{'PDF s':>8}"
        f"{'pages':>6}{'plain s':>9}{'pages':>6}{'PDF/plain':>10}{'PDF MiB':>8}{'plain MiB':>10}"
        f"{'HTML KiB':>9}{'PDF KiB':>8}"
    )
    total_pdf = total_plain = 0.0
    memory: list[tuple[int, float, int, float]] = []  # pages and MiB: ours, plain
    for case in cases:
        ladder = ladder_for(case)
        html, page = best_time(lambda lad=ladder: render.render_html(lad), args.repeat)
        markdown, _ = best_time(lambda lad=ladder: render.render_markdown(lad), args.repeat)
        pdf, pdf_mib = pdf_in_child("pdf", case, args.pdf_repeat)
        plain, plain_mib = pdf_in_child("plain", case, args.pdf_repeat)
        total_pdf, total_plain = total_pdf + pdf["seconds"], total_plain + plain["seconds"]
        memory.append((int(pdf["pages"]), pdf_mib, int(plain["pages"]), plain_mib))
        print(
            f"{case:<40}{len(ladder.levels):>7}{len(ladder.competencies):>6}"
            f"{html:>8.2f}{markdown:>7.2f}{pdf['seconds']:>8.2f}{pdf['pages']:>6}"
            f"{plain['seconds']:>9.2f}{plain['pages']:>6}{pdf['seconds'] / plain['seconds']:>10.2f}"
            f"{pdf_mib:>8.0f}{plain_mib:>10.0f}{len(page) / 1024:>9.0f}{pdf['bytes'] / 1024:>8.0f}",
            flush=True,
        )
    print()
    print(f"PDF / plain WeasyPrint, all ladders = {total_pdf / total_plain:.2f}")
    small, large = min(memory), max(memory)
    if large[0] > small[0] and large[2] > small[2]:
        ours = (large[1] - small[1]) / (large[0] - small[0])
        floor = (large[3] - small[3]) / (large[2] - small[2])
        print(
            f"memory per PDF page = {ours:.2f} MiB (plain WeasyPrint {floor:.2f} MiB): peak "
            f"resident memory from {small[0]} to {large[0]} pages"
        )
    print(
        f"CPU seconds, best of {args.repeat} run(s) for HTML and Markdown, {args.pdf_repeat} "
        "for PDF; the ladder is loaded and checked beforehand, not timed"
    )


if __name__ == "__main__":
    main()
