"""Search keys: one short phonetic key per word of a name, the same for the spellings of that
word in Cyrillic and in the usual Latin transliterations, so that "Колесникова",
"Kolesnikova" and "Kalesnikava" all find one person.

A word is transliterated to ASCII (rigour), folded by the spelling rules below (the places
where Belarusian, Russian and Ukrainian forms and their transliterations differ), and reduced
to its metaphone (rigour), which keeps consonants and drops most vowels. Keys are for finding
candidates, not for deciding who is who: the matcher (issue 6) ranks and explains."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib.resources import files

from rigour.text import ascii_text
from rigour.text.phonetics import metaphone

# Ordered rewrites of an ASCII-lowercased word. Each pair says which two spellings are the
# same sound in names of this region; the first rule that applies at a position wins.
FOLDS: tuple[tuple[str, str], ...] = (
    ("shch", "s"),  # Щербаков / Shcherbakov / Szczerbakow / Ščerbakov
    ("sch", "s"),
    ("sh", "s"),  # ISO 9 and Łacinka š lose the hook in ASCII: Ševčenko / Shevchenko
    ("kh", "g"),  # Тихановская: Tikhanovskaya / Tihanovskaya; g as for h below
    ("ch", "c"),
    ("tsi", "ti"),  # Belarusian ць for Russian ть: Ціханоўская / Тихановская
    ("ts", "c"),
    ("tz", "c"),
    ("zh", "z"),  # ж: Zhuk / Žuk once its hook is lost; never j, which the rules below read as й
    ("ou", "ov"),  # Belarusian ў: -ouskaya / -ovskaya
    ("au", "av"),  # Belarusian -аў for Russian -ов: Ramanau / Romanov (vowels are compared apart)
    ("eu", "ev"),  # Лебедзеў / Лебедев: Lebedzeu / Lebedev
    ("w", "v"),
    ("h", "g"),  # Belarusian and Ukrainian г is h: Ihar / Igor
    ("iy", "y"),  # Yuriy / Yury / Юрий
    ("yy", "y"),  # Марыя: Maryya / Maryia / Mariya / Maria
    ("yi", "y"),
    ("ij", "y"),
    ("ii", "y"),
    ("ia", "ya"),
    ("iu", "yu"),  # Liudmila / Lyudmila, Iurii / Yurii
    ("io", "yo"),
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
# Apostrophes and soft-sign marks sit inside a word (Natal'ya, Kuzʹmin, В'ячеслав): dropped,
# never read as a break between two words.
_INSIDE_WORD = re.compile(r"['`´ʹʼ’‘″]")
# Bumped whenever the rules above change: every stored name key is then rebuilt by
# flows.refresh, since keys made by older rules would no longer be found.
KEYS_VERSION = 12


def fold_spelling(word: str) -> str:
    """An ASCII-lowercased word with the spelling differences of the region's names folded
    (Ihar and Igor, Maryia and Mariya, -ouskaya and -ovskaya read the same)."""
    # Folded until nothing changes: one rewrite can make another apply (Lebiedzieŭ: ie → e
    # leaves the eu of -eŭ).
    for _ in range(3):
        folded = _SOFTENING_Y.sub("", _FOLD.sub(lambda match: _FOLD_TO[match.group(0)], word))
        if folded == word:
            break
        word = folded
    return word


# Latin spellings that read two ways, by the system that wrote them (data/spellings.toml: the
# scheme, a source and an example for each): each rule gives the other reading, and
# names.compare tries every reading of a word (at most MAX_READINGS). Rules marked `fallback`
# (Turkic c for дж, Polish and Łacinka c for ц, English j for дж, German s for з …) would apply
# to many words of other languages: the matcher tries them only when a word's own readings
# found no agreement, so they cost nothing on the pairs that already agree.
def _other_readings(fallback: bool) -> tuple[tuple[re.Pattern[str], str], ...]:
    table = tomllib.loads(files("politzek.names").joinpath("data/spellings.toml").read_text("utf-8"))
    return tuple((re.compile(rule["pattern"]), rule["reading"]) for rule in table["reading"]
                 if bool(rule.get("fallback", False)) == fallback)


OTHER_READINGS = _other_readings(fallback=False)
FALLBACK_READINGS = _other_readings(fallback=True)
MAX_READINGS = 12
FALLBACK_BASES = 4


def _apply(rules: tuple[tuple[re.Pattern[str], str], ...], found: list[str], limit: int) -> list[str]:
    for pattern, other in rules:
        if len(found) >= limit:
            break
        for reading in list(found):
            changed = pattern.sub(other, reading)
            if changed != reading and changed not in found and len(found) < limit:
                found.append(changed)
    return found


def _folded_all(found: list[str], skip: tuple[str, ...] = ()) -> tuple[str, ...]:
    folded: list[str] = []
    for reading in found:
        spelled = fold_spelling(reading)
        if spelled not in folded and spelled not in skip:
            folded.append(spelled)
    return tuple(folded)


@lru_cache(maxsize=100_000)
def _unfolded(word: str) -> tuple[str, ...]:
    return tuple(_apply(OTHER_READINGS, [word], MAX_READINGS))


@lru_cache(maxsize=100_000)
def readings(word: str) -> tuple[str, ...]:
    """A lowercased ASCII word and its other readings (see OTHER_READINGS), folded, the word's
    own reading first."""
    return _folded_all(list(_unfolded(word)))


@lru_cache(maxsize=100_000)
def fallback_readings(word: str) -> tuple[str, ...]:
    """The readings of a word by the fallback rules (FALLBACK_READINGS), applied to each of its
    own readings, that readings() has not given already, folded: tried when nothing else
    agreed."""
    # From the word's first few own readings only (the rules' commonest: x as kh, ch as kh …):
    # every rule tried on every reading cost a quarter of a comparison's time.
    own = _unfolded(word)[:FALLBACK_BASES]
    return _folded_all(_apply(FALLBACK_READINGS, list(own), len(own) + MAX_READINGS)[len(own):], skip=readings(word))


def words(text: str) -> list[str]:
    """The ASCII-lowercased words of a text in any script (rigour's transliteration)."""
    return list(_ascii_words(text))


@lru_cache(maxsize=200_000)
def _ascii_words(text: str) -> tuple[str, ...]:
    # Transliteration is most of the cost of reading a name (~150 µs for a Cyrillic one), and
    # names repeat their words: each whitespace-separated piece is transliterated once. The
    # result is the whole text's (checked on 40,000 demo names and 9,117 real ones from
    # ../shared/data in Persian, Cyrillic and Latin scripts: none differed).
    ascii_pieces = " ".join(_ascii_piece(piece) for piece in text.split())
    return tuple(_WORD.findall(_INSIDE_WORD.sub("", ascii_pieces).lower()))


@lru_cache(maxsize=200_000)
def _ascii_piece(piece: str) -> str:
    return ascii_text(piece)


@lru_cache(maxsize=100_000)
def word_key(word: str) -> str:
    """The search key of one word (empty for a word with no letters)."""
    folded = fold_spelling(word)
    key = metaphone(folded)
    return key or folded.upper()


def search_keys(name: str) -> list[str]:
    """The keys of every word of a name, in order, without repeats (for a name in Persian or
    Arabic script, those of its Latin rendering too: names.abjad)."""
    from politzek.names.abjad import latin_rendering, writes_consonants

    keys: list[str] = []
    spelled = words(name) + (words(latin_rendering(name)) if writes_consonants(name) else [])
    for word in spelled:
        key = word_key(word)
        if key and key not in keys:
            keys.append(key)
    return keys
