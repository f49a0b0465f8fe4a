"""Structured files nested far past anything real (a 200,000-deep JSON list, a 100,000-deep
TOML array, deep YAML) are refused with one line naming the file, never a RecursionError
(issue 33: a traceback on the command line, HTTP 500 on /staff/deals/new/)."""

from __future__ import annotations

import json
import tomllib

import pytest
import yaml

from politzek.bargaining.deal_file import DealFileError, read_deal_file
from politzek.ingest import readers
from politzek.ingest.errors import ImportError_
from politzek.nesting import MAX_NESTING, TooDeep, nesting_depth, parsed_with_bounded_nesting

DEEP_JSON = "[" * 200_000 + "]" * 200_000
DEEP_TOML = 'name = "x"\nparties = ' + "[" * 100_000 + "]" * 100_000 + "\n"


@pytest.mark.parametrize("parse, text", [
    (json.loads, DEEP_JSON),
    (tomllib.loads, DEEP_TOML),
    (yaml.safe_load, "a: " + "[" * 5_000 + "]" * 5_000),
    (json.loads, "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1)),  # under the parser's limit, over ours
])
def test_deep_nesting_is_refused_in_words(parse, text):
    with pytest.raises(TooDeep, match=f"nests deeper than {MAX_NESTING} levels"):
        parsed_with_bounded_nesting(parse, text)


def test_real_nesting_is_read():
    data = parsed_with_bounded_nesting(json.loads, '[{"name": "Ales", "sources": [{"url": "https://x"}]}]')
    assert data[0]["name"] == "Ales" and nesting_depth(data) == 4


def test_a_deep_json_import_names_the_file(tmp_path):
    path = tmp_path / "people.json"
    path.write_text(DEEP_JSON)
    with pytest.raises(ImportError_, match=r"people\.json: nests deeper than 64 levels"):
        list(readers.read_rows(path, "json"))


def test_a_deep_yaml_import_names_the_file(tmp_path):
    path = tmp_path / "people.yaml"
    path.write_text("- name: " + "[" * 200 + "]" * 200 + "\n")  # libyaml refuses past 1,000 itself
    with pytest.raises(ImportError_, match=r"people\.yaml: nests deeper than 64 levels"):
        list(readers.read_rows(path, "yaml"))


def test_a_deep_deal_file_names_the_file(tmp_path):
    path = tmp_path / "deal.toml"
    path.write_text(DEEP_TOML)
    with pytest.raises(DealFileError, match=r"deal\.toml: nests deeper than 64 levels"):
        read_deal_file(path)
