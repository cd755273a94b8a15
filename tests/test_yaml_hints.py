"""The common YAML mistakes get a message that says the fix, whichever YAML parser is installed."""

from __future__ import annotations

import pytest
import yaml

from pmframework.errors import LadderError
from pmframework.load import document as loader_module
from pmframework.load.document import parse_document

PARSERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


@pytest.fixture(params=PARSERS, ids=lambda loader: loader.__name__)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader_module, "_Loader", request.param)


def message(text: str) -> str:
    with pytest.raises(LadderError) as caught:
        parse_document("l.yaml", text)
    return str(caught.value)


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "framework:\n  title: Zephyr Labs: PM ladder\n",
            "l.yaml:2:21: invalid YAML: a colon followed by a space inside plain text; quote "
            'the text: title: "Zephyr Labs: PM ladder"',
        ),
        (
            'levels:\n  - title: Lead: "Growth"\n',
            "l.yaml:2:16: invalid YAML: a colon followed by a space inside plain text; quote "
            'the text: title: "Lead: \\"Growth\\""',
        ),
        (
            "framework:\n\tid: x\n",
            "l.yaml:2:1: invalid YAML: a tab in the indentation: YAML indents with spaces only; "
            "replace the tab with spaces",
        ),
        (
            "framework:\n  id: x\n    title: y\n",
            "l.yaml:3:10: invalid YAML: wrong indentation: this line starts at column 5; indent "
            "it as 'id' (line 2, column 3) or as 'framework' (line 1, column 1)",
        ),
        (
            "framework:\n  id: x\n title: y\n",
            "l.yaml:3:2: invalid YAML: wrong indentation: this line starts at column 2; indent "
            "it as 'id' (line 2, column 3) or as 'framework' (line 1, column 1)",
        ),
        (
            "levels:\n  - id: x\n    title: y\n   rank: 2\n",
            "l.yaml:4:4: invalid YAML: wrong indentation: this line starts at column 4; indent "
            "it as 'title' (line 3, column 5) or as the list item on line 2 (its '-' at column 3)",
        ),
    ],
)
def test_common_mistakes_say_the_fix(text: str, expected: str) -> None:
    assert message(text) == expected


@pytest.mark.usefixtures("parser")
def test_other_errors_keep_the_parsers_words() -> None:
    assert message("a: [unclosed\nb: c\n").startswith("l.yaml:2:")
