"""Every documentation file the program's help texts, its code and the README point to exists
(`deals add --help` once pointed to docs/deals.md, which never did), and every relative link
between the docs leads to a file."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAMED = re.compile(r"\bdocs/[\w\-]+\.md\b")
LINKED = re.compile(r"\]\((?!https?:|#|mailto:)([^)#\s]+\.md)(?:#[^)]*)?\)")


def test_every_doc_path_named_in_code_help_and_readme_exists():
    texts = {path: path.read_text(encoding="utf-8") for path in [
        *ROOT.joinpath("politzek").rglob("*.py"), *ROOT.joinpath("politzek").rglob("*.html"), ROOT / "README.md"]}
    named = {(str(path.relative_to(ROOT)), found) for path, text in texts.items() for found in NAMED.findall(text)}
    assert len(named) > 20  # the test reads what it is about
    missing = sorted((where, doc) for where, doc in named if not (ROOT / doc).is_file())
    assert missing == []


def test_every_relative_link_of_the_docs_leads_to_a_file():
    pages = [ROOT / "README.md", *ROOT.joinpath("docs").glob("*.md")]
    broken = sorted((str(page.relative_to(ROOT)), link) for page in pages
                    for link in LINKED.findall(page.read_text(encoding="utf-8"))
                    if not (page.parent / link).resolve().is_file())
    assert broken == []
