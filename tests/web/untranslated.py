"""Finds English left on a page served in another language: the text a reader sees (and the
alt, title, aria-label and placeholder texts a screen reader or a blocked image shows), minus
what is marked translate="no" — names, sources, codes and other data, which stay as written.

What is marked translate="no" is read too (`generated_english`): every Latin word there must be
one the database holds (a name, a source's title, a documenter's description) — a word the
program wrote ("Released in the deal", "Deals: every 25 weeks") is generated English hidden
from the first check; so must the words of the page's <title>. Cited works (<cite>), code
(<code>) and text marked with its own language (lang="en": the language menu's "English") are
exempt."""

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


class _Elements(HTMLParser):
    """A parser that keeps a stack of open elements, each with what the check makes of it."""

    stack: list[tuple[str, object]]

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break


class _Text(_Elements):
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

    def handle_data(self, data: str) -> None:
        if not self._hidden() and data.strip():
            self.found.append(data)


class _Marked(_Elements):
    """The texts inside translate="no" (not inside cite, code, script or another lang), and
    the page's <title>."""

    def __init__(self, page_language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_language = page_language
        self.stack: list[tuple[str, str]] = []  # (tag, "data" | "exempt" | "")
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        state = self.stack[-1][1] if self.stack else ""
        if tag == "title":
            state = "data"  # a page's title names its person or deal, and cannot mark them as data
        elif tag in ("script", "style", "head", "code", "cite", "pre") or (
                values.get("lang") and values.get("lang") != self.page_language and tag != "html"):
            state = "exempt"
        elif values.get("translate") == "no" and state != "exempt":
            state = "data"
        if tag not in _VOID:
            self.stack.append((tag, state))

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][1] == "data" and data.strip():
            self.found.append(data)


def stored_text() -> str:
    """Every text the database holds, casefolded and joined: the data a page may show as written."""
    from django.apps import apps
    from django.db import models

    texts: list[str] = []
    for model in apps.get_models():
        columns = [field.attname for field in model._meta.concrete_fields
                   if isinstance(field, models.CharField | models.TextField | models.JSONField)]
        if columns:
            texts.extend(str(value) for row in model._default_manager.values_list(*columns).iterator()
                         for value in row if value)
    return "\n".join(texts).casefold()


# Latin words joined by single spaces: a phrase that is either data (found whole in the
# database) or words the program wrote.
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?: [A-Za-z][A-Za-z'’-]*)*")


def generated_english(html: str, page_language: str, stored: str) -> list[str]:
    """The texts inside translate="no" (and the <title>) holding a Latin phrase the database
    does not hold whole: "RU case" is not data though "case" and "RU" each are somewhere."""
    parser = _Marked(page_language)
    parser.feed(html)
    found = []
    for text in parser.found:
        for run in _LATIN_RUN.findall(_ADDRESS.sub(" ", text)):
            words = [w for w in _LATIN_WORD.findall(run) if w.casefold() not in SAME_IN_EVERY_LANGUAGE]
            if words and run.casefold() not in stored:
                found.append(" ".join(text.split())[:100])
                break
    return found


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


def visible_text(html: str) -> str:
    """The text a reader sees outside translate="no", joined."""
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.found)


# A number ending in 2, 3 or 4 (not 12–14) takes the "few" form in Russian, Belarusian and
# Ukrainian (4 недели, 4 тыдні, 4 тижні, 83 человека); these are the "many" forms.
_FEW_NUMBER = r"(?<![\d.,])(?:\d*[02-9])?[2-4]\s"
_MANY_FORMS = "недель|тыдняў|тижнів|человек|чалавек|людей|политзаключённых|палітвязняў|політв’язнів|політв'язнів"
_ONE_NUMBER = r"(?<![\d.,])(?:\d*[02-9])?1\s"
_GRAMMAR = (
    ("a 'many' plural after 2–4", re.compile(_FEW_NUMBER + f"(?:{_MANY_FORMS})\\b")),
    ("a plural after 1", re.compile(_ONE_NUMBER + "(?:недель|тыдняў|тижнів|людей|недели|человека|чалавекі)\\b")),
    ("a decimal point where the language writes a comma", re.compile(r"(?<![\d.])\d+\.\d{1,2}(?![\d.])")),
    ("a doubled full stop", re.compile(r"[^.]\.\.(?!\.)")),
)


def grammar_slips(html: str) -> list[str]:
    """Numbers a Russian, Belarusian or Ukrainian reader sees in the wrong form: a noun in the
    wrong plural after a number, a decimal point, a doubled full stop (each with its context)."""
    text = visible_text(html)
    found = []
    for what, pattern in _GRAMMAR:
        for match in pattern.finditer(text):
            found.append(f"{what}: …{text[max(0, match.start() - 30):match.end() + 10]}…")
    return found
