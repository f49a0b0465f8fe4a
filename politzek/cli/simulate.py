"""`politzek simulate`: the policy simulator (simulate/), run on a scenario file or a bundled
scenario, or a scenario calibrated from the registry."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from politzek.cli.common import check_country, console, fail, print_json, require_schema, write_text


def simulate_command(
    scenario: Annotated[str | None, typer.Argument(
        metavar="SCENARIO", help="A scenario file (YAML) or a bundled scenario's name (belarus-demo).")] = None,
    runs: Annotated[int, typer.Option(help="Monte Carlo runs per policy.")] = 1000,
    seed: Annotated[int, typer.Option(help="The random seed: the same seed gives the same results.")] = 1,
    set_values: Annotated[list[str] | None, typer.Option(
        "--set", help="Change a parameter: NAME=VALUE (repeatable), e.g. --set response_to_deals=0.5.")] = None,
    fixed: Annotated[bool, typer.Option("--fixed", help="No parameter uncertainty: every run at the values.")]
    = False,
    with_sensitivity: Annotated[bool, typer.Option(
        "--sensitivity", help="Also the tornado: which uncertain parameter moves the result most.")] = False,
    charts: Annotated[Path | None, typer.Option(help="Write held.svg (and tornado.svg) to this folder.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (with the weekly series).")] = False,
    calibrate: Annotated[bool, typer.Option(
        "--calibrate", help="Write a scenario calibrated from the registry instead (needs --country).")] = False,
    country: Annotated[str | None, typer.Option(help="With --calibrate: the country (BY, RU…).")] = None,
    out: Annotated[Path | None, typer.Option(help="With --calibrate: the file to write (default: print).")] = None,
    accept_few: Annotated[bool, typer.Option(
        "--accept-few", help="With --calibrate: calibrate even on fewer records than stand for a country "
        "(the scenario says so).")] = False,
) -> None:
    """What paying for releases does to the number of political prisoners: each policy of the
    scenario (no engagement, deals, automatic cost, mixed) over its horizon, with bands, the
    person-years the deals spare against those the arrests they induce add, and the response at
    which deals stop paying off. Example: politzek simulate belarus-demo --runs 2000 --charts out/
    Calibrate: politzek simulate --calibrate --country BY --out by.yaml"""
    from politzek.simulate.report import bundled_scenarios, run_simulation, sentences
    from politzek.simulate.scenario import ScenarioError, dump_scenario, load_scenario

    if calibrate:
        country = check_country(country)
        if not country:
            fail("--calibrate: give --country (BY, RU…)")
        from politzek.simulate.calibrate import CalibrationError
        from politzek.simulate.calibrate_data import calibrated_scenario

        require_schema()
        try:
            text = dump_scenario(calibrated_scenario(country, accept_few=accept_few))
        except CalibrationError as error:
            fail(f"--calibrate: {error}")
        if not write_text(out, text, "--out"):
            return
        console.print(f"politzek: a scenario calibrated on {country} written to {out}", highlight=False)
        return
    if scenario is None:
        fail("SCENARIO: give a scenario file or a bundled name "
             f"({', '.join(bundled_scenarios())}), or --calibrate --country XX")
    if not 1 <= runs <= 100_000:
        fail(f"--runs: {runs} is not between 1 and 100000")
    bundled = bundled_scenarios()
    path = Path(scenario)
    if not path.exists() and scenario in bundled:
        path = bundled[scenario]
    elif not path.exists():
        fail(f"SCENARIO: {scenario} is neither a file nor a bundled scenario ({', '.join(bundled)})")
    try:
        chosen = load_scenario(path)
        changes = {}
        for item in set_values or []:
            name, equals, value = item.partition("=")
            try:
                changes[name.strip()] = float(value)
            except ValueError:
                fail(f"--set: {item!r} is not NAME=NUMBER")
            if not equals:
                fail(f"--set: {item!r} is not NAME=NUMBER")
        if changes:
            chosen = chosen.with_values(**changes)
    except ScenarioError as error:
        fail(str(error))
    simulation = run_simulation(chosen, runs, seed, uncertainty=not fixed, with_sensitivity=with_sensitivity,
                                sensitivity_runs=min(runs, 400))
    if charts:
        from politzek.simulate.charts import write_charts

        try:
            written = write_charts(simulation, charts)
        except OSError as error:
            fail(f"--charts: cannot write to {charts}: {error.strerror}")
    if as_json:
        print_json(simulation.as_dict())
        return
    head = f"politzek simulate: {chosen.name}"
    if chosen.synthetic:
        head += " (CALIBRATED ON SYNTHETIC DEMO DATA: not real figures)"
    console.print(head, highlight=False, markup=False)
    if chosen.notes:  # what the scenario rests on, before anything it answers
        console.print("  " + chosen.notes, highlight=False, markup=False)
    console.print(f"  {runs:,} runs a policy, seed {seed}, {chosen.horizon_weeks} weeks; "
                  f"{'parameters at their values' if fixed else 'uncertain parameters drawn from their ranges'}",
                  highlight=False)
    for line in sentences(simulation):
        console.print("  " + line, highlight=False, markup=False)
    if simulation.tornado:
        console.print("  sensitivity (person-years against no engagement, parameter low → high):", highlight=False)
        for bar in simulation.tornado[1:]:
            console.print(f"    {bar['parameter']} {bar['low']:g} → {bar['high']:g}: {bar['effect_at_low']:+,.0f} → "
                          f"{bar['effect_at_high']:+,.0f}", highlight=False, markup=False)
    console.print("  assumptions:", highlight=False)
    for name, parameter in chosen.parameters.items():
        console.print(f"    {name} = {parameter.value:g}"
                      + (f" (range {parameter.low:g}–{parameter.high:g})" if parameter.uncertain else "")
                      + f": {parameter.source}", highlight=False, markup=False)
    if charts:
        console.print(f"politzek: charts written: {', '.join(str(p) for p in written)}", highlight=False)
