"""Criminal-code articles as people write them, in English, Russian, Belarusian and Ukrainian:
"342", "361-1", "ст. 342", "ст.342", "статья 342", "арт. 342", "артыкул 342", "стаття 342",
"ч. 2 ст. 342", "ч.2 арт.342", "часть 2 статьи 342", "Art. 342", "Article 234.4.3",
"Part 2 of Art. 293", "342 part 2", "Articles 13 and 293 part 1", and articles inside prose
("convicted under Criminal Code Article 234.4.3 (Illegal purchase …)").

One cell is one charge (`parse_charge`): the last article it names, since in "Part 1 of
Article 13 and Article 293" the first is the general part's preparation article, with the part
written with that article (none there: the part is article 13's). A cell of prose may name
several charges (`charges_in_text`): each article is one, less the general part's articles
that only qualify the next one (preparation, attempt, complicity: GENERAL_PART)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words for "article" and "part", with their abbreviations and inflections in the four languages.
_ARTICLE_WORD = (r"(?:articles?|arts?\.?|ст(?:ать(?:я|и|е|ю|ей|ях|ям)|атт(?:я|і|ю|ей)|\.)?|"
                 r"арт(?:ыкул(?:а|у|ы|аў|ам)?|\.)?)")
_PART_WORD = r"(?:parts?|pt\.?|ч(?:аст(?:ь|и|ью|ка|кі|цы|ина|ини|ині))?\.?)"
_NUMBER = r"\d+(?:[.\-]\d+)*"
_JOIN = r"(?:\s*(?:,|;|and|и|і|й|та|&)\s*)"

# "ч. 2 ст. 342", "Part 2 of Art. 293", "часть 2 статьи 342"
_PART_BEFORE = re.compile(rf"(?<![\w]){_PART_WORD}\s*(?P<part>\d+)\s*(?:of\s+(?:the\s+)?)?{_ARTICLE_WORD}\s*"
                          rf"(?P<article>{_NUMBER})", re.I)
# "ст. 342", "Articles 13 and 293", each followed by an optional "part 2" / "ч. 2"
_ARTICLES = re.compile(rf"(?<![\w]){_ARTICLE_WORD}\s*(?P<numbers>{_NUMBER}(?:{_JOIN}{_NUMBER}(?![\w]))*)"
                       rf"(?:\s*,?\s*{_PART_WORD}\s*(?P<part>\d+))?", re.I)
# A cell that is only an article: "342", "361-1", "342 part 2", "342, ч. 2"
_PLAIN = re.compile(rf"(?P<article>{_NUMBER})(?:\s*,?\s*{_PART_WORD}\s*(?P<part>\d+))?", re.I)

# General-part articles that qualify the charge named after them (preparation, attempt,
# complicity) rather than being one: Belarus's Criminal Code arts. 13, 14, 16; Russia's 30, 33;
# Ukraine's 14, 15, 27.
GENERAL_PART = {"BY-CC": {"13", "14", "16"}, "RU-CC": {"30", "33"}, "UA-CC": {"14", "15", "27"}}


@dataclass(frozen=True)
class ArticleRef:
    article: str
    part: str
    start: int  # where in the text it was named


def _clean(number: str) -> str:
    return number.strip(".-")


def read_articles(text: str) -> list[ArticleRef]:
    """Every article the text names, in order, with the part written beside it."""
    found: dict[int, ArticleRef] = {}
    for match in _PART_BEFORE.finditer(text):
        found[match.start("article")] = ArticleRef(_clean(match["article"]), match["part"], match.start("article"))
    for match in _ARTICLES.finditer(text):
        numbers = list(re.finditer(_NUMBER, match["numbers"]))
        for index, number in enumerate(numbers):
            start = match.start("numbers") + number.start()
            if start in found:
                continue
            # "part 2" after a list belongs to its last article ("Articles 13 and 293 part 1").
            part = match["part"] or "" if index == len(numbers) - 1 else ""
            found[start] = ArticleRef(_clean(number.group()), part, start)
    return [found[start] for start in sorted(found)]


@dataclass(frozen=True)
class Charge:
    article: str
    part: str
    label: str  # the text as written


def parse_charge(text: str) -> Charge | None:
    """The one charge a cell names (see the module's rule), or None when it names no article."""
    articles = read_articles(text)
    if not articles:
        plain = _PLAIN.fullmatch(text.strip())
        if plain is None:
            return None
        return Charge(_clean(plain["article"]), plain["part"] or "", text)
    last = articles[-1]
    return Charge(last.article, last.part, text)


def charges_in_text(text: str, code_system: str = "") -> list[Charge]:
    """Each charge a text of prose names: every article but the general part's qualifiers,
    each once, with the whole text as its label."""
    general = GENERAL_PART.get(code_system, set())
    seen: dict[str, Charge] = {}
    for ref in read_articles(text):
        if ref.article in general or ref.article in seen:
            continue
        seen[ref.article] = Charge(ref.article, ref.part, text)
    return list(seen.values())
