"""Structured files (JSON, TOML, YAML) read with their nesting bounded: a file of a few
hundred kilobytes can nest 200,000 levels deep, which the parsers meet as a RecursionError (a
traceback, an HTTP 500). No real list, deal, profile or policy nests more than a few levels."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MAX_NESTING = 64


class TooDeep(ValueError):
    """The file nests deeper than MAX_NESTING; the message says so in words a user can act on."""


def parsed_with_bounded_nesting(parse: Callable[[str], Any], text: str) -> Any:
    """`parse(text)`, refused with TooDeep when it nests past MAX_NESTING (met by the parser
    itself, or found in what it returned)."""
    try:
        data = parse(text)
    except RecursionError:
        raise TooDeep(f"nests deeper than {MAX_NESTING} levels; no list or file politzek reads needs that") from None
    if nesting_depth(data) > MAX_NESTING:
        raise TooDeep(f"nests deeper than {MAX_NESTING} levels; no list or file politzek reads needs that")
    return data


def nesting_depth(data: Any) -> int:
    """How many lists and mappings deep `data` goes, counted without recursion."""
    deepest = 0
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            children = list(value.values())
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        if depth > MAX_NESTING:
            return depth
        pending.extend((child, depth + 1) for child in children)
    return deepest
