"""Criminal-code articles as people write them (issue 35, item 5): every spelling the issue
lists, seen in real lists (Viasna's export writes "Part 2 of Art. 285 of the Criminal Code — …";
documenters' spreadsheets "ст. 342", "арт. 342", "ч.2 арт.342"), reads as the same charge."""

from __future__ import annotations

import pytest

from politzek.ingest.articles import charges_in_text, parse_charge

SAME_CHARGE_342 = ["342", "ст. 342", "ст.342", "статья 342", "статьи 342", "арт. 342", "артыкул 342",
                   "артыкула 342", "стаття 342", "статті 342", "Art. 342", "Article 342", "art 342", "ст. 342."]
SAME_CHARGE_342_PART_2 = ["ч. 2 ст. 342", "ч.2 ст.342", "ч.2 арт.342", "часть 2 статьи 342", "частка 2 артыкула 342",
                          "частина 2 статті 342", "Part 2 of Art. 342", "Part 2 of Article 342", "342 part 2",
                          "ст. 342 ч. 2", "342, ч. 2", "Article 342 part 2"]


@pytest.mark.parametrize("written", SAME_CHARGE_342)
def test_every_spelling_of_an_article_reads_as_it(written):
    charge = parse_charge(written)
    assert (charge.article, charge.part, charge.label) == ("342", "", written)


@pytest.mark.parametrize("written", SAME_CHARGE_342_PART_2)
def test_every_spelling_of_an_article_and_its_part_reads_as_them(written):
    charge = parse_charge(written)
    assert (charge.article, charge.part) == ("342", "2")


@pytest.mark.parametrize(("written", "article", "part"), [
    ("361-1", "361-1", ""),
    ("Article 234.4.3", "234.4.3", ""),
    ("Criminal Code Article 234.4.3 (Illegal purchase or storage of narcotics)", "234.4.3", ""),
    # Viasna's export (../shared/data/viasna): the general part's preparation article first.
    ("Part 1 of Article 13 and Article 293 of the Criminal Code — Preparation for mass riots", "293", ""),
    ("Part 2 of Art. 285 of the Criminal Code — Participation in a criminal organization in any other form", "285",
     "2"),
    ("Articles 13 and 293 part 1", "293", "1"),
])
def test_articles_inside_prose(written, article, part):
    charge = parse_charge(written)
    assert (charge.article, charge.part) == (article, part)


@pytest.mark.parametrize("written", ["", "hooliganism", "2 years", "статья"])
def test_text_naming_no_article_is_no_charge(written):
    assert parse_charge(written) is None


def test_prose_names_several_charges_less_the_general_part():
    text = "convicted under Articles 342 and 361-1, and under Part 1 of Article 13 and Article 293"
    assert [(c.article, c.part) for c in charges_in_text(text, "BY-CC")] == [("342", ""), ("361-1", ""), ("293", "")]
    assert [c.article for c in charges_in_text("ч. 3 ст. 30, п. «а» ч. 2 ст. 205 УК РФ", "RU-CC")] == ["205"]
