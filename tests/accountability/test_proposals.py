"""The automatic cost on a registry built here: what it reads, the proposals it keeps (a re-run
adds nothing), statuses with history, the submission per authority, and no proposal ever
written as a sanction."""

import csv
import io
import json

import pytest

from politzek.accountability.policy import authority_code, authority_of, default_policy
from politzek.accountability.proposals import ProposalError, proposal_rows, set_status
from politzek.accountability.run import run_cost
from politzek.accountability.submission import dossier_html, submission_csv, submission_html
from politzek.ingest.export_ftm import export_official_ftm
from politzek.registry import models as m
from politzek.registry.visibility import Clearance, Viewer
from tests.registry.factories import event, organization, person

pytestmark = pytest.mark.django_db
POLICY = default_policy()


def _official(name, role="judge", facility=None):
    official = m.Official.objects.create(country="BY")
    official.names.create(name=name, is_primary=True)
    official.positions.create(role=role, title=role, facility=facility)
    return official


@pytest.fixture
def registry():
    """A recognized defendant (public), a restricted recognized defendant, and an unrecognized
    one; a judge on all three cases, a prosecutor listed by the EU, a colony head."""
    viasna = organization("viasna", kind="human_rights")
    judge, prosecutor = _official("Judge Testava"), _official("Prosecutor Testau", "prosecutor")
    colony = m.Facility.objects.create(name="Colony 4", country="BY")
    head = _official("Head Testovich", "prison_head", facility=colony)
    m.Sanction.objects.create(official=prosecutor, authority="Council of the European Union", program="Belarus")
    cases = []
    for number, (name, visibility, recognized) in enumerate(
            [("Shown One", "public", True), ("Hidden One", "restricted", True), ("Not Recognized", "public", False)]):
        who = person(name, visibility=visibility)
        case = m.Case.objects.create(jurisdiction="BY", case_number=f"1-{number}/2025")
        case.defendants.add(who)
        m.CaseRole.objects.create(case=case, official=judge, role="judge_first_instance")
        m.CaseRole.objects.create(case=case, official=prosecutor, role="prosecutor")
        event(who, "detained", f"2025-0{number + 1}-10", case=case)
        if recognized:
            event(who, "recognized", f"2025-0{number + 2}-01", organization=viasna)
        cases.append(case)
    shown = cases[0].defendants.get()
    event(shown, "torture_reported", "2025-06-02", facility=colony, visibility="restricted")
    return {"judge": judge, "prosecutor": prosecutor, "head": head, "cases": cases}


def test_a_run_keeps_its_proposals_once(registry):
    judge, prosecutor, head = registry["judge"], registry["prosecutor"], registry["head"]
    first = run_cost(POLICY, "test", today=None)
    # judge: EU, US, UK, CA; prosecutor: US, UK, CA (listed by the EU); head: 4 after the torture report
    assert (first.recorded.created, first.recorded.evidence_added) == (11, 4 * 2 + 3 * 2 + 4)
    keys = {(p.official_id, p.authority) for p in m.SanctionProposal.objects.all()}
    assert (prosecutor.pk, "EU") not in keys and (judge.pk, "EU") in keys and (head.pk, "CA") in keys
    again = run_cost(POLICY, "test")
    assert (again.recorded.created, again.recorded.evidence_added, again.recorded.unchanged) == (0, 0, 11)
    assert m.SanctionProposal.objects.count() == 11 and m.ProposalEvidence.objects.count() == 18
    # a new case of the same judge adds evidence to the kept proposals, not new proposals
    newcomer = person("Newcomer")
    case = m.Case.objects.create(jurisdiction="BY", case_number="1-9/2026")
    case.defendants.add(newcomer)
    m.CaseRole.objects.create(case=case, official=judge, role="judge_first_instance")
    event(newcomer, "detained", "2026-01-10", case=case)
    event(newcomer, "recognized", "2026-02-01", organization=m.Organization.objects.get(code="viasna"))
    from politzek.flows import data_state

    before = data_state.current().version
    third = run_cost(POLICY, "test")
    assert (third.recorded.created, third.recorded.evidence_added) == (0, 4)
    # Evidence keeps no history: the proposals it joined record it, so cached public pages move.
    assert data_state.current().version != before
    assert m.SanctionProposal.history.filter(official=judge).count() == 4 + 4


def test_a_dry_run_keeps_nothing(registry):
    run = run_cost(POLICY, "test", dry_run=True)
    assert run.recorded is None and run.result.proposals and not m.SanctionProposal.objects.exists()


def test_what_the_run_reads(registry):
    run = run_cost(POLICY, "test", dry_run=True)
    data = run.as_dict()
    assert data["new_cases"] == 2  # the unrecognized defendant's case does not count
    # index: two new cases (1 point each), a torture report (2 points)
    assert data["index"]["BY"][-1]["value"] == pytest.approx(4.0 * 0.98 ** max(
        0, sum(1 for w in data["index"]["BY"] if w["quiet"])), rel=1e-3)
    assert json.dumps(data)  # JSON-ready


def test_statuses_are_kept_with_history(registry):
    run_cost(POLICY, "test")
    proposal = m.SanctionProposal.objects.filter(official=registry["judge"], authority="EU").get()
    set_status(proposal.pk, "submitted", "sent on 2026-12-01", "anna")
    proposal.refresh_from_db()
    assert proposal.status == "submitted" and proposal.status_changed_at is not None
    latest = proposal.history.latest()
    assert (latest.history_actor, latest.history_change_reason) == ("anna", "sent on 2026-12-01")
    with pytest.raises(ProposalError, match="'approved' is not one of proposed, submitted, adopted, rejected"):
        set_status(proposal.pk, "approved", "", "anna")
    with pytest.raises(ProposalError, match="no proposal with id 424242"):
        set_status(424242, "submitted", "", "anna")
    run_cost(POLICY, "test")  # a re-run leaves the status alone
    proposal.refresh_from_db()
    assert proposal.status == "submitted"


def test_the_public_sees_only_visible_cases_and_never_the_facility_event(registry):
    run_cost(POLICY, "test")
    [row] = proposal_rows(Viewer.public(), authority="EU", ids=list(m.SanctionProposal.objects.filter(
        official=registry["judge"]).values_list("id", flat=True)))
    assert row.evidence_count == 2 and [c["case_number"] for c in row.cases] == ["1-0/2025"]
    [staff_row] = proposal_rows(Viewer(Clearance.RESTRICTED), authority="EU", ids=[row.proposal_id])
    assert len(staff_row.cases) == 2
    [head_row] = proposal_rows(Viewer.public(), authority="EU", ids=list(m.SanctionProposal.objects.filter(
        official=registry["head"]).values_list("id", flat=True)))
    assert head_row.evidence_count == 1 and head_row.events == []  # the torture report is restricted


def test_the_submission_per_authority(registry):
    run_cost(POLICY, "test")
    text, count = submission_csv("EU", Viewer.public())
    rows = list(csv.DictReader(io.StringIO(text)))
    assert count == 2 and {r["name"] for r in rows} == {"Judge Testava", "Head Testovich"}
    judge = next(r for r in rows if r["name"] == "Judge Testava")
    assert judge["cases_in_all"] == "3" and judge["cases_shown"].startswith("1-0/2025 (judge_first_instance")
    assert "Hidden One" not in text
    us, _count = submission_csv("US", Viewer.public())
    assert "Prosecutor Testau" in us and "EU" in next(
        r for r in csv.DictReader(io.StringIO(us)) if r["name"] == "Prosecutor Testau")["listed_by_others"]
    html, _count = submission_html("EU", Viewer.public())
    assert "Judge Testava" in html and "Shown One" in html and "Hidden One" not in html
    assert "it is not a sanction" in html
    page = dossier_html(registry["judge"].pk, Viewer.public())
    assert "In all, 3 cases" in page and "Shown One" in page and "Hidden One" not in page
    assert "EU (proposed)" in page and "not sanctions" in page
    proposal = m.SanctionProposal.objects.get(official=registry["judge"], authority="EU")
    set_status(proposal.pk, "rejected", "", "anna")
    assert submission_csv("EU", Viewer.public())[1] == 1  # rejected ones leave the submission


def test_no_proposal_is_ever_exported_as_a_sanction(registry):
    run_cost(POLICY, "test")
    for official in (registry["judge"], registry["prosecutor"]):
        out = io.StringIO()
        export_official_ftm(out, official.pk, Viewer(Clearance.CONFIDENTIAL))
        sanctions = [e for e in map(json.loads, out.getvalue().splitlines()) if e["schema"] == "Sanction"]
        # the prosecutor's real EU listing is there; the proposals are not
        assert len(sanctions) == (1 if official == registry["prosecutor"] else 0)


def test_authorities_by_any_of_their_names():
    assert authority_code("eu_fsf") == "EU" and authority_code("Office of Foreign Assets Control") == "US"
    assert authority_code("gb_coh_disqualified") is None  # a register of directors is not a sanction
    assert authority_of("Council of the European Union") == "EU" and authority_of("ua-war") == "UA-WAR"
