"""Finds English left on a page served in another language: the text a reader sees (and the
alt, title, aria-label and placeholder texts a screen reader or a blocked image shows), minus
what is marked translate="no" — names, sources, codes and other data, which stay as written."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Words that are the same in every language of the site: the project's name, formats, protocols.
SAME_IN_EVERY_LANGUAGE = frozenset({
    "politzek", "api", "openapi", "atom", "csv", "json", "svg", "png", "xlsx", "icalendar", "pace", "usd", "eur",
    "utc", "tor", "https", "www", "html", "toml", "markdown", "yaml", "xml",
})
READABLE_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Web addresses, domain names, file paths and `commands` are the same in every language.
_ADDRESS = re.compile(r"(https?://\S+|\b[\w-]+(\.[\w-]+)*\.(ru|by|ua|org|com|net|info|democrat)\b"
                      r"|\b[\w/-]+\.(md|toml|csv|yaml|json)\b|`[^`]*`)")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden from the check)
        self.found: list[str] = []

    def _hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        hidden = (self._hidden() or tag in ("script", "style", "head", "code")
                  or values.get("translate") == "no")
        if not hidden:
            self.found.extend(value for name in READABLE_ATTRIBUTES if (value := values.get(name)))
        if tag not in _VOID:
            self.stack.append((tag, hidden))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._hidden() and data.strip():
            self.found.append(data)


def english_words(html: str) -> list[str]:
    """The Latin-script words a reader of this page sees outside translate="no" (in order)."""
    parser = _Text()
    parser.feed(html)
    words = []
    for text in parser.found:
        text = _ADDRESS.sub(" ", text)
        words.extend(word for word in _LATIN_WORD.findall(text) if word.casefold() not in SAME_IN_EVERY_LANGUAGE)
    return words


def english_snippets(html: str) -> list[str]:
    """The texts holding such words, for a failure message a developer can act on."""
    parser = _Text()
    parser.feed(html)
    return [" ".join(text.split())[:100] for text in parser.found
            if any(word.casefold() not in SAME_IN_EVERY_LANGUAGE
                   for word in _LATIN_WORD.findall(_ADDRESS.sub(" ", text)))]
