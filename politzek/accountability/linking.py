"""Officials found by name through the matcher, not by exact string: an import that names a
judge ("Siarhei Khrypach", "Хрыпач С.", "Sergei Khrypach") links the official already in the
registry when exactly one of that country's officials fits, and records the new spelling as
an alias; otherwise it creates the official. Blocking by the names' word keys keeps each
lookup to the few officials who share a surname's sound."""

from __future__ import annotations

from collections import defaultdict

from politzek.names.blocking import name_keys
from politzek.names.compare import compare
from politzek.registry import models as m


class OfficialIndex:
    """The officials of one country, their names and blocking keys, kept in step as the
    import adds officials and names."""

    def __init__(self, country: str) -> None:
        self.country = country
        self.names: dict[int, list[str]] = defaultdict(list)
        self.by_key: dict[str, set[int]] = defaultdict(set)
        self.found: dict[str, m.Official | None] = {}
        for official_id, name in m.OfficialName.objects.filter(official__country=country).values_list(
                "official_id", "name"):
            self._add(official_id, name)

    def _add(self, official_id: int, name: str) -> None:
        self.names[official_id].append(name)
        for key in name_keys(name)[0]:
            self.by_key[key].add(official_id)

    def fitting(self, name: str) -> list[int]:
        """The officials the matcher says this name is, best first."""
        ids = {official for key in name_keys(name)[0] for official in self.by_key.get(key, ())}
        scored = [(compare([name], self.names[official]), official) for official in ids]
        return [official for match, official in sorted(scored, key=lambda s: (-s[0].score, s[1])) if match.same]

    def official_for(self, name: str, role: str = m.Position.Role.JUDGE) -> m.Official:
        """The one official this name fits (its spelling kept as an alias), or a new one."""
        name = " ".join(name.split())
        if name in self.found and self.found[name] is not None:
            return self.found[name]  # type: ignore[return-value]
        fitting = self.fitting(name)
        if len(fitting) == 1:
            official = m.Official.objects.get(pk=fitting[0])
            if name not in self.names[official.pk]:
                official.names.create(name=name, kind=m.NameKind.ALIAS)
                self._add(official.pk, name)
        else:  # nobody, or several who fit equally: a new record, for the duplicates review
            official = m.Official.objects.create(country=self.country)
            official.names.create(name=name, is_primary=True, kind=m.NameKind.ORIGINAL)
            official.positions.create(role=role, title=role.replace("_", " ").capitalize())
            self._add(official.pk, name)
        self.found[name] = official
        return official
