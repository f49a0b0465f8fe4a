"""FollowTheMoney export: valid for the `ftm` tool, nothing dropped, nothing private."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from politzek.demo.generator import create_demo
from politzek.ingest.export_ftm import export_ftm
from politzek.registry import models as m
from politzek.registry.visibility import Clearance, Viewer
from tests.registry.factories import event, person

pytestmark = pytest.mark.django_db
FTM = Path(sys.executable).with_name("ftm")


def export(tmp_path, viewer=None) -> list[dict]:
    path = tmp_path / "registry.ftm.json"
    with path.open("w", encoding="utf-8") as handle:
        export_ftm(handle, viewer or Viewer.public())
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def ftm_validate(tmp_path, entities):
    """Run `ftm validate`; return the re-parsed entities by id (it drops values it rejects)."""
    source, checked = tmp_path / "in.json", tmp_path / "out.json"
    source.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entities), encoding="utf-8")
    completed = subprocess.run([str(FTM), "validate", "-i", str(source), "-o", str(checked)],
                               capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    return {e["id"]: e for e in map(json.loads, checked.read_text(encoding="utf-8").splitlines())}


def test_demo_registry_exports_valid_ftm_with_nothing_dropped(tmp_path):
    create_demo(people=40, seed=3)
    entities = export(tmp_path)
    schemata = {e["schema"] for e in entities}
    assert {"Person", "CourtCase", "CourtCaseParty", "Event", "Position", "Occupancy", "Organization"} <= schemata
    validated = ftm_validate(tmp_path, entities)
    assert len(validated) == len(entities)
    for entity in entities:
        again = validated[entity["id"]]
        assert again["schema"] == entity["schema"]
        for prop, values in entity["properties"].items():
            assert sorted(again["properties"].get(prop, [])) == sorted(values), (entity["schema"], prop, values)
    people = [e for e in entities if e["schema"] == "Person" and "notes" in e["properties"]]
    assert people and all("Synthetic demo record" in e["properties"]["notes"][0] for e in people)


def test_export_holds_only_what_the_viewer_may_see_and_no_private_field(tmp_path):
    shown = person("Shown Person", visibility="public", health_notes="secret-health", internal_notes="secret-note",
                   relatives_contacts="secret-phone", lawyer_contacts="secret-lawyer")
    event(shown, "detained", "2021-01-01")
    event(shown, "hunger_strike", "2021-03-01", visibility="restricted")
    hidden = person("Hidden Person", visibility="restricted")
    case = m.Case.objects.create(jurisdiction="BY", case_number="1-9/2021")
    case.defendants.add(hidden)
    public_text = json.dumps(export(tmp_path), ensure_ascii=False)
    assert "Shown Person" in public_text and "Hidden Person" not in public_text
    assert "hunger_strike" not in public_text and "1-9/2021" not in public_text
    staff_text = json.dumps(export(tmp_path, Viewer(Clearance.RESTRICTED)), ensure_ascii=False)
    assert "Hidden Person" in staff_text and "hunger_strike" in staff_text and "1-9/2021" in staff_text
    for text in (public_text, staff_text):
        assert "secret-" not in text


def test_real_sanctions_become_sanction_entities(tmp_path):
    official = m.Official.objects.create(country="BY")
    official.names.create(name="Judge Example", is_primary=True)
    m.Sanction.objects.create(official=official, authority="EU", program="Belarus", listed_on="2021-12",
                              reference="EU.123")
    [sanction] = [e for e in export(tmp_path) if e["schema"] == "Sanction"]
    assert sanction["properties"]["authority"] == ["EU"]
    assert sanction["properties"]["startDate"] == ["2021-12"]
    holder = next(e for e in export(tmp_path) if e["schema"] == "Person")
    assert sanction["properties"]["entity"] == [holder["id"]]
