"""Search keys: one short phonetic key per word of a name, the same for the spellings of that
word in Cyrillic and in the usual Latin transliterations, so that "Колесникова",
"Kolesnikova" and "Kalesnikava" all find one person.

A word is transliterated to ASCII (rigour), folded by the spelling rules below (the places
where Belarusian, Russian and Ukrainian forms and their transliterations differ), and reduced
to its metaphone (rigour), which keeps consonants and drops most vowels. Keys are for finding
candidates, not for deciding who is who: the matcher (issue 6) ranks and explains."""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.text import ascii_text
from rigour.text.phonetics import metaphone

# Ordered rewrites of an ASCII-lowercased word. Each pair says which two spellings are the
# same sound in names of this region; the first rule that applies at a position wins.
FOLDS: tuple[tuple[str, str], ...] = (
    ("shch", "sh"),  # Щербаков / Shcherbakov / Szczerbakow
    ("sch", "sh"),
    ("kh", "g"),  # Тихановская: Tikhanovskaya / Tihanovskaya; g as for h below
    ("ch", "c"),
    ("tsi", "ti"),  # Belarusian ць for Russian ть: Ціханоўская / Тихановская
    ("ts", "c"),
    ("tz", "c"),
    ("zh", "j"),
    ("ou", "ov"),  # Belarusian ў: -ouskaya / -ovskaya
    ("w", "v"),
    ("h", "g"),  # Belarusian and Ukrainian г is h: Ihar / Igor
    ("iy", "y"),  # Yuriy / Yury / Юрий
    ("yy", "y"),  # Марыя: Maryya / Maryia / Mariya / Maria
    ("yi", "y"),
    ("ij", "y"),
    ("ii", "y"),
    ("ia", "ya"),
    ("j", "y"),  # Jurij / Yury
    ("ie", "e"),
    ("ye", "e"),
    ("ae", "a"),
)
_FOLD = re.compile("|".join(re.escape(old) for old, _new in FOLDS))
_FOLD_TO = dict(FOLDS)
# A y between a consonant and a vowel only softens the consonant (Святлана / Светлана,
# Бяляцкі / Беляцкий): drop it.
_SOFTENING_Y = re.compile(r"(?<=[^aeiouy])y(?=[aeiou])")
_WORD = re.compile(r"[a-z]+")


def fold_spelling(word: str) -> str:
    """An ASCII-lowercased word with the spelling differences of the region's names folded
    (Ihar and Igor, Maryia and Mariya, -ouskaya and -ovskaya read the same)."""
    return _SOFTENING_Y.sub("", _FOLD.sub(lambda match: _FOLD_TO[match.group(0)], word))


def words(text: str) -> list[str]:
    """The ASCII-lowercased words of a text in any script (rigour's transliteration)."""
    return _WORD.findall(ascii_text(text).lower())


@lru_cache(maxsize=100_000)
def word_key(word: str) -> str:
    """The search key of one word (empty for a word with no letters)."""
    folded = fold_spelling(word)
    key = metaphone(folded)
    return key or folded.upper()


def search_keys(name: str) -> list[str]:
    """The keys of every word of a name, in order, without repeats."""
    keys: list[str] = []
    for word in words(name):
        key = word_key(word)
        if key and key not in keys:
            keys.append(key)
    return keys
