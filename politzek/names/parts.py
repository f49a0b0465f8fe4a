"""A person's name split into given names, patronymic, surname and initials, whatever order
and script it came in: "Марыя Калеснікава", "Колесникова Мария Александровна",
"Kalesnikava M.", "Babaryka, Viktar".

Words are kept transliterated to ASCII and lowercased (search_keys.words); comparing them is
the matcher's job. Which word is the surname is read from, in order: a comma (surname
first), initials (the full word is the surname), a patronymic (Russian official order puts
the surname before given name and patronymic), and the given-name table (a known given name
at one end and not at the other). Honorifics are dropped and compound given names joined
first (names.cultures: "Seyed Mohammad Reza Hajikhani" is the given name Mohammadreza and
the surname Hajikhani). A name of two unknown words is read given name first, as
lists in Latin script mostly write it; `ambiguous` says so, and the matcher tries both."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from politzek.names.cultures import east_asian_surnames, is_compound_given, join_compounds, without_honorifics
from politzek.names.given_names import given_name_group
from politzek.names.search_keys import words

# Patronymic endings after transliteration: Russian -ovich/-evich/-ich, -ovna/-evna/-ichna,
# Belarusian -avich/-evich, -auna/-euna (ў → u, w in BGN/PCGN), Ukrainian -ovych, -ivna; with
# č as c (ISO 9, Łacinka), the French -ovitch, the Swedish -ovitj, the Dutch -ovitsj, the German
# -owitsch, -avna (Pavlavna) where ў became v, and the Kazakh -uly / -kyzy.
PATRONYMIC_ENDING = re.compile(
    r"(ovitch|evitch|ovich|evich|avich|ovych|evych|ovic|evic|avic|ovyc|evyc|ich|ic|yc|ovna|evna|auna|euna|ouna|awna|"
    r"ewna|avna|ichna|icna|ivna|yivna|ovn|evn|ovitj|evitj|avitj|ovitsj|evitsj|owitsch|ewitsch|uly|qyzy|kyzy)$")
# Kazakh writes the particle joined to the father's name: Äbişulı, Кемелұлы, Nurlanqyzy.
# Turkic patronymics are the father's name and a word for "son" or "daughter" (Azerbaijani
# oğlu / qızı, Russian documents' оглы / кызы / гызы, Kazakh ұлы / қызы, Kyrgyz uulu / kyzy,
# Uzbek o'g'li / qizi, Tatar улы / кызы), as transliterated by search_keys.words: "Intigam
# Kamil oglu Aliyev" is the given name Intigam, the surname Aliyev and the father Kamil.
TURKIC_SON = frozenset({"oglu", "ogly", "ogli", "oghlu", "oghly", "oghli", "ugli", "uglu", "oglou",
                        "uly", "uli", "ulu", "uulu", "uuly"})
TURKIC_DAUGHTER = frozenset({"qizi", "qyzy", "kyzy", "kizi", "kyzi", "kizy", "gizi", "gyzy", "qizy", "ghizi",
                             "kyz", "qyz"})
TURKIC_PARTICLES = TURKIC_SON | TURKIC_DAUGHTER
# Words that tell a son from his father of the same name (Jr., Sr., младший, старший, and the
# Belarusian and Ukrainian forms), read off the name: two records that disagree on them are
# two people (Vladimir Kara-Murza Jr. and Sr.).
GENERATIONS = {"jr": "junior", "junior": "junior", "mladshy": "junior", "mladshiy": "junior", "mladshii": "junior",
               "molodshy": "junior", "molodshyi": "junior", "malodshy": "junior",
               "sr": "senior", "senior": "senior", "starshy": "senior", "starshiy": "senior", "starshii": "senior",
               "starshyi": "senior", "stareishy": "senior", "stareyshy": "senior"}
_MAY_SAY_GENERATION = re.compile(
    r"(?i)jr|sr|junior|senior|mlad|molod|malod|stars|stare|младш|молодш|малодш|старш|старэйш")
_TOKEN = re.compile(r"[^\s,]+")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class NameParts:
    given: tuple[str, ...] = ()
    patronymic: str = ""
    surname: tuple[str, ...] = ()  # a double surname keeps both words ("kalesnikava", "ivanova")
    initials: tuple[str, ...] = ()  # single letters for given name and patronymic, in order
    ambiguous: bool = False  # two plain words: which is the surname was a guess
    generation: str = ""  # "junior" or "senior" when the name says so (GENERATIONS)

    @property
    def words(self) -> tuple[str, ...]:
        return (*self.given, *((self.patronymic,) if self.patronymic else ()), *self.surname)


@lru_cache(maxsize=100_000)
def father_of(patronymic: str) -> str | None:
    """The group of the given name a patronymic is made from, when the table knows it:
    Sergeevna → Sergei, Mykolaiovych → Nikolai, Yurevich → Iurii."""
    ending = PATRONYMIC_ENDING.search(patronymic)
    stem = patronymic[: ending.start()] if ending else patronymic
    # The given name may have lost its last vowel to the ending (Sergei → Sergeevna) or kept
    # a consonant the patronymic adds (Mykola → Mykolaiovych).
    for base in (stem, stem[:-1]) if stem.endswith(("i", "y", "j")) else (stem,):
        # Short stems too: Ильич and Ильинична are made from Илья.
        for tail in ("", "i", "y", "ii", "iy", "a", "o", "ya", "ia"):
            if len(base) >= 2 and (group := given_name_group(base + tail)):
                return group
    return None


def father_stem(patronymic: str) -> str:
    """A patronymic without its ending (Miromonovich → miromon, Abishuly → abish)."""
    ending = PATRONYMIC_ENDING.search(patronymic)
    return patronymic[: ending.start()] if ending else patronymic


def _patronymic_strength(word: str) -> int:
    """2: a patronymic made from a known given name (Viktaravich, Sergeevna); 1: only its
    ending says so (Bohdanovych); 0: not one."""
    ending = PATRONYMIC_ENDING.search(word)
    if ending is None or len(word) <= 4 or given_name_group(word) is not None:
        return 0
    father = father_of(word)
    # A word of five letters (Ilich, Lukich) is a patronymic only when made from a known name.
    return 2 if father else (1 if len(word) > 5 else 0)


def _tokens(text: str) -> tuple[list[str], list[str]]:
    """The full words of a written name and its initials ("M.", "M.A.", "M"), in order."""
    full: list[str] = []
    initials: list[str] = []
    for token in _TOKEN.findall(text):
        if _DIGIT.search(token) and sum(char.isalpha() for char in token) <= 3:
            continue  # a code with a number (ИК-15, a colony in an official's position) is no name
        if "." not in token and len(token) > 1:  # most words: no initial to look for
            if letters := words(token):
                full.append("-".join(letters))
            continue
        pieces = [piece for piece in token.split(".") if piece]
        # Initials are single letters in their own script: Ж. is one, though it reads "zh".
        if pieces and all(len(piece) == 1 and piece.isalpha() for piece in pieces):
            # A letter with no Latin reading (rigour knows none) is no initial at all.
            initials += [letters for piece in pieces if (letters := "".join(words(piece)))]
            continue
        if len(pieces) >= 2 and all(len(piece) == 1 and piece.isalpha() for piece in pieces[:-1]):
            # Initials written onto the surname, as Azerbaijani and Kazakh media do: "İ.Əliyev".
            initials += [letters for piece in pieces[:-1] if (letters := "".join(words(piece)))]
            if letters := words(pieces[-1]):
                full.append("-".join(letters))
            continue
        letters = words(token)
        if letters:
            full.append("-".join(letters))  # a hyphenated surname stays one word
    return full, initials


def _take_patronymic(full: list[str]) -> tuple[str, int | None]:
    """Remove the patronymic from the words; its former position. Only a name of three words
    or more has one: many Belarusian surnames end like patronymics (Statkevich, Karpovich),
    and "Mikalai Statkevich" is a given name and a surname. One made from a known given name
    wins over one that only ends like a patronymic."""
    if len(full) < 3:
        return "", None
    ranked = sorted(((_patronymic_strength(word), i) for i, word in enumerate(full)), reverse=True)
    strength, at = ranked[0]
    if strength == 0:
        return "", None
    return full.pop(at), at


def _turkic_patronymic(full: list[str]) -> tuple[str, int] | None:
    """The father's name and its position when a Turkic particle follows it ("kamil", "oglu")."""
    for at in range(1, len(full)):
        if full[at] in TURKIC_PARTICLES and full[at - 1] not in TURKIC_PARTICLES:
            return full[at - 1], at - 1
    return None


def _with_turkic_patronymic(full: list[str], father: str, at: int) -> NameParts:
    """Given name, father's name and particle, then the surname ("Intigam Kamil oglu Aliyev");
    or the official order, surname first and the particle last ("Əliyev İntiqam Kamil oğlu",
    "Алиев Интигам Камил оглы")."""
    before, after = full[:at], full[at + 2:]
    if after:
        return NameParts(given=tuple(before), patronymic=father, surname=tuple(after))
    if len(before) >= 2:
        return NameParts(given=tuple(before[1:]), patronymic=father, surname=(before[0],))
    # One word and a father: a given name whose surname the list left out (or a surname alone).
    return NameParts(patronymic=father, surname=tuple(before), ambiguous=True)


def _east_asian_order(full: list[str]) -> NameParts | None:
    """A name of three words or more with an East Asian surname at one end (data/
    name_cultures.toml): that surname, and the other words as one given name, whichever end the
    list put the surname at (Nguyen Van An, Van An Nguyen)."""
    first, last = full[0] in east_asian_surnames(), full[-1] in east_asian_surnames()
    if first == last:
        return None
    surname, given = (full[0], full[1:]) if first else (full[-1], full[:-1])
    return NameParts(given=("".join(word.replace("-", "") for word in given),), surname=(surname,))


def _known_given(word: str) -> bool:
    return given_name_group(word) is not None or is_compound_given(word)


def _patronymic_only(text: str) -> str:
    """The father's name when a text after a comma is only a Turkic patronymic ("Yahya oğlu")."""
    full, initials = _tokens(text)
    if len(full) == 2 and not initials and full[1] in TURKIC_PARTICLES:
        return full[0]
    return ""


def _generation(name: str) -> tuple[str, str]:
    """The name without a word saying junior or senior, and which it said."""
    kept: list[str] = []
    said = ""
    for token in name.split():
        pieces = token.split("-")
        plain = [p for p in pieces if GENERATIONS.get("".join(words(p)).strip(".")) is None]
        if len(plain) < len(pieces) and (plain or kept):
            said = next(GENERATIONS["".join(words(p))] for p in pieces if p not in plain)
            if plain:
                kept.append("-".join(plain))
            continue
        kept.append(token)
    return " ".join(kept), said


@lru_cache(maxsize=100_000)
def parse(name: str) -> NameParts:
    """The parts of one written name (see the module's notes for how the order is read)."""
    if _MAY_SAY_GENERATION.search(name) and any(word in GENERATIONS for word in words(name)):
        plain, said = _generation(name)
        if said:
            return replace(parse(plain), generation=said)
    head, comma, tail = name.partition(",")
    if comma and (father := _patronymic_only(tail)):
        # "Hasan Huseynli, Yahya oğlu": a whole name, then the father after the comma.
        return replace(parse(head), patronymic=father)
    if comma:
        # "Surname, Given Patronymic": the comma settles the order.
        surname, _head_initials = _tokens(head)
        given, initials = _tokens(tail)
        given, _joined = join_compounds(without_honorifics(given) if len(given) > 1 else given, surname_elsewhere=True)
        if (turkic := _turkic_patronymic(given)) is not None:
            # "Aliyev, Intigam Kamil oglu"
            father, at = turkic
            return NameParts(given=tuple(given[:at]), patronymic=father, surname=tuple(surname),
                             initials=tuple(initials))
        patronymic, _at = _take_patronymic([*surname, *given]) if given else ("", None)
        given = [word for word in given if word != patronymic]
        return NameParts(given=tuple(given), patronymic=patronymic, surname=tuple(surname), initials=tuple(initials))
    full, initials = _tokens(name)
    full, _joined = join_compounds(without_honorifics(full, len(initials)))
    if not initials and (turkic := _turkic_patronymic(full)) is not None:
        return _with_turkic_patronymic(full, *turkic)
    patronymic, at = _take_patronymic(full)
    if initials or len(full) <= 1:
        # "Kalesnikava M.", "M. A. Kalesnikava", or one word: the full words are the surname.
        return NameParts(patronymic=patronymic, surname=tuple(full), initials=tuple(initials))
    if at is not None and at == len(full):
        # The patronymic ends the name: the official order, "Колесникова Мария Александровна".
        return NameParts(given=tuple(full[1:]), patronymic=patronymic, surname=(full[0],))
    if at is not None:
        # "Мария Александровна Колесникова": given names, patronymic, then the surname.
        return NameParts(given=tuple(full[:at]), patronymic=patronymic, surname=tuple(full[at:]))
    if len(full) >= 3 and (asian := _east_asian_order(full)) is not None:
        return asian
    first_known, last_known = _known_given(full[0]), _known_given(full[-1])
    if last_known and not first_known:
        return NameParts(given=(full[-1],), surname=tuple(full[:-1]))
    return NameParts(given=(full[0],), surname=tuple(full[1:]), ambiguous=not first_known)
