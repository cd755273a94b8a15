"""A rank reads the same wherever pmframework prints it: the rendered ladder, the diff and the
findings all use pmframework.text.number_text (``3``, ``4.5``, ``1234567.5``; never
``1.23457e+06``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from pmframework.check.rules import rank_order
from pmframework.diff.compare import Side, diff_ladders
from pmframework.diff.report import FORMATTERS
from pmframework.model import ladder_from_data
from pmframework.render.output import render_markdown
from pmframework.text import number_text

MINIMAL = Path(__file__).parent / "examples" / "valid" / "minimal.json"
BIG = 1234567.5


def _data(*ranks: float) -> dict[str, Any]:
    data = json.loads(MINIMAL.read_text(encoding="utf-8"))
    for level, rank in zip(data["tracks"][0]["levels"], ranks, strict=True):
        level["rank"] = rank
    return data


def test_numbers_are_written_as_a_person_writes_them() -> None:
    assert [number_text(v) for v in (3, 3.0, 4.5, BIG, 1e20)] == [
        "3",
        "3",
        "4.5",
        "1234567.5",
        "100000000000000000000",
    ]


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_number_reads_back_as_itself(value: float) -> None:
    assert float(number_text(value)) == value


def test_render_diff_and_findings_print_a_large_rank_alike() -> None:
    old = ladder_from_data(_data(1, BIG))
    new = ladder_from_data(_data(1, BIG + 1))

    rendered = render_markdown(old)
    diffed = FORMATTERS["text"](diff_ladders(Side("a", old), Side("b", new)))
    found = [v.message for v in rank_order.check(ladder_from_data(_data(BIG, 2)))]

    assert "1234567.5" in rendered and "e+06" not in rendered
    # A number is shown whole, as a version is (not 1234567.5 word-diffed to [-7-]{+8+}.5).
    assert "rank: [-1234567.5-]{+1234568.5+}" in diffed and "e+06" not in diffed
    assert found and all("(2 after 1234567.5)" in m for m in found)
