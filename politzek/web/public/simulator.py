"""The public page of the policy simulator: the bundled scenario's four policies side by side
(charts drawn on the server, a table, the results in words) with every assumption printed
beside them, and a form (no JavaScript) to change the parameters and run again on the server.
Runs are few enough for a page; `politzek simulate` runs as many as wanted."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_noop

from politzek.database_errors import Trouble
from politzek.simulate.scenario import PARAMETERS, Scenario, ScenarioError, bundled_scenarios, load_scenario
from politzek.simulate.wording import basis_text, calibration_text, scenario_name
from politzek.web.database_trouble import unavailable
from politzek.web.public.simulator_words import PARAMETER_HELP, policy_name, result_lines
from politzek.web.public.statistics import cached_chart, chart_size

if TYPE_CHECKING:
    from politzek.simulate.report import Simulation

BUNDLED = "belarus-demo"
SEED = 1


def _runs() -> tuple[int, int]:
    """Runs a policy, and for each bar of the tornado (settings.SIMULATOR_PAGE_RUNS)."""
    runs = max(10, settings.SIMULATOR_PAGE_RUNS)
    return runs, max(10, runs // 4)


def _scenario(request: HttpRequest) -> tuple[Scenario, dict[str, float]]:
    """The bundled scenario with the visitor's changes (ScenarioError names a bad one)."""
    scenario = load_scenario(bundled_scenarios()[BUNDLED])
    changes = {}
    for name in PARAMETERS:
        raw = request.GET.get(name, "").strip()
        if not raw:
            continue
        try:
            value = float(raw)
        except ValueError:
            raise ScenarioError(f"{name}: {raw!r} is not a number") from None
        if value != scenario.value(name):
            changes[name] = value
    return (scenario.with_values(**changes) if changes else scenario), changes


def _key(changes: dict[str, float]) -> str:
    return hashlib.sha256(json.dumps(sorted(changes.items())).encode()).hexdigest()[:16]


BUSY = Trouble(gettext_noop("the simulator is computing for another visitor; try again in a minute"), 30)


class SimulatorBusy(Exception):
    pass


# How long a visitor asking for the very parameters being computed waits for the result.
# Only those wait (the page's own charts, a crowd following one link): anyone else gets the
# 503 at once, so waiting visitors cannot take every worker thread from the public pages.
WAIT_FOR_SAME_SECONDS = 20.0
POLL_SECONDS = 0.2


def _lock_path() -> Path:
    folder = Path(os.environ.get("POLITZEK_HOME", Path(tempfile.gettempdir()) / "politzek"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "simulator.lock"


@contextmanager
def one_computation_at_a_time(key: str = "") -> Iterator[None]:
    """At most one simulation computed at a time on this server, across all its workers (a lock
    file that names what it computes): new parameters from a crowd of visitors cannot take
    every core from the public pages. A visitor arriving while one runs gets SimulatorBusy
    (a 503 with Retry-After)."""
    with _lock_path().open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SimulatorBusy from None
        try:
            handle.truncate(0)
            handle.write(key)
            handle.flush()
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def _computing() -> str:
    """The key of the simulation running now on this server ("" when none or unknown)."""
    try:
        return _lock_path().read_text()
    except OSError:
        return ""


def run_simulation(*args: Any, **kwargs: Any) -> Simulation:
    # The model needs numpy and scipy (~60 MB): a worker loads them with its first simulation,
    # not to serve the registry's pages.
    from politzek.simulate.report import run_simulation as run

    return run(*args, **kwargs)


def _simulation(scenario: Scenario, changes: dict[str, float]) -> Simulation:
    """Run once per set of changes (the same seed gives the same result), then from the cache;
    a visitor asking for what is being computed waits for it instead of computing it again."""
    runs, sensitivity_runs = _runs()
    key = f"simulator:{BUNDLED}:{runs}:{_key(changes)}"
    deadline = time.monotonic() + WAIT_FOR_SAME_SECONDS
    while (simulation := cache.get(key)) is None:
        try:
            with one_computation_at_a_time(key):
                simulation = cache.get(key)  # finished while this visitor waited
                if simulation is None:
                    simulation = run_simulation(scenario, runs, SEED, uncertainty=True, with_sensitivity=True,
                                                sensitivity_runs=sensitivity_runs)
                    cache.set(key, simulation, 24 * 3600)
                return simulation
        except SimulatorBusy:
            if _computing() != key or time.monotonic() > deadline:
                raise
            time.sleep(POLL_SECONDS)
    return simulation


def simulator(request: HttpRequest) -> HttpResponse:
    try:
        scenario, changes = _scenario(request)
    except ScenarioError as bad:
        return render(request, "web/simulator.html", {"error": str(bad), "shows_synthetic": True}, status=400)
    try:
        simulation = _simulation(scenario, changes)
    except SimulatorBusy:
        return unavailable(request, BUSY)
    data = simulation.as_dict(series=False)
    for policy in data["policies"]:
        policy["label"] = policy_name(policy["policy"]["name"])
    query = request.GET.urlencode()
    calibration = scenario.calibration
    return render(request, "web/simulator.html", {
        "scenario": scenario, "simulation": data, "lines": result_lines(simulation), "query": query,
        # A calibrated scenario's name, notes and sources are facts put in the page's language;
        # a scenario written by hand is shown as written (data, translate="no").
        "scenario_name": scenario_name(calibration, html=True) if calibration else None,
        "scenario_notes": calibration_text(calibration, html=True) if calibration else None,
        "fields": [{"name": name, "value": scenario.value(name), "help": PARAMETER_HELP.get(name, help_text),
                    "parameter": scenario.parameters[name],
                    "basis": basis_text(scenario.parameters[name].basis, html=True)
                    if scenario.parameters[name].basis else None} for name, help_text in PARAMETERS.items()],
        "changed": sorted(changes), "runs": simulation.runs, "shows_synthetic": scenario.synthetic,
    })


def simulator_json(request: HttpRequest) -> HttpResponse:
    """The page's answer as data, for the same parameters: the scenario with what it rests on
    (`scenario.notes`, every parameter's source), each policy's figures, the comparison and the
    sensitivity; the weekly series are in `politzek simulate --json`."""
    try:
        scenario, changes = _scenario(request)
    except ScenarioError as bad:
        return JsonResponse({"detail": str(bad)}, status=400)
    try:
        simulation = _simulation(scenario, changes)
    except SimulatorBusy:
        return unavailable(request, BUSY)
    return JsonResponse({**simulation.as_dict(series=False), "changed": sorted(changes)},
                        json_dumps_params={"ensure_ascii": False})


def simulator_chart(request: HttpRequest, name: str) -> HttpResponse:
    if name not in ("held", "tornado"):
        raise Http404("no such chart")
    try:
        scenario, changes = _scenario(request)
    except ScenarioError as bad:
        return HttpResponse(str(bad), status=400, content_type="text/plain; charset=utf-8")
    from politzek.simulate.charts import held_chart, tornado_chart

    try:
        simulation = _simulation(scenario, changes)
    except SimulatorBusy:
        return unavailable(request, BUSY)
    try:
        size = chart_size(request)
    except ValueError as bad:
        return HttpResponse(str(bad), status=400, content_type="text/plain; charset=utf-8")
    draw: Any = held_chart if name == "held" else tornado_chart
    path = cached_chart(f"simulator-{name}-{size}-{simulation.runs}-{_key(changes)}",
                        lambda out: draw(simulation, out, phone=size == "phone"))
    return FileResponse(path.open("rb"), content_type="image/svg+xml")
