"""search_keys.words transliterates a name word by word (each word once per process, the
costly part of reading names): on real names in Persian, Cyrillic and Latin scripts, the
words are exactly those of transliterating the whole name at once."""

from __future__ import annotations

import csv
import json

from rigour.text import ascii_text

from politzek.names.search_keys import _INSIDE_WORD, _WORD, words


def _whole(text: str) -> list[str]:
    return _WORD.findall(_INSIDE_WORD.sub("", ascii_text(text)).lower())


def test_word_by_word_equals_the_whole_name_on_real_lists(shared_data):
    texts: set[str] = set()
    with open(shared_data / "iran_memorial" / "iranvictims_2026.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            texts.update(value for key, value in row.items() if value and key and "name" in key.lower())
    for path in sorted((shared_data / "opensanctions").glob("*.json")):
        for line in path.read_text(encoding="utf-8").splitlines():
            properties = json.loads(line).get("properties", {})
            for key in ("name", "alias", "firstName", "lastName", "weakAlias"):
                texts.update(properties.get(key, []))
    texts.update(["Іван Пятроў", "Алесь Бяляцкі", "Мария Колесникова", "Hasan ʿAlī", "O'Brien-Smith"])
    assert len(texts) > 5000
    differ = [text for text in texts if words(text) != _whole(text)]
    assert differ == []
