"""Canary records for the leak tests: restricted, confidential and consent-"no" people, a public
person whose private fields hold canaries, and the records around them (cases, charges, a deal,
sources, tags, a kept exchange list, history).

Every canary contains CANARY. Those that no staff member without confidential clearance may
see also contain SECRET (`secret()`): confidential people and events, private fields, and
whatever is attached only to them. Restricted canaries are for the public test alone, since
every staff role reads restricted records."""

from __future__ import annotations

from pathlib import Path

from politzek.accountability.policy import default_policy
from politzek.accountability.run import run_cost
from politzek.bargaining.exchange_list import save, vet_list
from politzek.registry import models as m
from politzek.registry.history import recorded_change
from politzek.registry.visibility import Clearance, Viewer
from tests.registry.factories import event, organization, person

CANARY = "CANARY7Q"  # no real name or text contains this
SECRET = f"{CANARY}SECRET"
# A search that finds the hidden people by sound (search keys) without echoing the canary.
SOUNDS_LIKE_HIDDEN = "Kanary Restrikted"


def canary(label: str) -> str:
    return f"{CANARY}{label}"


def secret(label: str) -> str:
    return f"{SECRET}{label}"


def seed_canaries() -> dict:
    viasna = organization("viasna", kind="human_rights")
    court = m.Organization.objects.create(code="minsk-court", name="Minsk court", kind="court")
    jail = m.Facility.objects.create(name="Pre-trial centre No. 1", kind="pretrial_centre",
                                     postal_address="Minsk, Valadarskaha 2", country="BY")
    judge = m.Official.objects.create(country="BY")
    judge.names.create(name="Judge Public", is_primary=True)

    shown = person("Shown Prisoner", region="Minsk", health_notes=secret("health"),
                   lawyer_contacts=secret("lawyer"), relatives_contacts=secret("relatives"),
                   internal_notes=secret("internal"))
    event(shown, "detained", "2021-03-01", facility=jail)
    event(shown, "recognized", "2021-04-01", organization=viasna)
    event(shown, "hunger_strike", "2021-05-01", visibility="restricted", description=canary("event-restricted"))
    event(shown, "punishment_cell", "2021-06-01", visibility="confidential",
          description=secret("event-confidential"))

    hidden = []
    for visibility, consent in (("restricted", "unknown"), ("confidential", "unknown"), ("public", "no")):
        label = f"{visibility}-{consent}"
        mark = secret if visibility == "confidential" else canary
        someone = person(mark(f"name-{label}"), visibility=visibility, consent=consent, region=mark("region"),
                         occupation=mark(f"occupation-{label}"))
        someone.names.create(name=mark(f"othername-{label}"), script="Cyrl")
        source = m.Source.objects.create(url=f"https://example.org/{mark(label)}", title=mark(f"source-{label}"))
        detained = event(someone, "detained", "2022-01-10", facility=jail, description=mark(f"event-{label}"))
        detained.sources.add(source)
        event(someone, "recognized", "2022-02-01", organization=viasna)
        event(someone, "released_pardon", "2025-09-11")
        case = m.Case.objects.create(jurisdiction="BY", case_number=mark(f"case-{label}"), court=court)
        case.defendants.add(someone)
        case.charges.create(code_system="BY-CC", article="342", label=mark(f"charge-{label}"))
        m.CaseRole.objects.create(case=case, official=judge, role="judge_first_instance")
        hidden.append(someone)
    # A case shared by the shown prisoner and a hidden one: the case is public, its hidden
    # defendant and that defendant's own charge are not.
    shared = m.Case.objects.create(jurisdiction="BY", case_number="1-2-3", court=court)
    shared.defendants.add(shown, hidden[0])
    shared.charges.create(code_system="BY-CC", article="130", person=hidden[0], label=canary("shared-charge"))
    # A deal that released the shown prisoner and every hidden one: its pages count them all
    # and name only the shown one.
    deal = m.Deal.objects.create(name="Public deal", date="2025-09-11", kind="pardon_wave", parties=["BY"])
    for someone in [shown, *hidden]:
        m.DealRelease.objects.create(deal=deal, person=someone, direction="released_by_regime",
                                     destination_country="LT")
    # The automatic cost proposes the judge of every hidden case: the public page of proposals
    # counts those cases and links none of them.
    run_cost(default_policy(), "test")
    assert m.SanctionProposal.objects.filter(official=judge).exists()
    return {"shown": shown, "hidden": hidden, "jail": jail, "judge": judge, "shared": shared, "deal": deal,
            "confidential": hidden[1]}


def seed_staff_canaries(seeded: dict, folder: Path) -> dict:
    """What staff pages add to the public seed: things attached only to the confidential person
    (a tag, a source), confidential twins a list cannot tell apart, a duplicate pair, a list
    vetted and kept by a cleared user, and history that a later change raised or redacted."""
    confidential = seeded["confidential"]
    tag = m.Tag.objects.create(code="canary-tag", label=secret("tag"))
    confidential.tags.add(tag)
    confidential.sources.add(m.Source.objects.create(url=f"https://example.org/{secret('person-source')}",
                                                     title=secret("person-source")))
    twins = []
    for born in ("1980-01-01", "1981-02-02"):
        twin = person(f"Alesia {SECRET}twin", visibility="confidential", birth_date=born)
        event(twin, "detained", "2022-03-01")
        twins.append(twin)
    solo = person(f"Maryia {SECRET}solo", visibility="confidential", birth_date="1990-05-05")
    event(solo, "detained", "2022-03-01")
    m.DuplicateCandidate.objects.create(left=twins[0], right=twins[1], score=0.97,
                                        features=[{"explain": secret("feature")}])
    # A person public at first, then renamed and raised to confidential: the old public
    # version of the name must not show either.
    raised = person(secret("formername"), visibility="public")
    with recorded_change("test", "raised"):
        raised.visibility = "confidential"
        raised.save()
        name = raised.names.get()
        name.name = secret("newname")
        name.save()
    # Text a documenter later redacted (a change marked as a redaction) on a public person.
    redacted = event(seeded["shown"], "transferred", "2021-07-01", description=secret("redacted"))
    with recorded_change("test", "address removed", redaction=True):
        redacted.description = "transferred"
        redacted.save()
    m.ImportBatch.objects.create(actor="cli:test", file_name="people.csv", profile="politzek", status="done",
                                 rejected=[{"row": 2, "column": "name", "value": secret("rejected")}])
    # A list vetted and kept by a cleared user; its verdicts rest on confidential records.
    listed = folder / "list.csv"
    listed.write_text(f"name,side\nMaryia {SECRET}solo,BY\nAlesia {SECRET}twin,BY\n"
                      "Shown Prisoner,BY\nNobody Known,BY\n", encoding="utf-8")
    kept = save(vet_list(listed, Viewer(Clearance.CONFIDENTIAL)), "Kept list", submitted_by="negotiator")
    entries = {e.row_number: e for e in kept.entries.all()}
    # Guards the seed: the cleared vetting did find the confidential records.
    assert entries[2].matched_person_id == solo.pk and entries[3].verdict == "ambiguous", entries
    return {"tag": tag, "twins": twins, "solo": solo, "raised": raised, "kept": kept}
