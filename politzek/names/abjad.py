"""A name in a script that writes consonants (Persian, Arabic, Hebrew: an abjad) against the
same name in Latin letters. Persian writes consonants and long vowels, not short ones:
"مهسا امینی" is m-h-s-a a-m-y-n-y, "Mahsa Amini" adds the a's the script leaves out.
Transliterating the Persian and comparing words (what the rest of the matcher does) loses:
"mhsa" and "mahsa" look like two names. Here each Persian
letter is read as the Latin spellings it has in names (ض is z in Persian, d in Arabic; و is v,
o, u or ou; ی is y, i, ee or e; ه at the end is the -eh of Fatemeh), and the Latin name must be
those letters in order with only short vowels added. Hebrew is read the same way (דוד כהן is
David Cohen: ו is v, o or u, כ is k, kh or ch, a final ה the -ah of Hannah).

Sources: the Encyclopaedia Iranica and Library of Congress romanizations of Persian, the Sorani
Kurdish alphabet (ە ێ ۆ ڕ ڵ), and the spellings of the Iran memorial's lists
(../shared/data/iran_memorial), where one person is written both ways; for Hebrew, the
Academy of the Hebrew Language's 2006 rules for romanization and the popular spellings of
Israeli passports and the press (ch or kh for ח and כ, tz for צ, a geresh for j, zh and ch)."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

# Each letter's Latin spellings in names; "" where the letter may be silent or a vowel sign.
READINGS: dict[str, tuple[str, ...]] = {
    "ا": ("a", "aa", "e", "i", "o", "u", ""), "آ": ("a", "aa"), "أ": ("a", "o", "e", ""), "إ": ("e", "i", ""),
    "ب": ("b",), "پ": ("p",), "ت": ("t",), "ط": ("t",), "ث": ("s", "th"), "س": ("s",), "ص": ("s",),
    "ج": ("j", "dj", "g"), "چ": ("ch", "tch", "c"), "ح": ("h", ""), "خ": ("kh", "x", "h", "k"),
    "د": ("d",), "ذ": ("z", "dh"), "ز": ("z",), "ض": ("z", "d", "dh"), "ظ": ("z",), "ر": ("r",),
    "ژ": ("zh", "j", "z", "jh"), "ش": ("sh", "ch", "s"), "ع": ("", "a", "e", "o", "i"), "غ": ("gh", "q", "g"),
    "ق": ("gh", "q", "g", "k"), "ف": ("f",), "ک": ("k", "c"), "ك": ("k", "c"), "گ": ("g",), "ل": ("l",),
    "م": ("m",), "ن": ("n",), "و": ("v", "w", "o", "u", "ou", "oo", "ow", ""),
    # ی ends Arabic-born names as a: Mostafa, Musa, Morteza (مصطفی، موسی، مرتضی).
    "ی": ("i", "y", "ee", "ei", "ey", "e", "a", ""), "ي": ("i", "y", "ee", "ei", "ey", "e", "a", ""),
    "ى": ("a", "i", "y", ""), "ه": ("h", "e", "eh", "a", "ah", ""), "ة": ("e", "a", "eh", "ah", "at"),
    "ء": ("", "e", "a"), "ئ": ("", "e", "i", "y"), "ؤ": ("", "o", "u"),
    # Sorani Kurdish letters, in the Kurdish names of Iran's lists (سمانە Samaneh, لقمان علیزادە).
    "ە": ("e", "a", "eh", "ah", "h", ""), "ێ": ("e", "ey", "ei"), "ۆ": ("o", "ou", "u"), "ڕ": ("r",),
    "ڵ": ("l",), "ڤ": ("v",), "ھ": ("h", ""),
}
# Hebrew letters (final forms beside their letters). The geresh (׳ or ') after ג, ז, צ makes
# them j, zh, ch (ג׳ורג׳ George): the letters carry those readings, and the mark is silent.
READINGS.update({
    "א": ("", "a", "e", "i", "o"), "ב": ("b", "v"), "ג": ("g", "j", "dj"), "ד": ("d",),
    "ה": ("h", "", "a", "ah", "e", "eh"), "ו": ("v", "o", "u", "w", "ou", ""), "ז": ("z", "zh", "j"),
    "ח": ("ch", "kh", "h", "x"), "ט": ("t",), "י": ("y", "i", "e", "ei", "ey", "j", ""),
    "כ": ("k", "kh", "ch", "c"), "ך": ("k", "kh", "ch"), "ל": ("l",), "מ": ("m",), "ם": ("m",),
    "נ": ("n",), "ן": ("n",), "ס": ("s",), "ע": ("", "a", "e", "o", "i"), "פ": ("p", "f", "ph"),
    "ף": ("f", "ph", "p"), "צ": ("tz", "ts", "z", "ch", "c", "s"), "ץ": ("tz", "ts", "z", "ch", "c"),
    "ק": ("k", "q", "c", "ck"), "ר": ("r",), "ש": ("sh", "s"), "ת": ("t", "th", "s"),
    "׳": ("",), "'": ("",),
})
# The article ال inside a name is read as its vowel, often joined to the next consonant:
# عبدالرحمن Abdorrahman / Abdolrahman / Abdulrahman, شهاب‌الدین Shahabeddin / Shahab al-Din.
ARTICLE = "ال"
READINGS[ARTICLE] = ("ol", "al", "ul", "el", "o", "a", "u", "e", "")
SHORT_VOWELS = frozenset("aeiou")


_CONSONANT_SCRIPTS = re.compile("[\u0590-\u05ff\ufb1d-\ufb4f\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff"
                                "\ufb50-\ufdff\ufe70-\ufeff]")


def writes_consonants(text: str) -> bool:
    """Whether the text holds letters of a script read here letter by letter: Arabic (Persian,
    Arabic, Urdu…) or Hebrew."""
    return _CONSONANT_SCRIPTS.search(text) is not None


# A word-final ی or و is a sound of its own (Heydari is not Heydar): never silent there.
NEVER_SILENT_AT_END = frozenset("یيو")


def _letters(text: str) -> tuple[tuple[str, bool], ...]:
    """The name's letters, each with whether it ends a word."""
    letters: list[tuple[str, bool]] = []
    for word in text.replace("\u200c", "").split():
        kept = [char for char in word if char in READINGS]
        merged: list[str] = []
        for char in kept:
            if char == "ل" and merged and merged[-1] == "ا" and len(merged) > 1:
                merged[-1] = ARTICLE  # ال inside a word: the article of a compound name
            else:
                merged.append(char)
        letters += [(char, i == len(merged) - 1) for i, char in enumerate(merged)]
    return tuple(letters)


def _latin(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in folded if "a" <= char <= "z")


@lru_cache(maxsize=100_000)
def _spells(persian: tuple[tuple[str, bool], ...], latin: str) -> bool:
    """Whether `latin` is `persian`'s letters, each in one of its readings, in order, with short
    vowels added anywhere and consonants doubled (Persian leaves the doubling unwritten:
    محمد is Mohammad)."""
    # From a place, the letters Persian leaves unwritten (short vowels, a doubled letter) can be
    # passed one after the other: the places reached are a run up to reach[j].
    reach = list(range(len(latin) + 1))
    for j in range(len(latin) - 1, -1, -1):
        if latin[j] in SHORT_VOWELS or (j > 0 and latin[j] == latin[j - 1]):
            reach[j] = reach[j + 1]
    # The places in `latin` where the next Persian letter may begin, letter after letter.
    places = {0}
    for letter, ends_word in persian:
        readings = READINGS[letter]
        if ends_word and letter in NEVER_SILENT_AT_END:
            readings = tuple(reading for reading in readings if reading)
        places = {k + len(reading) for j in places for k in range(j, reach[j] + 1) for reading in readings
                  if latin.startswith(reading, k)}
        if not places:
            return False
    # What follows the last letter: short vowels, or the last consonant doubled (Monsareff).
    return any(reach[j] == len(latin) for j in places)


def same_name(persian: str, latin: str) -> bool:
    """Whether a name in Persian or Arabic script and one in Latin letters spell one name: all
    the Latin words, in some order, spelled by the Persian letters (spaces and the zero-width
    non-joiner that Persian puts inside names are ignored on both sides)."""
    return words_left_out(persian, latin) == 0


def words_left_out(persian: str, latin: str) -> int | None:
    """How many words of the Latin name the Persian letters leave out when they spell the rest,
    in some order: 0 (every word), 1 (one word of a Latin name of three words or more, as a
    shorter record leaves out one word of a longer one: Ali Goodarzi / Ali Moazzami Goodarzi;
    or one word of a Persian name of three words that the Latin one does not have), or None
    when they do not spell it."""
    letters = _letters(persian)
    words = [_latin(word) for word in latin.replace("-", " ").split()]
    words = [word for word in words if word]
    if len(letters) < 4 or not words or len(words) > 5:
        return None
    if any(_spells(letters, "".join(order)) for order in _orders(letters, words)):
        return 0
    if len(words) >= 3 and len(persian.split()) >= 2:
        for left_out in range(len(words)):
            rest = words[:left_out] + words[left_out + 1:]
            if any(_spells(letters, "".join(order)) for order in _orders(letters, rest)):
                return 1
    persian_words = persian.replace("\u200c", "").split()
    if len(persian_words) >= 3 and len(words) >= 2:
        # The other way round: the Persian name holds one word more (a second given name,
        # محمد امین براهویی / Mohammad Barahui).
        for left_out in range(len(persian_words)):
            shorter = _letters(" ".join(persian_words[:left_out] + persian_words[left_out + 1:]))
            if len(shorter) >= 4 and any(_spells(shorter, "".join(order)) for order in _orders(shorter, words)):
                return 1
    return None


def _orders(letters: tuple[tuple[str, bool], ...], words: list[str]) -> Iterator[tuple[str, ...]]:
    """The orders of the words that the Persian letters may spell: only those whose first word
    can begin with the first letter (most pairs of a dedupe are two different names, and each
    order cost a full spelling check: 2.2 million of them for one list of 4,666 people)."""
    first = [word for word in words if _may_begin(letters[0][0], word)]
    for head in dict.fromkeys(first):
        rest = list(words)
        rest.remove(head)
        for order in itertools.permutations(rest):
            yield (head, *order)


def _may_begin(letter: str, word: str) -> bool:
    """Whether a word may be spelled from this Persian letter on: one of its readings begins
    the word once the short vowels Persian leaves unwritten are passed (as _spells reads)."""
    readings = READINGS[letter]
    if "" in readings:
        return True
    skipped = 0
    while skipped < len(word) and word[skipped] in SHORT_VOWELS:
        skipped += 1
    if skipped == len(word):
        return True  # a word of short vowels only: the next word decides
    return any(word.startswith(reading, k) for reading in readings for k in range(skipped + 1))


# The rendering's choice where the first reading is silent: ع begins Ali, Abbas, Abdol.
RENDERED = {"ع": "a"}


@lru_cache(maxsize=100_000)
def latin_rendering(text: str) -> str:
    """A plausible Latin spelling of a name in Persian script, each letter by its first reading
    (محمدرضا حاجی‌خانی → mhmdrza hajikhani): what blocking keys are made from, so the name meets
    its Latin spellings among candidates (the comparison itself is same_name's)."""
    rendered = []
    for word in text.replace("\u200c", "").split():
        letters = _letters(word)
        spelled = []
        for i, (letter, _end) in enumerate(letters):
            if letter == "و":
                spelled.append("v" if i == 0 else "u")  # Vahid, but Mousavi, Khosrow
            else:
                spelled.append(RENDERED.get(letter, READINGS[letter][0]))
        rendered.append("".join(spelled))
    return " ".join(word for word in rendered if word)
