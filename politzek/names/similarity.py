"""How alike two words of a name are, once transliterated and folded: the same word, the
Belarusian, Russian and Ukrainian forms of one word (Калеснікаў / Колесников, Бабарыка /
Бабарико, Ціханоўскі / Тихановский), a clerk's typo, or different words. Each answer comes with
a score and a reason a reviewer can read.

Two forms of one surname keep their consonants and differ in vowels the way the languages
differ (Belarusian akanne writes a for an unstressed o, я/е for е, ы for и; Ukrainian і for o).
A look-alike surname adds or changes a consonant (Ivanov / Ivankov, Statkevich / Stankevich)
or a vowel the languages do not alternate (Losik / Lysik): that is a different name, unless
the rest of the record says otherwise."""

from __future__ import annotations

import re
import tomllib
from functools import cache, lru_cache
from importlib.resources import files

from rigour.text.distance import levenshtein

VOWELS = frozenset("aeiouy")
# Vowel pairs that differ between one name's Belarusian, Russian and Ukrainian forms.
ALTERNATING = frozenset(frozenset(pair) for pair in (
    "ao", "ae", "ei", "iy", "eo", "oi", "ey", "ay"))
_VOWEL_RUN = re.compile(r"[aeiouy]+")

SAME = 1.0
FORMS = 0.92  # one word in two languages' forms
SWAPPED = 0.85  # two letters swapped or one doubled: a typo
VOWEL_DROPPED = 0.85  # the same consonants, one vowel dropped: a typo (Tarasau / Tarsau)
ONE_LETTER = 0.45  # one letter changed, added or dropped: a typo or another name


@cache
def _endings() -> tuple[tuple[int, ...], dict[str, str]]:
    """The lengths of the endings, longest first, and each ending's group's first ending."""
    table = tomllib.loads(files("politzek.names").joinpath("data/endings.toml").read_text("utf-8"))
    canonical: dict[str, str] = {}
    for group in table["ending"]:
        for form in group["forms"]:
            canonical.setdefault(form, group["forms"][0])
    return tuple(sorted({len(form) for form in canonical}, reverse=True)), canonical


@lru_cache(maxsize=50_000)
def common_ending(word: str) -> str:
    """The word with its ending written as its group's first (Tsikhanouski → tsihanovsky)."""
    lengths, canonical = _endings()
    # The longest ending the word has, looked up by length (a few dictionary lookups, where
    # trying each of the table's endings in turn took most of a comparison's time).
    for length in lengths:
        if len(word) > length + 2 and (found := canonical.get(word[-length:])) is not None:
            return word[:-length] + found
    return word


@lru_cache(maxsize=50_000)
def skeleton(word: str) -> str:
    """The consonants, doubled ones once: Belarusian дз reads as д."""
    word = word.replace("dz", "d")
    out = ""
    for char in word:
        if char not in VOWELS and (not out or out[-1] != char):
            out += char
    return out


def _vowels_alternate(left: str, right: str) -> bool:
    """Whether two words with one skeleton differ only in vowels the languages alternate."""
    left_runs, right_runs = _consonant_frames(left), _consonant_frames(right)
    if len(left_runs) != len(right_runs):
        return False
    closed_end = not left_runs[-1] and not right_runs[-1]
    for at, (a, b) in enumerate(zip(left_runs, right_runs, strict=True)):
        if a == b:
            continue
        if not a or not b:
            return False
        # The vowels of a run compared by their last letter (ia / a, ie / e: a softened vowel).
        pair = frozenset((a[-1], b[-1]))
        if a[-1] != b[-1] and pair not in ALTERNATING:
            return False
        # Ukrainian і for о only in a closed last syllable (Федір / Фёдор, Антін / Антон):
        # elsewhere o and i one letter apart are two names (Lobach / Libach).
        if pair == frozenset("oi") and not (closed_end and at == len(left_runs) - 2):
            return False
    return True


def _consonant_frames(word: str) -> list[str]:
    """The vowel runs around each consonant of the skeleton (doubled consonants as one)."""
    word = word.replace("dz", "d")
    frames = [""]
    previous = ""
    for char in word:
        if char in VOWELS:
            frames[-1] += char
        elif char != previous:
            frames.append("")
        previous = char
    return frames


def _typo_vowel(left: str, right: str) -> bool:
    """Whether the longer word is the shorter with one vowel added."""
    short, long = sorted((left, right), key=len)
    return any(long[i] in VOWELS and long[:i] + long[i + 1:] == short for i in range(len(long)))


def _typo(left: str, right: str) -> str | None:
    """Two adjacent letters swapped or one letter doubled: what the slip was, or None."""
    if len(left) == len(right):
        diff = [i for i, (a, b) in enumerate(zip(left, right, strict=True)) if a != b]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and left[diff[0]] == right[diff[1]] \
                and left[diff[1]] == right[diff[0]]:
            return "two letters swapped"
        return None
    short, long = sorted((left, right), key=len)
    if len(long) - len(short) != 1:
        return None
    for i in range(len(long)):
        if long[:i] + long[i + 1:] == short:
            return "a letter doubled" if (i and long[i - 1] == long[i]) or (
                i + 1 < len(long) and long[i + 1] == long[i]) else None
    return None


@lru_cache(maxsize=200_000)
def compare_words(left: str, right: str) -> tuple[float, str]:
    """How alike two folded words are (0 to 1), and why."""
    if left == right:
        return SAME, f"{left} = {right}"
    if min(len(left), len(right)) < 3:
        return 0.0, f"{left} and {right} differ"
    a, b = common_ending(left), common_ending(right)
    if a == b:
        return FORMS, f"{left} ~ {right}: one ending in two languages"
    if skeleton(a) == skeleton(b) and _vowels_alternate(a, b):
        return FORMS, f"{left} ~ {right}: the same consonants, vowels as the languages differ"
    if skeleton(a) == skeleton(b) and abs(len(a) - len(b)) == 1 and len(a) >= 5 and _typo_vowel(a, b):
        return VOWEL_DROPPED, f"{left} ~ {right}: a vowel dropped (a typo)"
    slip = _typo(a, b)
    if slip and len(a) >= 5:
        return SWAPPED, f"{left} ~ {right}: {slip} (a typo)"
    if len(a) >= 6 and levenshtein(a, b) == 1:
        return ONE_LETTER, f"{left} / {right}: one letter differs (a typo, or another name)"
    return 0.0, f"{left} and {right} differ"
