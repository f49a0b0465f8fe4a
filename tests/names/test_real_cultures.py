"""Names as real lists and press in other cultures write them: Turkic patronymics, Azerbaijani
and Kazakh letters, Belarusian Łacinka, Polish, German, French and Baltic press spellings,
familiar forms, initials. Every spelling here is one a public source printed for that person
(tests/data/names/multiculture_spellings.csv names the source of each, SOURCES.md the sites);
the people are from the development part only (bench/names/culture_pairs.py keeps a third of
them out of every rule and test)."""

from __future__ import annotations

import csv
import itertools
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from politzek.names.compare import THRESHOLD, compare, compare_names
from politzek.names.parts import parse

DATA = Path(__file__).resolve().parents[1] / "data" / "names"
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "names"))
from real_pairs import held_out  # noqa: E402  (the split the evaluation uses)


def _spellings() -> dict[str, set[str]]:
    people: dict[str, set[str]] = defaultdict(set)
    with (DATA / "multiculture_spellings.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            assert row["source"].strip(), row  # every spelling keeps its source
            people[row["person"]].add(row["name"])
    return people


SPELLINGS = _spellings()


def published(person: str, *names: str) -> tuple[str, ...]:
    """The names, checked to be spellings the sources print for this development person."""
    assert not held_out(person), f"{person} is in the held-out part"
    missing = [name for name in names if name not in SPELLINGS[person]]
    assert not missing, f"not in multiculture_spellings.csv for {person}: {missing}"
    return names


SAME = {
    "Azerbaijani letters (ə, ı, ğ, q, c, x) and their English and Russian spellings": [
        published("aliyev-intigam", "İntiqam Əliyev", "Intigam Aliyev"),
        published("hazi-nigar", "Nigar Həzi", "Нигяр Хазы"),
        published("gasimova-elnara", "Elnarə Qasımova", "Эльнара Гасымова"),
        published("gasimova-elnara", "Elnara Gasimova", "Elnarə Qasımova"),
        published("mammadli-alasgar", "Ələsgər Məmmədli", "Alasgar Mammadli"),
        published("jabbar-mushfig", "Mushfig Jabbar", "Müşfiq Cabbarov"),
        published("vagifgizi-sevinj", "Sevinc Vaqifqızı", "Севиндж Вагифгызы"),
        published("vagifgizi-sevinj", "Sevinj Vagifgizi", "Sevinc Abbasova (Vaqifqızı)"),
    ],
    "Turkic patronymics and surnames made of them": [
        published("ibadoghlu-gubad", "Gubad Ibadoglu", "Губад Ибад оглу Байрамов"),
        published("ibadoghlu-gubad", "Qubad İbadoğlu", "Губад Ибадоглу"),
        published("tazhimuratov-dauletmurat", "Тәжимуратов Дәўлетмурат Мырзамурат улы", "Dauletmurat Tazhimuratov"),
        published("akhtemov-asan", "Ахтемов Асан Исламович", "Asan Akhtemov"),
    ],
    "Kazakh letters": [
        published("tokayev-kassym-jomart", "Қасым-Жомарт Тоқаев", "Kassym-Jomart Tokayev"),
        published("tokayev-kassym-jomart", "Qasym-Zhomart Toqaev", "Kassym-Jomart Tokayev"),
        published("mukhammedkarim-duman", "Думан Мұхаммедкәрім", "Duman Mukhammedkarim"),
    ],
    "Belarusian Łacinka": [
        published("tsikhanouski-siarhei", "Siarhiej Cichanouski", "Сяргей Ціханоўскі"),
        published("tsikhanouski-siarhei", "Sjarhej Cichanoŭski", "Сергей Тихановский"),
        published("lukashenka-alyaksandr", "Alaksandar Łukašenka", "Alyaksandr Lukashenka"),
        published("khomich-tatsiana", "Taćciana Chomič", "Tatiana Chomicz"),
    ],
    "Polish press": [
        published("kalesnikava-maria", "Maryja Kalesnikawa", "Мария Александровна Колесникова"),
        published("statkevich-mikola", "Mykoła Statkiewicz", "Мікалай Статкевіч"),
        published("yashin-ilya", "Ilja Jaszyn", "Ilia Iachine"),
        published("dzhemilev-mustafa", "Mustafa Dżemilew", "Мустафа Джемілєв"),
        published("krasikov-vadim", "Wadim Krasikow", "Vadim Krassikov"),
    ],
    "French press": [
        published("yashin-ilya", "Ilia Iachine", "Ilja Jaschin"),
        published("petriychuk-svetlana", "Svetlana Petriïtchouk", "Светлана Петрийчук"),
        published("skochilenko-alexandra", "Alexandra Iourievna Skotchilenko", "Александра Юрьевна Скочиленко"),
        published("berkovich-evgenia", "Evguénia Berkovitch", "Евгения Беркович"),
        published("kara-murza-vladimir", "Vladimir Kara-Mourza", "Vladimir Kara-Murza"),
        published("lukashenka-alyaksandr", "Alexandre Loukachenko", "Alexander Lukashenko"),
    ],
    "German press": [
        published("kara-murza-vladimir", "Wladimir Kara-Mursa", "Vladimir Kara-Murza"),
        published("navalny-alexei", "Alexej Nawalny", "Алексей Навальный"),
        published("petriychuk-svetlana", "Swetlana Petrijtschuk", "Svetlana Petriychuk"),
        published("mustafayev-server", "Serwer Rustemowytsch Mustafajew", "Сервер Мустафаев"),
        published("berkovich-evgenia", "Jewgenija Berkowitsch", "Yevgeniya Berkovich"),
        published("krasikov-vadim", "Wadim Krassikow", "Wadim Krasikow"),
    ],
    "Baltic press": [
        published("chubarov-refat", "Refats Čubarovs", "Рефат Чубаров"),
    ],
    "familiar forms": [
        published("skochilenko-alexandra", "Sasha Skochilenko", "Alexandra Skochilenko"),
        published("skochilenko-alexandra", "Sasza Skoczilenko", "Александра Юрьевна Скочиленко"),
        published("skochilenko-alexandra", "Sacha Skotchilenko", "Alexandra Skotschilenko"),
        published("berkovich-evgenia", "Zhenya Berkovich", "Евгения Беркович"),
        published("berkovich-evgenia", "Schenja Berkowitsch", "Zhenya Berkovich"),
    ],
    "initials": [
        published("aliyev-intigam", "İ.Əliyev", "Intigam Aliyev"),
        published("mukhammedkarim-duman", "Д.Мухаммедкарим", "Duman Mukhammedkarim"),
        published("mammadli-alasgar", "Ə.Məmmədli", "Alasgar Mammadli"),
    ],
}


@pytest.mark.parametrize(("category", "left", "right"),
                         [(category, *pair) for category, pairs in SAME.items() for pair in pairs])
def test_one_person_in_the_spellings_of_another_culture(category, left, right):
    for a, b in ((left, right), (right, left)):
        match = compare([a], [b])
        assert match.score >= THRESHOLD, f"{category}: {a} / {b}: {match.score} {match.explain()}"


@pytest.mark.parametrize(("written", "given", "father", "surname"), [
    # The official order, surname first, the particle last; and the order of English press.
    (published("ibadoghlu-gubad", "Губад Ибад оглу Байрамов")[0], ("gubad",), "ibad", ("bairamov",)),
    (published("tazhimuratov-dauletmurat", "Тәжимуратов Дәўлетмурат Мырзамурат улы")[0],
     ("dauletmurat",), "myrzamurat", ("tazhimuratov",)),
    ("Heydər Əlirza oğlu Əliyev", ("heydar",), "alirza", ("aliyev",)),  # namesakes.csv
    ("Heydar Ilham oghlu Aliyev", ("heydar",), "ilham", ("aliyev",)),  # namesakes.csv
    ("Xədicə Rövşən qızı İsmayılova", ("xadica",), "rovsan", ("ismayilova",)),  # namesakes.csv
    ("İsmayılova Xalidə Xalid qızı", ("xalida",), "xalid", ("ismayilova",)),  # namesakes.csv
])
def test_a_turkic_patronymic_is_the_fathers_name(written, given, father, surname):
    parts = parse(written)
    assert (parts.given, parts.patronymic, parts.surname) == (given, father, surname)


def _judged_namesakes() -> list[tuple[str, str, str]]:
    """The development part's pairs of people the sources name apart (namesakes.csv), split as
    bench/names/culture_pairs.py splits them."""
    with (DATA / "multiculture_spellings.csv").open(encoding="utf-8") as handle:
        owner = {row["name"].strip(): row["person"] for row in csv.DictReader(handle)}
    with (DATA / "namesakes.csv").open(encoding="utf-8") as handle:
        rows = [(row["left"].strip(), row["right"].strip(), row["why"]) for row in csv.DictReader(handle)]
    return [(left, right, why) for left, right, why in rows
            if not held_out(owner.get(left, left), owner.get(right, right))]


@pytest.mark.parametrize(("left", "right", "why"), [
    row for row in _judged_namesakes() if parse(row[0]).patronymic and parse(row[1]).patronymic
    and parse(row[0]).patronymic != parse(row[1]).patronymic])
def test_namesakes_with_different_fathers_are_never_the_same(left, right, why):
    match = compare([left], [right])
    assert not match.same, f"{left} / {right} ({why}): {match.explain()}"


def test_every_judged_pair_with_two_patronymics_is_tested():
    # The pairs above are read from the file: make sure the rule found some in every culture.
    pairs = [(a, b) for a, b, _why in _judged_namesakes() if parse(a).patronymic and parse(b).patronymic]
    assert any("qızı" in a or "kyzy" in a for a, b in pairs)
    assert any("ovich" in a or "ovich" in b for a, b in pairs)


@pytest.mark.parametrize(("left", "right"), [
    ("Heydar Aliyev", "Heydar Aliyev Jr."),  # namesakes.csv: grandfather and grandson
    ("Володимир Кара-Мурза-молодший", "Володимир Кара-Мурза-старший"),  # namesakes.csv: son and father
])
def test_junior_and_senior_are_two_people_when_both_say_so(left, right):
    both_say = parse(left).generation and parse(right).generation
    assert compare_names(left, right).same is not bool(both_say)


@pytest.mark.parametrize(("initialled", "full", "same"), [
    (published("mammadli-alasgar", "Ə.Məmmədli")[0], "Alasgar Mammadli", True),
    # Kamran and Alasgar Mammadli are two detained journalists (namesakes.csv): Ə. is not Kamran.
    (published("mammadli-alasgar", "Ə.Məmmədli")[0], "Kamran Mammadli", False),
    (published("mukhammedkarim-duman", "Д.Мухаммедкарим")[0], "Duman Mukhammedkarim", True),
    # An initial in Russian Cyrillic stands for the Russian form (А. is not Олег), in Belarusian
    # Cyrillic for the Belarusian one (А. is Алег).
    ("Зайцев А.А.", "Oleg Zaitsev", False),
    ("Зайцаў А.А.", "Алег Зайцаў", True),
])
def test_an_initial_decides(initialled, full, same):
    assert compare([initialled], [full]).same is same


def test_namesakes_sharing_a_surname_stay_apart():
    names = [*published("mammadli-alasgar", "Alasgar Mammadli", "Ələsgər Məmmədli"),
             *published("mammadli-kamran", "Kamran Mammadli"), *published("mammad-orkhan", "Orkhan Mammad")]
    for left, right in itertools.product(names[:2], names[2:]):
        assert not compare([left], [right]).same, (left, right)
