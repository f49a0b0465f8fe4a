"""A vetted list written out: Markdown and a printable HTML page to hand to a negotiator as
they are, XLSX and CSV for a spreadsheet, JSON for programs. Every form carries the verdict's
reasons with their sources, the flags, and the rules' versions.

The human forms say each finding in a sentence; how the matcher compared the names (its
features, useful to a documenter checking a match) is in an appendix, not in the findings."""

from __future__ import annotations

import html
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from politzek.bargaining.exchange_list import Missing, VettedEntry, VettedList
from politzek.bargaining.vetting import FLAG_LABELS, SENT_TO_REGIME, VERDICT_LABELS
from politzek.csv_safety import SafeDictWriter, safe_cell

FORMATS = ("md", "html", "xlsx", "csv", "json")
BINARY_FORMATS = ("xlsx",)
CSV_COLUMNS = ["row", "name", "birth_date", "side", "direction", "verdict", "recognized_by", "person_id",
               "person_name", "person_name_other_script", "match_score", "flags", "reasons", "sources",
               "flag_details", "candidates"]


@dataclass
class Finding:
    """One entry in sentences: the heading, who the registry says it is, the reasons (each
    with its source) and the flags."""

    row: int
    heading: str
    who: str
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (sentence, source address)
    flags: list[tuple[str, str]] = field(default_factory=list)  # (flag label, detail)


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else ""


def _both_scripts(name: str, other: str) -> str:
    return f"{name} ({other})" if other and other != name else name


def _who(item: VettedEntry) -> str:
    if item.record is not None and item.match is not None:
        record = item.record
        born = f", born {record.birth_year}" if record.birth_year else ""
        return (f"The registry documents this person as {_both_scripts(record.name, record.other_script_name)} "
                f"(registry no. {record.person_id}{born}); the names agree (appendix, row {item.entry.row}).")
    if len(item.fitting) > 1:
        return f"{len(item.fitting)} people in the registry bear this name; the list does not say which one."
    return "Not in the registry: no record documents this person."


def finding(item: VettedEntry) -> Finding:
    data = item.as_dict()
    side = ""
    if data["side"]:
        side = f", {data['side']}" if " → " in data["side"] else f", proposed by {data['side']}"
    result = Finding(item.entry.row, f"Row {item.entry.row}: {data['name']}{side}: {data['verdict_label']}",
                     _who(item))
    for reason in data["reasons"]:
        if reason["criterion"] == "record" and reason["fact"].startswith("not in the registry"):
            continue  # said once, in `who`
        cites = "" if reason["criterion"] in ("record", "list", "recognition") else f" ({reason['cites']})"
        result.reasons.append((_sentence(reason["fact"]) [:-1] + cites + ".", reason.get("source", "")))
    result.flags = [(FLAG_LABELS[flag["flag"]], _sentence(flag["detail"])) for flag in data["flags"]]
    return result


def _missing_row(missing: Missing) -> dict[str, str]:
    record = missing.record
    return {
        "person": f"{_both_scripts(record.name, record.other_script_name)} (no. {record.person_id})",
        "since": record.custody_since.isoformat() if record.custody_since else "?",
        "score": f"{missing.priority.score:.1f}",
        "why": "; ".join(f"{reason} (+{points:.1f})" for reason, points in missing.priority.reasons)
        or "no factor on record",
        "flags": "; ".join(f"{FLAG_LABELS[f.code]}: {f.detail}" for f in missing.flags),
    }


def _file_name(result: VettedList) -> str:
    return Path(result.path).name  # the list's name, not where it sat on the vetter's disk


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _intro(result: VettedList) -> list[str]:
    summary = result.summary
    lines = [f"{summary['entries']} entries vetted as of {result.day.isoformat()} against the registry as "
             f"{result.viewer} readers see it. Rules: {result.rules_version}; priority: {result.priority_version}."]
    if result.country:
        lines.append(f"The detaining state is taken to be {result.country}.")
    sent = summary["verdicts"].get(SENT_TO_REGIME, 0)
    if sent:
        lines.append(f"{sent} of the entries go to the regime: they are the other side of the exchange and are "
                     "never counted with the political prisoners it releases.")
    unknown = summary.get("directions", {}).get("unknown", 0)
    if unknown:
        lines.append(f"For {unknown} of the entries the list does not say which way they go (each entry says what "
                     "was read): they are vetted as people the regime would release, and nothing is guessed.")
    return lines


def markdown(result: VettedList) -> str:
    summary = result.summary
    lines = [f"# Vetting of the list {_file_name(result)}", "", *_intro(result)]
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
    for title, items in _groups(result):
        lines += ["", f"## {title}"]
        for item in items:
            found = finding(item)
            lines += ["", f"### {found.heading}", "", found.who, ""]
            for text, source in found.reasons:
                lines.append(f"- {text}" + (f" Source: <{source}>" if source else ""))
            for label, detail in found.flags:
                lines.append(f"- **Flag: {label}.** {detail}")
    if result.country:
        lines += ["", f"## Most urgent political prisoners held by {result.country} missing from the list", "",
                  f"{len(result.missing)} of {result.missing_total} shown, by the priority score "
                  f"({result.priority_version}); the flags are the same as an entry's.", "",
                  "| person | held since | score | why | flags |", "|---|---|---:|---|---|"]
        for missing in result.missing:
            row = _missing_row(missing)
            lines.append(f"| {_cell(row['person'])} | {row['since']} | {row['score']} | {_cell(row['why'])} | "
                         f"{_cell(row['flags']) or '-'} |")
    else:
        lines += ["", "No entry matched a registry person with a country: give --country to rank the political "
                      "prisoners missing from the list."]
    matched = [item for item in result.entries if item.match]
    if matched:
        lines += ["", "## Appendix: how the names were matched", "",
                  "For a documenter checking a match: the matcher's score and its comparison of each part.", "",
                  "| row | registry no. | score | comparison |", "|---:|---:|---:|---|"]
        lines += [f"| {item.entry.row} | {item.match.person_id} | {item.match.match.score:.2f} | "
                  f"{_cell(item.match.match.explain())} |" for item in matched if item.match]
    if result.unreadable:
        lines += ["", "## Rows that could not be read", ""] + [f"- {problem}" for problem in result.unreadable]
    return "\n".join(lines) + "\n"


def _groups(result: VettedList) -> list[tuple[str, list[VettedEntry]]]:
    released = [item for item in result.entries if item.vetting.verdict != SENT_TO_REGIME]
    sent = [item for item in result.entries if item.vetting.verdict == SENT_TO_REGIME]
    groups = [("Entries the regime would release" if sent else "Entries", released)]
    if sent:
        groups.append(("Entries sent to the regime", sent))
    return groups


def html_page(result: VettedList) -> str:
    """A printable page: the same findings as the Markdown, no script, no outside resources."""
    e = html.escape
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>Vetting of {e(_file_name(result))}</title>",
           "<style>body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:1em auto;padding:0 1em}"
           "table{border-collapse:collapse;width:100%;overflow-wrap:anywhere}td,th{border:1px solid #999;"
           "padding:.2em .4em;vertical-align:top}.flag{color:#8a1c00}.synthetic{border:2px solid #8a1c00;"
           "padding:.5em}section{break-inside:avoid}@media print{a{color:inherit}}</style></head><body>",
           f"<h1>Vetting of the list {e(_file_name(result))}</h1>"]
    out += [f"<p>{e(line)}</p>" for line in _intro(result)]
    if result.synthetic:
        out.append('<p class="synthetic"><strong>Synthetic demo data:</strong> some matched records are invented '
                   "for demonstration; nothing here is about a real person.</p>")
    summary = result.summary
    out.append("<h2>Summary</h2><table><tr><th>verdict</th><th>entries</th></tr>")
    out += [f"<tr><td>{e(VERDICT_LABELS[v])}</td><td>{n}</td></tr>" for v, n in summary["verdicts"].items()]
    out.append("</table><table><tr><th>flag</th><th>entries</th></tr>")
    out += [f"<tr><td>{e(FLAG_LABELS[f])}</td><td>{n}</td></tr>" for f, n in summary["flags"].items()]
    out.append("</table>")
    for title, items in _groups(result):
        out.append(f"<h2>{e(title)}</h2>")
        for item in items:
            found = finding(item)
            out.append(f'<section id="row-{found.row}"><h3>{e(found.heading)}</h3><p>{e(found.who)}</p><ul>')
            for text, source in found.reasons:
                link = f' Source: <a href="{e(source)}">{e(source)}</a>' if source else ""
                out.append(f"<li>{e(text)}{link}</li>")
            out += [f'<li class="flag"><strong>Flag: {e(label)}.</strong> {e(detail)}</li>'
                    for label, detail in found.flags]
            out.append("</ul></section>")
    if result.country:
        out.append(f"<h2>Most urgent political prisoners held by {e(result.country)} missing from the list</h2>"
                   f"<p>{len(result.missing)} of {result.missing_total} shown, by the priority score "
                   f"({e(result.priority_version)}).</p><table><tr><th>person</th><th>held since</th><th>score</th>"
                   "<th>why</th><th>flags</th></tr>")
        for missing in result.missing:
            row = _missing_row(missing)
            out.append("<tr>" + "".join(f"<td>{e(row[k])}</td>" for k in ("person", "since", "score", "why", "flags"))
                       + "</tr>")
        out.append("</table>")
    matched = [item for item in result.entries if item.match]
    if matched:
        out.append("<h2>Appendix: how the names were matched</h2><table><tr><th>row</th><th>registry no.</th>"
                   "<th>score</th><th>comparison</th></tr>")
        out += [f"<tr><td>{item.entry.row}</td><td>{item.match.person_id}</td><td>{item.match.match.score:.2f}</td>"
                f"<td>{e(item.match.match.explain())}</td></tr>" for item in matched if item.match]
        out.append("</table>")
    if result.unreadable:
        out.append("<h2>Rows that could not be read</h2><ul>" + "".join(
            f"<li>{e(problem)}</li>" for problem in result.unreadable) + "</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _csv_row(item: VettedEntry) -> dict[str, Any]:
    data = item.as_dict()
    return {
        "row": data["row"], "name": data["name"], "birth_date": data["birth_date"] or "", "side": data["side"],
        "direction": data["direction"], "verdict": data["verdict"], "recognized_by": "; ".join(data["recognized_by"]),
        "person_id": data["person_id"] or "", "person_name": data["person_name"] or "",
        "person_name_other_script": item.record.other_script_name if item.record and item.match else "",
        "match_score": data["match_score"] if data["match_score"] is not None else "",
        "flags": " ".join(sorted({f["flag"] for f in data["flags"]})),
        "reasons": " | ".join(f"{r['cites']}: {r['fact']}" for r in data["reasons"]),
        "sources": " ".join(dict.fromkeys(r["source"] for r in data["reasons"] if r["source"])),
        "flag_details": " | ".join(f"{f['flag']}: {f['detail']}" for f in data["flags"]),
        "candidates": " ".join(str(c["person_id"]) for c in data["candidates"]),
    }


def csv_text(result: VettedList) -> str:
    out = io.StringIO()
    writer = SafeDictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for item in result.entries:
        writer.writerow(_csv_row(item))
    return out.getvalue()


def xlsx_bytes(result: VettedList) -> bytes:
    """A workbook: the entries (the CSV's columns), the missing political prisoners, and what
    the list was vetted with. Cells that a spreadsheet would run as formulas are neutralized."""
    from openpyxl import Workbook

    book = Workbook()
    entries = book.active
    entries.title = "Entries"
    entries.append(CSV_COLUMNS)
    for item in result.entries:
        row = _csv_row(item)
        entries.append([safe_cell(row[column]) for column in CSV_COLUMNS])
    missing = book.create_sheet("Missing from the list")
    missing.append(["person", "held since", "score", "why", "flags"])
    for item in result.missing:
        row = _missing_row(item)
        missing.append([safe_cell(row[k]) for k in ("person", "since", "score", "why", "flags")])
    about = book.create_sheet("About")
    for line in [f"Vetting of the list {_file_name(result)}", *_intro(result),
                 *(["Synthetic demo data: some matched records are invented."] if result.synthetic else []),
                 *(f"Unreadable: {problem}" for problem in result.unreadable)]:
        about.append([safe_cell(line)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render(result: VettedList, form: str) -> str:
    if form == "md":
        return markdown(result)
    if form == "html":
        return html_page(result)
    if form == "csv":
        return csv_text(result)
    if form == "json":
        return json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown format {form!r}; use one of: {', '.join(FORMATS)}")


def render_bytes(result: VettedList, form: str) -> bytes:
    """Any format as bytes (XLSX is binary; the others UTF-8 text)."""
    return xlsx_bytes(result) if form == "xlsx" else render(result, form).encode("utf-8")
