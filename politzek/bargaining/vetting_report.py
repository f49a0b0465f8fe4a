"""A vetted list written out: Markdown to hand to a negotiator, CSV for a spreadsheet, JSON
for programs. Every form carries the verdict's reasons, the flags, and the rules' versions."""

from __future__ import annotations

import io
import json

from politzek.bargaining.exchange_list import VettedList
from politzek.bargaining.vetting import FLAG_LABELS, VERDICT_LABELS
from politzek.csv_safety import SafeDictWriter

FORMATS = ("md", "csv", "json")
CSV_COLUMNS = ["row", "name", "birth_date", "side", "verdict", "recognized_by", "person_id", "person_name",
               "match_score", "flags", "reasons", "flag_details", "candidates"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(result: VettedList) -> str:
    summary = result.summary
    lines = [f"# Vetting of {result.path}", "",
             f"{summary['entries']} entries vetted on {result.day.isoformat()} against the registry as "
             f"{result.viewer} readers see it. Rules: {result.rules_version}; priority: {result.priority_version}."]
    if result.synthetic:
        lines += ["", "**Synthetic demo data:** some matched records are invented for demonstration; "
                      "nothing here is about a real person."]
    lines += ["", "## Summary", "", "| verdict | entries |", "|---|---:|"]
    lines += [f"| {VERDICT_LABELS[v]} | {n} |" for v, n in summary["verdicts"].items()]
    lines += ["", "| flag | entries |", "|---|---:|"]
    lines += [f"| {FLAG_LABELS[f]} | {n} |" for f, n in summary["flags"].items()]
    if summary["by_side"]:
        lines += ["", "| proposed by | " + " | ".join(VERDICT_LABELS[v] for v in summary["verdicts"]) + " |",
                  "|---|" + "---:|" * len(summary["verdicts"])]
        for side, counts in summary["by_side"].items():
            lines.append(f"| {_cell(side)} | " + " | ".join(str(counts.get(v, 0)) for v in summary["verdicts"]) + " |")
    if summary["unreadable_rows"]:
        lines += ["", f"{summary['unreadable_rows']} rows could not be read (listed at the end)."]
    lines += ["", "## Entries"]
    for item in result.entries:
        data = item.as_dict()
        side = f", proposed by {data['side']}" if data["side"] else ""
        lines += ["", f"### Row {data['row']}: {data['name']}{side}: {data['verdict_label']}", ""]
        if data["person_id"]:
            lines.append(f"- Registry person {data['person_id']}, {data['person_name']} "
                         f"(match {data['match_score']:.2f}: {data['match_explanation']})")
        for reason in data["reasons"]:
            lines.append(f"- {reason['cites']}: {reason['fact']}")
        for flag in data["flags"]:
            lines.append(f"- **Flag, {flag['label']}:** {flag['detail']}")
    if result.country:
        lines += ["", f"## Most urgent political prisoners held by {result.country} missing from the list", "",
                  f"{len(result.missing)} of {result.missing_total} shown, by the priority score "
                  f"({result.priority_version}).", "", "| person | score | why |", "|---|---:|---|"]
        for missing in result.missing:
            why = "; ".join(f"{reason} (+{points:.1f})" for reason, points in missing.priority.reasons)
            lines.append(f"| {missing.record.person_id} {_cell(missing.record.name)} | {missing.priority.score:.1f} | "
                         f"{_cell(why) or 'no factor on record'} |")
    else:
        lines += ["", "No entry matched a registry person with a country: give --country to rank the political "
                      "prisoners missing from the list."]
    if result.unreadable:
        lines += ["", "## Rows that could not be read", ""] + [f"- {problem}" for problem in result.unreadable]
    return "\n".join(lines) + "\n"


def csv_text(result: VettedList) -> str:
    out = io.StringIO()
    writer = SafeDictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for item in result.entries:
        data = item.as_dict()
        writer.writerow({
            "row": data["row"], "name": data["name"], "birth_date": data["birth_date"] or "", "side": data["side"],
            "verdict": data["verdict"], "recognized_by": "; ".join(data["recognized_by"]),
            "person_id": data["person_id"] or "", "person_name": data["person_name"] or "",
            "match_score": data["match_score"] if data["match_score"] is not None else "",
            "flags": " ".join(sorted({f["flag"] for f in data["flags"]})),
            "reasons": " | ".join(f"{r['cites']}: {r['fact']}" for r in data["reasons"]),
            "flag_details": " | ".join(f"{f['flag']}: {f['detail']}" for f in data["flags"]),
            "candidates": " ".join(str(c["person_id"]) for c in data["candidates"]),
        })
    return out.getvalue()


def render(result: VettedList, form: str) -> str:
    if form == "md":
        return markdown(result)
    if form == "csv":
        return csv_text(result)
    if form == "json":
        return json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown format {form!r}; use one of: {', '.join(FORMATS)}")
