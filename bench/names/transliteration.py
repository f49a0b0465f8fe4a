"""Latin spellings of Belarusian and Ukrainian names in the systems lists actually use, for
the evaluation set only (make_pairs.py). Russian goes through iuliia's schemas. These tables
are written from the published systems, independently of politzek's own spelling folds, so
that the set measures the matcher instead of mirroring it."""

from __future__ import annotations

import iuliia

# Vowels that iotate: after a consonant they soften it (ia, ie), at the start of a word or
# after a vowel, ў, ь or an apostrophe they sound with a j/y (ya, ye).
_IOTATED = "яеёюї"
_VOWELS = "аеёіоуыэюяиїєў'ьʼ"


def _convert(word: str, table: dict[str, str], initial: dict[str, str], soft: dict[str, str] | None = None,
             hard_l: str | None = None, after_vowel: bool = True) -> str:
    out = []
    lower = word.lower()
    for i, char in enumerate(lower):
        before = lower[i - 1] if i else ""
        after = lower[i + 1] if i + 1 < len(lower) else ""
        if char in ("'", "ʼ", "’"):
            continue
        if char in initial and (not before or (after_vowel and before in _VOWELS)):
            piece = initial[char]
        elif soft and char == "ь":
            continue  # handled with the consonant before it
        elif soft and char in soft and after == "ь":
            piece = soft[char]
        elif hard_l and char == "л":
            piece = "l" if after in "яеёюіь" else hard_l
        elif hard_l and char in _IOTATED and before == "л":
            piece = {"я": "a", "е": "e", "ё": "o", "ю": "u", "ї": "i"}[char]
        else:
            piece = table.get(char, char)
        out.append(piece)
    text = "".join(out)
    return text[:1].upper() + text[1:] if word[:1].isupper() else text


# Belarusian passports: "Maryia Kalesnikava", "Siarhei Tsikhanouski", "Yauhen".
_BE_PASSPORT = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ё": "io", "ж": "zh",
                "з": "z", "і": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
                "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
                "ш": "sh", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia"}
_BE_PASSPORT_INITIAL = {"е": "ye", "ё": "yo", "ю": "yu", "я": "ya"}

_BE_NATIONAL = {**_BE_PASSPORT, "е": "ie", "ё": "io", "ж": "ž", "й": "j", "ў": "ŭ", "х": "ch", "ц": "c",
                "ч": "č", "ш": "š", "ю": "iu", "я": "ia"}
_BE_NATIONAL_INITIAL = {"е": "je", "ё": "jo", "ю": "ju", "я": "ja"}
_BE_SOFT = {"з": "ź", "л": "ĺ", "н": "ń", "с": "ś", "ц": "ć"}

_BE_LACINKA_SOFT = {"з": "ź", "л": "l", "н": "ń", "с": "ś", "ц": "ć"}

_BE_BGN = {**_BE_PASSPORT, "е": "ye", "ё": "yo", "й": "y", "ў": "w", "ю": "yu", "я": "ya", "ь": "'"}
_BE_BGN_INITIAL = {"е": "ye", "ё": "yo", "ю": "yu", "я": "ya"}

_UK_NATIONAL = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
                "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
                "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
                "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia"}
_UK_NATIONAL_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UK_SCIENTIFIC = {**_UK_NATIONAL, "є": "je", "ж": "ž", "ї": "ji", "й": "j", "х": "ch", "ц": "c", "ч": "č",
                  "ш": "š", "щ": "šč", "ь": "'", "ю": "ju", "я": "ja"}
_UK_SCIENTIFIC_INITIAL = {"є": "je", "ї": "ji", "й": "j", "ю": "ju", "я": "ja"}


def _words(text: str, convert) -> str:
    return " ".join("-".join(convert(part) for part in word.split("-")) for word in text.split(" "))


SYSTEMS: dict[str, dict[str, object]] = {
    "be": {
        "passport": lambda w: _convert(w, _BE_PASSPORT, _BE_PASSPORT_INITIAL, after_vowel=False),
        "national-2007": lambda w: _convert(w, _BE_NATIONAL, _BE_NATIONAL_INITIAL, _BE_SOFT),
        "lacinka": lambda w: _convert(w, _BE_NATIONAL, _BE_NATIONAL_INITIAL, _BE_LACINKA_SOFT, hard_l="ł"),
        "bgn-pcgn": lambda w: _convert(w, _BE_BGN, _BE_BGN_INITIAL),
    },
    "uk": {
        "national-2010": lambda w: _convert(w, _UK_NATIONAL, _UK_NATIONAL_INITIAL, after_vowel=False),
        "scientific": lambda w: _convert(w, _UK_SCIENTIFIC, _UK_SCIENTIFIC_INITIAL),
    },
    "ru": {name.lower(): getattr(iuliia, name).translate for name in (
        "ICAO_DOC_9303", "BGN_PCGN", "WIKIPEDIA", "GOST_779", "GOST_779_ALT", "SCIENTIFIC", "ALA_LC", "MVD_782",
        "MVD_310_FR", "TELEGRAM", "YANDEX_MONEY")},
}


def latin(text: str, language: str, system: str) -> str:
    """A Cyrillic name in one Latin system of its language."""
    convert = SYSTEMS[language][system]
    return _words(text, convert)  # type: ignore[arg-type]
