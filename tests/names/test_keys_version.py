"""The registry stores its people's name keys (flows.NameKey) and rebuilds them only when
search_keys.KEYS_VERSION changes: a rule that changes the keys without a new version leaves
every stored person unfindable by the new keys (vet once found 22 fewer people that way)."""

from __future__ import annotations

import hashlib

from politzek.names.blocking import stored_keys
from politzek.names.search_keys import KEYS_VERSION, search_keys

# Names of every kind the rules read: scripts, transliterations, initials, patronymics,
# compounds, particles, honorifics, Persian, brackets.
NAMES = [
    "Калеснікава Марыя Аляксандраўна", "Kalesnikava M.A.", "Maria Kolesnikova", "Тихановская Светлана",
    "Sviatlana Tsikhanouskaya", "Ihar Losik", "Лосік Ігар", "Zhuk Ivan", "Jouk Ivan", "Иван Жук",
    "Szewczenko Taras", "Шевченко Тарас Григорович", "Tschernow Igor", "Pachodavová Sviatlana",
    "Mohammad Reza Hajikhani", "محمدرضا حاجی‌خانی", "Seyed Ali Hosseini", "سید علی حسینی", "Omid Hassanpour",
    "امید حسن پور", "Abd al-Rahman bin Laden", "Mahsa (Jina) Amini", "Alexei Navalny", "Навальный А. А.",
    "Viktar Uladzimiravitj Sojka", "Cemilev Mustafa", "Çubarov Refat", "нач. ИК-15 Петров П.П.",
    "Уильям Смит", "Пол Уилан", "Nguyen Van An", "דוד כהן", "Unknown", "ناشناس", "N. N.",
    "Əliyev İntiqam Kamil oğlu", "İ.Əliyev", "Siarhiej Cichanoŭski", "Sasha Skochilenko", "Vladimir Kara-Murza Jr.",
]
# The fingerprint of NAMES' keys under each version's rules. When this test fails, the keys
# changed: raise KEYS_VERSION and record the new fingerprint here under it.
FINGERPRINTS = {
    10: "2135d116484b6bb4",
    11: "24161da5b98580d0",  # placeholder names ("Unknown", "ناشناس") have no blocking keys
    # Fallback readings (Turkic c, Łacinka c, German s …) in the blocking keys; Turkic
    # patronymics; initials written onto a surname; familiar forms' letters. NAMES grew by the
    # last five, so the older fingerprints no longer reproduce.
    12: "93e3943be446e1ca",
}


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in NAMES:
        digest.update("|".join([name, *search_keys(name), *stored_keys(name)]).encode())
    return digest.hexdigest()[:16]


def test_changed_keys_come_with_a_new_keys_version():
    assert FINGERPRINTS.get(KEYS_VERSION) == _fingerprint(), (
        f"the name keys changed ({_fingerprint()}): raise KEYS_VERSION and record the fingerprint")
