"""Printable accountability documents. The proposals to one authority as an advocacy group
submits them: a CSV with one row per official, and a printable HTML dossier with each
official's names, positions, listings by other authorities and the cases behind the proposal
(charges, sentences, the defendants the reader may see); and one official's whole dossier as a
printable page. A proposal is written as a proposal: never as a Sanction."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from politzek.accountability.dossier import official_dossier
from politzek.accountability.policy import authority_table
from politzek.accountability.proposals import proposal_rows
from politzek.csv_safety import SafeWriter
from politzek.registry.visibility import Viewer

CSV_COLUMNS = ["proposal", "official", "name", "other_names", "country", "positions", "measure", "status",
               "evidence_count", "first_evidence_on", "roles", "cases_shown", "cases_in_all",
               "custodial_years_handed_down", "listed_by_others", "synthetic"]


def _entries(authority: str, viewer: Viewer, status: str | None) -> list[dict[str, Any]]:
    rows = [r for r in proposal_rows(viewer, authority, status) if status or r.status != "rejected"]
    entries = []
    for row in rows:
        dossier = official_dossier(row.official_id, viewer)
        wanted = {c["case"] for c in row.cases}
        entries.append({"row": row, "dossier": dossier, "cases": [c for c in dossier.cases if c.case_id in wanted],
                        "listed_by_others": [a for a in dossier.sanctioned_by if a.upper() != authority]})
    return entries


def submission_csv(authority: str, viewer: Viewer, status: str | None = None) -> tuple[str, int]:
    out = io.StringIO()
    writer = SafeWriter(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    entries = _entries(authority, viewer, status)
    for entry in entries:
        row, dossier = entry["row"], entry["dossier"]
        writer.writerow([
            row.proposal_id, row.official_id, row.official_name,
            "; ".join(n for n in dossier.names if n != row.official_name), row.country,
            "; ".join(f"{p['title'] or p['role']} {p['institution']}".strip() for p in dossier.positions),
            row.measure, row.status, row.evidence_count, row.first_evidence_on, " ".join(row.roles),
            "; ".join(f"{c['case_number'] or c['case']} ({c['role']}, {c['date']})" for c in row.cases),
            dossier.totals["cases"], f"{dossier.totals['custodial_years_handed_down']:g}",
            " ".join(entry["listed_by_others"]), "yes" if row.synthetic else "no"])
    return out.getvalue(), len(entries)


def submission_html(authority: str, viewer: Viewer, status: str | None = None) -> tuple[str, int]:
    entries = _entries(authority, viewer, status)
    spec = authority_table().get(authority, {})
    html = render_to_string("accountability/submission.html", {
        "authority": authority, "authority_name": spec.get("name", authority), "entries": entries,
        "made": timezone.now(), "shows_synthetic": any(e["row"].synthetic for e in entries),
    })
    return html, len(entries)


def dossier_html(official_id: int, viewer: Viewer) -> str:
    """One official's dossier as a printable page (`politzek officials dossier --format html`)."""
    dossier = official_dossier(official_id, viewer)
    return render_to_string("accountability/dossier.html", {
        "dossier": dossier, "made": timezone.now(),
        "proposals": dossier.official.proposals.order_by("authority", "measure"),
    })
