"""`politzek import` and `politzek export`: people in from spreadsheets and other groups' files,
the registry out for other tools."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Annotated

import typer

from politzek.cli.common import (
    IncludeRestricted,
    JsonOutput,
    console,
    fail,
    parse_date,
    print_json,
    progress_bar,
    refresh_derived,
    require_schema,
    viewer_for,
)

ENCODING_NAMES = {"cp1251": "Windows Cyrillic", "cp1252": "Windows Western European, Latin-1's superset"}


def import_command(
    profile: Annotated[str, typer.Argument(
        help="A bundled profile name (politzek-csv, viasna, …), a profile file, or ftm-officials.")],
    source: Annotated[Path, typer.Argument(metavar="FILE", help="The file (or folder of YAML files) to import.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report what would change; write nothing.")] = False,
    skip_invalid: Annotated[bool, typer.Option(
        "--skip-invalid", help="Import the valid rows and report the rest (default: all or nothing).")] = False,
    encoding: Annotated[str | None, typer.Option(
        help="The file's encoding (utf-8, utf-8-sig, cp1251, cp1252, latin-1); detected when not given.")] = None,
    errors_report: Annotated[Path | None, typer.Option(
        "--errors", help="Where to write rejected rows (CSV). Default: ./FILE-NAME.errors.csv")] = None,
    no_duplicate_check: Annotated[bool, typer.Option(
        "--no-duplicate-check", help="Do not match the new people against the registry now (a large first load); "
        "run `politzek dedupe` afterwards to queue the pairs.")] = False,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="The day the file's information is as of (a list published 'as of 1 August 2014'): "
        "its statuses are then told as last known on that day. Default: the profile's as_of, else today.")] = None,
    as_json: JsonOutput = False,
) -> None:
    """Import people from a spreadsheet or export, updating those already imported.

    Example: politzek import politzek-csv people.csv --dry-run
    Example: politzek import viasna list-2014.json --as-of 2014-08-01
    """
    from politzek.ingest.errors import ImportError_
    from politzek.ingest.importer import run_import
    from politzek.ingest.profile import FTM_OFFICIALS, load_profile
    from politzek.ingest.report import write_error_report
    from politzek.registry.history import command_line_actor

    require_schema()
    try:
        if profile == FTM_OFFICIALS:
            from politzek.ingest.import_ftm import run_ftm_import  # followthemoney takes a second to load

            result = run_ftm_import(source, actor=command_line_actor(), dry_run=dry_run)
        else:
            chosen = load_profile(profile)
            if as_of is not None:
                chosen = dataclasses.replace(chosen, as_of=str(parse_date(as_of, "--as-of")))
            with progress_bar("importing") as progress:
                result = run_import(chosen, source, actor=command_line_actor(), dry_run=dry_run,
                                    skip_invalid=skip_invalid, encoding=encoding, progress=progress,
                                    check_duplicates=not no_duplicate_check)
    except ImportError_ as error:
        fail(str(error))
    report = None
    if result.rejected:
        report = errors_report or Path(f"{source.name}.errors.csv")
        write_error_report(report, result.rejected)
    if result.written and not dry_run:
        refresh_derived()
    summary = result.summary() | {"errors_report": str(report) if report else None}
    if as_json:
        print_json(summary)
    else:
        verb = "would create" if dry_run else "created"
        console.print(
            f"politzek: {summary['rows']} rows: {verb} {summary['created']}, updated {summary['updated']}, "
            f"unchanged {summary['unchanged']}, rejected {summary['rejected']}"
            + (" (dry run: nothing written)" if dry_run else "")
            + (f" (import #{result.batch_id})" if result.batch_id else ""), highlight=False)
        if result.encoding and result.encoding != "utf-8" and not encoding:
            console.print(f"politzek: {source.name} is not UTF-8; read as {result.encoding} "
                          f"({ENCODING_NAMES.get(result.encoding, result.encoding)}): check the names, or name "
                          "the encoding with --encoding", highlight=False)
        if result.possible_duplicates:
            console.print(f"politzek: {result.possible_duplicates} of the new people may be records already in the "
                          f"registry ({result.possible_duplicate_pairs} pairs queued); review them with "
                          "`politzek dedupe --review`", highlight=False)
        if result.officials_linked or result.officials_to_review:
            console.print(f"politzek: {result.officials_linked} listed officials linked to officials in the registry; "
                          f"{result.officials_to_review} may be: review them with `politzek officials review`",
                          highlight=False)
    if result.rejected and not result.written and not dry_run:
        more = f" (and {len(result.rejected) - 1} more)" if len(result.rejected) > 1 else ""
        fail(f"{result.rejected[0]}{more}; nothing was imported; rejected rows are in {report}; "
             "fix them or use --skip-invalid")
    if result.rejected and dry_run and not skip_invalid:
        raise typer.Exit(2)  # the real run would refuse it; with --skip-invalid both set the rows aside


def export_command(
    kind: Annotated[str, typer.Argument(
        metavar="FORMAT",
        help="ftm (FollowTheMoney JSON lines), csv (a folder of tables), sqlite (for Datasette) or json.")],
    out: Annotated[Path, typer.Argument(help="The file (folder for csv) to write; it must not exist yet.")],
    include_restricted: IncludeRestricted = False,
    base_url: Annotated[str, typer.Option(help="The public site's address, for each record's URL.")] = (
        "http://127.0.0.1:8000"),
) -> None:
    """Export the registry for other tools: public records only unless told otherwise.

    Example: politzek export ftm registry.ftm.json
    """
    from politzek.ingest.export_ftm import export_ftm
    from politzek.ingest.export_json import export_json
    from politzek.ingest.export_tables import export_csv, export_sqlite

    if kind not in ("ftm", "csv", "sqlite", "json"):
        fail(f"FORMAT: {kind!r} is not an export format; choose from ftm, csv, sqlite, json")
    if out.exists():
        fail(f"{out}: already exists; choose a new file name")
    require_schema()
    viewer = viewer_for(include_restricted, False)
    # Written under a temporary name and renamed when complete: a file named OUT is whole.
    partial = out.with_name(out.name + ".partial")
    try:
        if kind == "ftm":
            with partial.open("w", encoding="utf-8") as handle:
                count = export_ftm(handle, viewer)
        elif kind == "json":
            with partial.open("w", encoding="utf-8") as handle:
                count = export_json(handle, viewer)
        elif kind == "csv":
            count = export_csv(partial, viewer, base_url)
        else:
            count = export_sqlite(partial, viewer, base_url)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True) if partial.is_dir() else partial.unlink(missing_ok=True)
        raise
    partial.rename(out)
    unit = {"ftm": "entities", "json": "people"}.get(kind, "rows")
    console.print(f"politzek: wrote {count} {kind} {unit} to {out}", highlight=False)


def template_command(
    out: Annotated[Path, typer.Argument(help="The file to write (it must not exist yet).")],
    form: Annotated[str, typer.Option("--format", help="xlsx (a sheet to fill and one explaining each column) "
                                      "or csv (the header).")] = "xlsx",
    language: Annotated[str, typer.Option("--lang", help="The explanations' language: en, ru, be or uk.")] = "en",
) -> None:
    """Write politzek's template to fill in and import with the politzek-csv profile.

    Example: politzek template people.xlsx --lang be; then politzek import politzek-csv people.xlsx
    """
    from politzek.ingest.template import FORMATS, LANGUAGES, template_csv, template_xlsx

    if form not in FORMATS:
        fail(f"--format: {form!r} is not one of {', '.join(FORMATS)}")
    if language not in LANGUAGES:
        fail(f"--lang: {language!r} is not one of {', '.join(LANGUAGES)}")
    if out.exists():
        fail(f"{out}: already exists; choose a new file name")
    try:
        if form == "xlsx":
            out.write_bytes(template_xlsx(language))
        else:
            out.write_text(template_csv(), encoding="utf-8")
    except OSError as error:
        fail(f"{out}: cannot be written: {error.strerror}")
    console.print(f"politzek: wrote the template to {out}; fill it and run `politzek import politzek-csv {out}`",
                  highlight=False, markup=False)
