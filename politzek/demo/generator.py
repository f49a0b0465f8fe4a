"""Synthetic demo data: invented people with realistic names, articles, courts, timelines and
release deals, deterministic for a given seed, size and day. Every record it writes is
marked `synthetic=True` and the interfaces say so."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from rigour.text.translit import ascii_text

from politzek.demo.world import Group, groups, name_pools, weeks, world
from politzek.registry import models as m
from politzek.registry.bulk import bulk_insert
from politzek.registry.history import command_line_actor, recorded_change
from politzek.registry.organizations import known_organizations, organization_defaults
from politzek.registry.partial_date import PartialDate

BATCH = 2000
# About 4,600 Belarusian and 2,900 Russian cases since 2020, which puts Belarus's stock of
# political prisoners at 1,100–1,450 over 2022–2025, as Viasna counted.
DEFAULT_PEOPLE = 7500
OCCUPATIONS = [
    "teacher", "engineer", "student", "IT specialist", "journalist", "doctor", "factory worker",
    "entrepreneur", "musician", "pensioner", "lawyer", "programmer", "driver", "artist",
    "nurse", "scientist", "priest", "blogger", "farmer", "shop assistant",
]
SANCTIONING_AUTHORITIES = ["EU", "UK", "CA", "US-OFAC", "CH"]


class DemoRefused(Exception):
    """The registry holds data the demo must not mix with or replace."""


@dataclass
class Counts:
    rows: int = 0
    people: int = 0
    events: int = 0


@dataclass
class _Institutions:
    recognizers: dict[str, m.Organization]
    register_keepers: dict[str, m.Organization]
    courts: dict[str, m.Organization]
    pretrial_centres: dict[tuple[str, str], m.Facility]
    colonies: dict[str, list[m.Facility]]
    judges: dict[int, list[m.Official]]
    prosecutors: dict[str, list[m.Official]]
    deals: list[tuple[dict[str, Any], m.Deal]]


@dataclass
class _Writer:
    """Bulk inserts with their history rows, counting every row written."""

    actor: str
    reason: str
    counts: Counts = field(default_factory=Counts)

    def insert(self, model: type[models.Model], objects: Sequence[models.Model]) -> None:
        self.counts.rows += bulk_insert(model, objects, self.actor, self.reason)

    def link(self, through: type[models.Model], rows: Sequence[models.Model]) -> None:
        self.counts.rows += bulk_insert(through, rows, self.actor, self.reason)


def _pick_weighted(rng: random.Random, items: Sequence[Any], weights: Sequence[float]) -> Any:
    return rng.choices(items, weights=weights, k=1)[0]


def _zipf(rng: random.Random, items: Sequence[Any]) -> Any:
    """A few items take most picks, as a few judges hear most political cases."""
    weights = [1 / (rank + 1) for rank in range(len(items))]
    return _pick_weighted(rng, items, weights)


def _feminine(surname: str, language: str) -> str:
    for masculine, feminine in sorted(name_pools()["feminine_endings"][language], key=lambda p: -len(p[0])):
        if surname.endswith(masculine):
            return surname[: -len(masculine)] + feminine
    return surname


@dataclass(frozen=True)
class _Name:
    original: str
    latin: str
    first: str
    patronymic: str
    last: str
    language: str


def _make_name(rng: random.Random, language: str, female: bool) -> _Name:
    pool = name_pools()[language]
    father = rng.choice(pool["male"])
    patronymic = father[2] if female else father[1]
    first = rng.choice(pool["female"]) if female else rng.choice(pool["male"])[0]
    last = rng.choice(pool["surnames"])
    if female:
        last = _feminine(last, language)
    latin = f"{ascii_text(first)} {ascii_text(last)}"
    return _Name(f"{last} {first} {patronymic}", latin, first, patronymic, last, language)


def _name_rows(model: type[m.PersonName] | type[m.OfficialName], owner: str, obj: Any, name: _Name) -> list[Any]:
    return [
        model(**{owner: obj}, name=name.original, first_name=name.first, patronymic=name.patronymic,
              last_name=name.last, kind=m.NameKind.ORIGINAL, script="Cyrl", language=name.language,
              is_primary=False),
        model(**{owner: obj}, name=name.latin, first_name=ascii_text(name.first),
              last_name=ascii_text(name.last), kind=m.NameKind.TRANSLITERATION, script="Latn",
              language="", is_primary=True),
    ]


def _day(rng: random.Random, start: dt.date, min_days: int, max_days: int) -> dt.date:
    return start + dt.timedelta(days=rng.randint(min_days, max_days))


def _synthetic_source(slug: str, title: str) -> m.Source:
    return m.Source(url=f"https://example.org/demo/{slug}", title=title, publisher="politzek demo (synthetic)",
                    synthetic=True)


# The demo's towns in Cyrillic, for the envelopes of its (invented) facility addresses.
CITIES_LOCAL = {
    "Minsk": "Минск", "Brest": "Брест", "Vitebsk": "Витебск", "Gomel": "Гомель", "Grodno": "Гродно",
    "Mogilev": "Могилёв", "Baranovichi": "Барановичи", "Bobruisk": "Бобруйск", "Pinsk": "Пинск", "Lida": "Лида",
    "Moscow": "Москва", "Saint Petersburg": "Санкт-Петербург", "Yekaterinburg": "Екатеринбург",
    "Krasnodar": "Краснодар", "Kazan": "Казань", "Ufa": "Уфа", "Novosibirsk": "Новосибирск",
    "Simferopol": "Симферополь", "Melitopol": "Мелитополь", "Kherson": "Херсон", "Donetsk": "Донецк",
    "Berdiansk": "Бердянск",
}
# The region line of an envelope (real regions; the towns' facilities are invented). Cities of
# federal or republican rank have none.
REGIONS_LOCAL = {
    "Brest": "Брестская обл.", "Vitebsk": "Витебская обл.", "Gomel": "Гомельская обл.", "Grodno": "Гродненская обл.",
    "Mogilev": "Могилёвская обл.", "Baranovichi": "Брестская обл.", "Bobruisk": "Могилёвская обл.",
    "Pinsk": "Брестская обл.", "Lida": "Гродненская обл.", "Yekaterinburg": "Свердловская обл.",
    "Krasnodar": "Краснодарский край", "Kazan": "Республика Татарстан", "Ufa": "Республика Башкортостан",
    "Novosibirsk": "Новосибирская обл.",
}
# Hearings announced up to this many days ahead; the share of terms ended with no release
# recorded (in real registries: new charges in prison, or a release not yet documented).
HEARINGS_AHEAD = 60
OVERDUE_SHARE = 0.03


def _event(person: m.Person, kind: str, day: dt.date, **extra: Any) -> m.Event:
    date = PartialDate.from_date(day)
    return m.Event(person=person, kind=kind, date=date, date_earliest=day, synthetic=True, **extra)


class DemoGenerator:
    def __init__(self, people: int, seed: int, today: dt.date, writer: _Writer) -> None:
        self.total = people
        self.rng = random.Random(seed)
        # Draws added after the first release (colony heads, torture reports) take their own
        # stream, so the rest of a seed's registry stays what it was.
        self.later_rng = random.Random(f"{seed}-later")
        self.address_rng = random.Random(f"{seed}-addresses")  # drawn from later still (envelopes)
        self.today = today
        self.writer = writer
        self.groups = groups()
        self.case_counter = itertools.count(1)
        weights = [group.weight(today) for group in self.groups]
        self.group_weights = weights
        # For each group, the weeks it has arrests in and their cumulative intensity.
        self.arrest_weeks: dict[str, tuple[list[dt.date], list[float]]] = {}
        for group in self.groups:
            days = weeks(group.since, today)
            self.arrest_weeks[group.code] = (
                days, list(itertools.accumulate(group.intensity.get(d.year, 0) for d in days))
            )

    # --- institutions ---------------------------------------------------------------------

    def institutions(self) -> _Institutions:
        rng, writer = self.rng, self.writer
        recognizers: dict[str, m.Organization] = {}
        for code in known_organizations():
            # Real organizations are reference data, not demo records: kept on --replace.
            organization, created = m.Organization.objects.get_or_create(code=code,
                                                                         defaults=organization_defaults(code))
            if created:
                writer.counts.rows += 1
            recognizers[code] = organization
        courts: dict[str, m.Organization] = {}
        prosecution_offices: dict[str, m.Organization] = {}
        for group in self.groups:
            for court in group.courts:
                if court not in courts:
                    courts[court] = m.Organization(
                        code=f"demo-court-{len(courts) + 1}", name=court, kind=m.Organization.Kind.COURT,
                        name_local=world().get("court_names_local", {}).get(court, ""),
                        country=group.country, synthetic=True,
                    )
            if group.prosecution not in prosecution_offices:
                prosecution_offices[group.prosecution] = m.Organization(
                    code=f"demo-prosecution-{group.country.lower()}", name=group.prosecution,
                    kind=m.Organization.Kind.PROSECUTION, country=group.country, synthetic=True,
                )
        writer.insert(m.Organization, [*courts.values(), *prosecution_offices.values()])

        pretrial: dict[tuple[str, str], m.Facility] = {}
        colonies: dict[str, list[m.Facility]] = {}
        number = itertools.count(1)
        for group in self.groups:
            for city in dict.fromkeys(group.cities):
                if (group.country, city) not in pretrial:
                    pretrial[(group.country, city)] = self._facility(
                        f"Pre-trial detention centre No. {next(number)}, {city}",
                        m.Facility.Kind.PRETRIAL_CENTRE, "", city, group.country)
            if group.country not in colonies:
                colonies[group.country] = [
                    self._facility(
                        f"Penal colony No. {next(number)}, {city}", m.Facility.Kind.COLONY,
                        rng.choice(["general", "strict", "special"]), city, group.country)
                    for city in rng.sample(group.cities, k=min(6, len(group.cities)))
                ]
        writer.insert(m.Facility, [*pretrial.values(), *itertools.chain(*colonies.values())])

        judges: dict[int, list[m.Official]] = {}
        prosecutors: dict[str, list[m.Official]] = {}
        officials: list[tuple[m.Official, _Name, str, m.Organization]] = []
        for group in self.groups:
            language = "ru"
            for court_name in group.courts:
                court = courts[court_name]
                if court.pk in judges:
                    continue
                judges[court.pk] = []
                for _ in range(rng.randint(3, 8)):
                    official = self._official(group.country)
                    judges[court.pk].append(official)
                    officials.append((official, _make_name(rng, language, rng.random() < 0.45), "judge", court))
            if group.country not in prosecutors:
                office = prosecution_offices[group.prosecution]
                prosecutors[group.country] = []
                for _ in range(12):
                    official = self._official(group.country)
                    prosecutors[group.country].append(official)
                    officials.append((official, _make_name(rng, language, rng.random() < 0.35), "prosecutor", office))
        writer.insert(m.Official, [row[0] for row in officials])
        writer.insert(m.OfficialName, [
            row for official, name, _r, _i in officials
            for row in _name_rows(m.OfficialName, "official", official, name)
        ])
        writer.insert(m.Position, [
            m.Position(official=o, role=role, institution=institution,
                       title="Judge" if role == "judge" else "Prosecutor",
                       start=PartialDate(rng.randint(2005, 2019)))
            for o, _n, role, institution in officials
        ])
        writer.insert(m.Sanction, [
            m.Sanction(official=o, authority=rng.choice(SANCTIONING_AUTHORITIES),
                       program=f"{'Belarus' if o.country == 'BY' else 'Russia'} (synthetic listing)",
                       listed_on=PartialDate(rng.randint(2021, 2025), rng.randint(1, 12)),
                       reference=f"DEMO-{o.pk}")
            for o, _n, role, _i in officials if role == "judge" and rng.random() < 0.25
        ])

        self._colony_heads(colonies)

        deals: list[tuple[dict[str, Any], m.Deal]] = []
        for spec in world()["deals"]:
            if dt.date.fromisoformat(spec["date"]) > self.today:
                continue
            deal = m.Deal(
                name=spec["name"], date=PartialDate.parse(spec["date"]), kind=spec["kind"],
                parties=spec["parties"], mediator=spec.get("mediator", ""), synthetic=True,
                description="Synthetic demo deal: invented for demonstration.",
            )
            deals.append((spec, deal))
        writer.insert(m.Deal, [deal for _spec, deal in deals])
        # Each synthetic deal cites a synthetic statement, as a real one cites its announcement.
        statements = [_synthetic_source(f"deal-{deal.pk}", f"Synthetic statement on {deal.name} (invented)")
                      for _spec, deal in deals]
        writer.insert(m.Source, statements)
        writer.link(m.Deal.sources.through, [m.Deal.sources.through(deal_id=deal.pk, source_id=source.pk)
                                             for (_spec, deal), source in zip(deals, statements, strict=True)])
        writer.insert(m.Concession, [
            m.Concession(deal=deal, kind=kind, description=text, source=source,
                         estimated_value_usd=value or None, counterparty=deal.parties[-1])
            for (spec, deal), source in zip(deals, statements, strict=True)
            for kind, text, value in spec["concessions"]
        ])
        writer.insert(m.DealRelease, [
            m.DealRelease(deal=deal, name_as_listed=f"Synthetic returned person {i + 1}",
                          direction=m.DealRelease.Direction.RETURNED_TO_REGIME,
                          destination_country=deal.parties[0])
            for spec, deal in deals for i in range(spec.get("returned", 0))
        ])
        keepers = {code: recognizers[code] for code in ("by-kgb", "ru-rosfinmonitoring")}
        return _Institutions(recognizers, keepers, courts, pretrial, colonies, judges, prosecutors, deals)

    def _facility(self, name: str, kind: str, regime: str, city: str, country: str) -> m.Facility:
        street = self.rng.randint(1, 120)
        # The address in parts, as an envelope needs it; every part says it is invented (the
        # street is "Example street", the postcode made up).
        later = self.address_rng
        number = re.search(r"No\. (\d+)", name)
        short = {"colony": "ИК", "pretrial_centre": "СИЗО"}.get(kind, "")
        town = CITIES_LOCAL.get(city, city)
        return m.Facility(
            name=name, kind=kind, regime=regime, region=city, country=country, synthetic=True,
            postal_address=f"ul. Primernaya {street}, {city}, {country} (synthetic address)",
            name_local=f"{short}-{number.group(1)}" if short and number else "",
            postcode=f"{later.randint(100000, 999999)}", street_local=f"ул. Примерная, {street} (вымышленный адрес)",
            town_local=f"г. {town}", street_latin=f"ul. Primernaya {street} (synthetic address)", town_latin=city,
            region_local=REGIONS_LOCAL.get(city, ""),
        )

    def _colony_heads(self, colonies: dict[str, list[m.Facility]]) -> None:
        """One head per colony since 2015, the officials torture and death reports there name."""
        rng, heads = self.later_rng, []
        for country, places in colonies.items():
            for colony in places:
                heads.append((self._official(country), _make_name(rng, "ru", rng.random() < 0.2), colony))
        self.writer.insert(m.Official, [official for official, _name, _colony in heads])
        self.writer.insert(m.OfficialName, [row for official, name, _colony in heads
                                            for row in _name_rows(m.OfficialName, "official", official, name)])
        self.writer.insert(m.Position, [
            m.Position(official=official, role=m.Position.Role.PRISON_HEAD, facility=colony,
                       title=f"Head of {colony.name}", start=PartialDate(2015)) for official, _n, colony in heads])

    def _official(self, country: str) -> m.Official:
        return m.Official(country=country, synthetic=True,
                          gender=m.Gender.UNKNOWN, notes="Synthetic demo official: not a real person.")

    # --- people ---------------------------------------------------------------------------

    def people(self, places: _Institutions, progress: Any = None) -> None:
        tags = {code: m.Tag.objects.get_or_create(code=code, defaults={"label": code.replace("-", " ")})[0]
                for group in self.groups for code in group.tags}
        done = 0
        while done < self.total:
            size = min(BATCH, self.total - done)
            self._chunk(size, places, tags)
            done += size
            if progress is not None:
                progress.print(f"  {done}/{self.total} people", highlight=False)

    def _arrest_day(self, group: Group) -> dt.date:
        days, cumulative = self.arrest_weeks[group.code]
        index = bisect.bisect_left(cumulative, self.rng.random() * cumulative[-1])
        start = max(days[min(index, len(days) - 1)], group.since)
        return min(start + dt.timedelta(days=self.rng.randint(0, 6)), self.today)

    def _chunk(self, size: int, places: _Institutions, tags: dict[str, m.Tag]) -> None:
        rng, writer = self.rng, self.writer
        plans = []
        for _ in range(size):
            group = _pick_weighted(rng, self.groups, self.group_weights)
            female = rng.random() < 0.14
            language = rng.choice(group.languages)
            person = m.Person(
                synthetic=True,
                visibility=_pick_weighted(rng, ["public", "restricted", "confidential"], [85, 12, 3]),
                consent=_pick_weighted(rng, ["unknown", "yes", "no"], [87, 10, 3]),
                birth_date=(PartialDate(rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28))
                            if rng.random() < 0.7 else PartialDate(rng.randint(1950, 2004))),
                gender=m.Gender.FEMALE if female else m.Gender.MALE,
                citizenships=[group.citizenship or group.country],
                country=group.country,
                region=rng.choice(group.regions),
                occupation=rng.choice(OCCUPATIONS),
            )
            if rng.random() < 0.3:
                person.relatives_contacts = "Synthetic: mother, +000 00 000 0000"
                person.lawyer_contacts = "Synthetic: lawyer on file"
                person.health_notes = "Synthetic: chronic illness, needs medication"
                person.internal_notes = "Synthetic: family asks not to contact the press"
            plans.append((person, group, _make_name(rng, language, female)))
        writer.insert(m.Person, [plan[0] for plan in plans])
        writer.counts.people += len(plans)
        writer.insert(m.PersonName, [
            row for person, _g, name in plans for row in _name_rows(m.PersonName, "person", person, name)
        ])
        writer.link(m.Person.tags.through, [
            m.Person.tags.through(person_id=person.pk, tag_id=tags[code].pk)
            for person, group, _n in plans for code, share in group.tags.items() if rng.random() < share
        ])
        writer.insert(m.Biography, [
            m.Biography(person=person, language="en",
                        text=f"Synthetic demo person: a {person.occupation} from {person.region}. "
                             "Invented for demonstration; not a real person.")
            for person, _g, _n in plans if rng.random() < 0.3
        ])

        cases, timelines = [], []
        for person, group, _name in plans:
            arrest = self._arrest_day(group)
            article = _pick_weighted(rng, group.articles, [a.weight for a in group.articles])
            court = places.courts[rng.choice(group.courts)]
            case = m.Case(
                jurisdiction=group.country, case_number=f"1-{next(self.case_counter)}/{arrest.year}",
                kind=m.Case.Kind.CRIMINAL, court=court, opened=PartialDate.from_date(arrest), synthetic=True,
            )
            cases.append(case)
            timelines.append((person, group, arrest, article, court, case))
        writer.insert(m.Case, cases)
        writer.link(m.Case.defendants.through, [
            m.Case.defendants.through(case_id=case.pk, person_id=person.pk)
            for person, _g, _a, _art, _c, case in timelines
        ])

        charges, sentences, roles, events_plan = [], [], [], []
        for person, group, arrest, article, court, case in timelines:
            charges.append(m.Charge(case=case, person=person, code_system=article.code_system,
                                    article=article.article, label=article.label))
            if rng.random() < 0.15:
                extra = rng.choice(group.articles)
                if extra.article != article.article:
                    charges.append(m.Charge(case=case, person=person, code_system=extra.code_system,
                                            article=extra.article, label=extra.label))
            sentence_day = _day(rng, arrest, 45, 330)
            sentence = None
            if sentence_day <= self.today:
                non_custodial = rng.random() < group.non_custodial_share
                years = rng.triangular(article.min_years, article.max_years, article.min_years)
                sentence = m.Sentence(
                    case=case, person=person, date=PartialDate.from_date(sentence_day), court=court,
                    kind="restricted_freedom" if non_custodial else "colony",
                    regime="" if non_custodial else rng.choice(["general", "strict"]),
                    term_days=int(years * 365),
                )
                sentences.append(sentence)
                judge = _zipf(rng, places.judges[court.pk])
                roles.append(m.CaseRole(case=case, official=judge, role="judge_first_instance",
                                        date=PartialDate.from_date(sentence_day)))
            roles.append(m.CaseRole(case=case, official=_zipf(rng, places.prosecutors[group.country]),
                                    role="prosecutor"))
            events_plan.append((person, group, arrest, article, case, sentence_day, sentence))
        writer.insert(m.Charge, charges)
        writer.insert(m.Sentence, sentences)
        writer.insert(m.CaseRole, roles)

        events: list[m.Event] = []
        recognitions: list[m.Event] = []
        deal_releases: list[m.DealRelease] = []
        for plan in events_plan:
            self._timeline(plan, places, events, recognitions, deal_releases)
        # Nothing after today, but for hearings: they are announced before they happen.
        events = [event for event in events if event.date_earliest <= self.today or event.kind == "hearing_scheduled"]
        writer.insert(m.Event, events)
        writer.counts.events += len(events)
        self._cite(events)
        writer.insert(m.Recognition, [
            m.Recognition(event=event, grounds=["pace-1900:a"] + (["pace-1900:e"] if rng.random() < 0.5 else []),
                          statement_url=f"https://example.org/demo/statement/{event.pk}")
            for event in recognitions if event.date_earliest <= self.today
        ])
        writer.insert(m.DealRelease, deal_releases)

    def _cite(self, events: list[m.Event]) -> None:
        """Every synthetic event cites a synthetic source: the monthly bulletin of its country,
        as a documenter's record cites the group's published list. A real registry's facts
        cite real sources; the demo's say they are invented."""
        bulletins: dict[tuple[str, int, int], m.Source] = {}
        for event in events:
            day = event.date_earliest
            key = (event.person.country, day.year, day.month)
            if key not in bulletins:
                bulletins[key] = _synthetic_source(
                    f"bulletin-{key[0].lower()}-{day.year}-{day.month:02d}",
                    f"Synthetic demo bulletin, {key[0]}, {day.year}-{day.month:02d} (invented)")
        writer = self.writer
        writer.insert(m.Source, list(bulletins.values()))
        through = m.Event.sources.through
        writer.link(through, [through(event_id=event.pk, source_id=bulletins[
            (event.person.country, event.date_earliest.year, event.date_earliest.month)].pk) for event in events])

    def _timeline(self, plan: tuple[Any, ...], places: _Institutions, events: list[m.Event],
                  recognitions: list[m.Event], deal_releases: list[m.DealRelease]) -> None:
        rng = self.rng
        person, group, arrest, article, case, sentence_day, sentence = plan
        city = rng.choice(group.cities)
        events.append(_event(person, "detained", arrest, case=case,
                             facility=places.pretrial_centres[(group.country, city)]))
        events.append(_event(person, "charged", _day(rng, arrest, 1, 5), case=case))
        if rng.random() < group.house_arrest_share:
            events.append(_event(person, "house_arrest", _day(rng, arrest, 2, 10), case=case))
        else:
            events.append(_event(person, "remanded", _day(rng, arrest, 1, 3), case=case))
        if not article.violent and rng.random() < group.recognition_share:
            recognized = _event(person, "recognized", _day(rng, arrest, 7, 120),
                                organization=places.recognizers[group.recognizer])
            events.append(recognized)
            recognitions.append(recognized)
            if rng.random() < group.register_share:
                events.append(_event(person, "added_to_register", _day(rng, arrest, 60, 400),
                                     organization=places.register_keepers[group.register_keeper],
                                     register=group.register))
        if sentence is None:
            if sentence_day <= self.today + dt.timedelta(days=HEARINGS_AHEAD):
                # The verdict's hearing, announced: what /this-week/ lists under court hearings.
                events.append(_event(person, "hearing_scheduled", sentence_day, case=case,
                                     description=f"courtroom {self.later_rng.randint(1, 12)} (synthetic)"))
            return
        events.append(_event(person, "sentenced", sentence_day, case=case, sentence=sentence))
        if rng.random() < 0.8:
            events.append(_event(person, "appeal_decided", _day(rng, sentence_day, 40, 120), case=case))
        if sentence.kind == "restricted_freedom":
            return
        colony = rng.choice(places.colonies[group.country])
        events.append(_event(person, "transferred", _day(rng, sentence_day, 30, 75), facility=colony))
        release_day = arrest + dt.timedelta(days=sentence.term_days)
        if rng.random() < 0.1:
            cell = _event(person, "punishment_cell", _day(rng, sentence_day, 80, 400), facility=colony)
            events.append(cell)
            if self.later_rng.random() < 0.15:  # ill-treatment reported from the punishment cell
                events.append(_event(person, "torture_reported", cell.date_earliest, facility=colony))
        if rng.random() < 0.03:
            events.append(_event(person, "hunger_strike", _day(rng, sentence_day, 80, 400)))
        for spec, deal in places.deals:
            deal_day = deal.date.earliest
            if group.code in spec["groups"] and arrest < deal_day < release_day and rng.random() < spec["share"]:
                events.append(_event(person, spec["release"], deal_day, deal=deal))
                if spec["release"] == "released_exchange":
                    events.append(_event(person, "deported", deal_day, deal=deal))
                deal_releases.append(m.DealRelease(
                    deal=deal, person=person, direction=m.DealRelease.Direction.RELEASED_BY_REGIME,
                    destination_country="LT" if group.country == "BY" else "DE"))
                return
        if rng.random() < 0.004:
            events.append(_event(person, "died_in_custody", _day(rng, sentence_day, 100, 900), facility=colony))
            return
        if group.country == "BY" and release_day.year >= 2024 and rng.random() < 0.06:
            events.append(_event(person, "released_pardon", _day(rng, max(sentence_day, dt.date(2024, 1, 1)), 30, 500)))
            return
        if release_day <= self.today and self.later_rng.random() < OVERDUE_SHARE:
            return  # still recorded as held after the term: a release overdue (/this-week/)
        events.append(_event(person, "released_end_of_term", release_day))


SYNTHETIC_MODELS: tuple[type[models.Model], ...] = (
    m.Event, m.Case, m.Person, m.Deal, m.Official, m.Facility, m.Organization, m.Source,
    m.ExchangeList, m.AggregateDetention,
)


def _delete_demo_data() -> None:
    for model in SYNTHETIC_MODELS:
        model.objects.filter(synthetic=True).delete()


def _run_the_automatic_cost(actor: str, today: dt.date) -> int:
    """The bundled cost policy run once over the demo, as a registry's staff would: the public
    accountability page then shows proposals (of synthetic officials) instead of none."""
    from politzek.accountability.policy import default_policy
    from politzek.accountability.run import run_cost

    recorded = run_cost(default_policy(), actor, today=today).recorded
    return recorded.created if recorded is not None else 0


def create_demo(
    people: int = DEFAULT_PEOPLE, seed: int = 1, if_empty: bool = False, replace: bool = False,
    progress: Any = None, today: dt.date | None = None,
) -> dict[str, Any] | None:
    """Write synthetic demo data in one transaction. Returns a summary, or None when
    `if_empty` is set and the registry already has people."""
    today = today or dt.date.today()
    existing = m.Person.objects.count()
    if existing:
        if if_empty:
            return None
        real = m.Person.objects.filter(synthetic=False).count()
        if real:
            raise DemoRefused(
                f"the registry holds {real} real (non-synthetic) people; demo data is only "
                "written to an empty registry or one holding only demo data"
            )
        if not replace:
            raise DemoRefused(
                f"the registry already holds {existing} synthetic people; "
                "add --replace to replace them"
            )
    started = time.perf_counter()
    writer = _Writer(actor=command_line_actor(), reason=f"synthetic demo data (politzek demo --seed {seed})")
    with transaction.atomic(), recorded_change(writer.actor, writer.reason):
        if existing:
            _delete_demo_data()
        generator = DemoGenerator(people, seed, today, writer)
        places = generator.institutions()
        generator.people(places, progress)
        proposals = _run_the_automatic_cost(writer.actor, today)
    return {
        "proposals": proposals,
        "people": writer.counts.people,
        "events": writer.counts.events,
        "rows": writer.counts.rows,
        "seconds": time.perf_counter() - started,
    }
