"""The simulator's results in the page's language: plain names for the policies and the
parameters, one headline per policy, and the reconciliation a diplomat asked for — why "paying
for releases is worse than no engagement in most runs" and "on balance the deals spare
person-years" can both be printed: the runs draw the response to deals from its whole range,
the balance takes its measured value. (politzek/simulate/report.py keeps the English lines of
the command line.)"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:  # numpy and scipy load with the first simulation, not with the page
    from politzek.simulate.report import Simulation

# The bundled scenarios' policies by name, and by kind for a scenario's own names.
POLICY_NAMES = {
    "no_engagement": gettext_lazy("No engagement"),
    "no engagement": gettext_lazy("No engagement"),
    "pay_for_releases": gettext_lazy("Paying for releases"),
    "automatic_cost": gettext_lazy("Automatic cost for every new case"),
    "mixed": gettext_lazy("Paying for releases with the automatic cost"),
}
PARAMETER_HELP = {
    "initial_prisoners": gettext_lazy("political prisoners held when the horizon starts"),
    "arrests_per_week": gettext_lazy("new political prisoners a week with no outside policy"),
    "pardon_per_year": gettext_lazy("the yearly chance a prisoner is pardoned or released early outside a deal"),
    "death_per_year": gettext_lazy("the yearly chance a prisoner dies in custody"),
    "response_to_deals": gettext_lazy(
        "how much the arrest rate rises after each deal (0.3 = 30% more), for the weeks set below"),
    "response_weeks": gettext_lazy("how many weeks the rise after a deal lasts"),
    "deterrence_per_100_arrests": gettext_lazy(
        "under the automatic cost, how much each 100 new arrests lower the arrest rate (0.05 = 5%; below 0 the "
        "regime defies it)"),
}


def policy_name(name: str) -> str:
    return str(POLICY_NAMES.get(name, name))


def _n(value: float) -> str:
    return number_format(round(value), decimal_pos=0, use_l10n=True, force_grouping=True)


def _signed(value: float) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "") + _n(abs(value))


def _share(value: float) -> str:
    return f"{round(value * 100)}%"


def result_lines(simulation: Simulation) -> list[str]:
    data = simulation.as_dict(series=False)
    lines = []
    for policy in data["policies"]:
        years = policy["person_years"]
        line = _("%(policy)s: %(mean)s person-years of imprisonment over the horizon (90%% of runs between "
                 "%(low)s and %(high)s); %(arrests)s new political prisoners; %(held)s held at the end.") % {
            "policy": policy_name(policy["policy"]["name"]), "mean": _n(years["mean"]), "low": _n(years["p5"]),
            "high": _n(years["p95"]), "arrests": _n(policy["new_arrests"]["mean"]),
            "held": _n(policy["held_at_end"]["mean"])}
        if policy["deals"]:
            line += " " + _("%(deals)s deals freed %(freed)s people for %(usd)s USD.") % {
                "deals": policy["deals"], "freed": _n(policy["freed_by_deals"]["mean"]),
                "usd": _n(policy["concessions_usd"]["mean"])}
        lines.append(line)
    for row in data["against_no_engagement"]:
        difference = row["person_years_difference"]
        lines.append(_("%(policy)s against %(against)s: %(mean)s person-years (90%% of runs between %(low)s and "
                       "%(high)s); more imprisonment in %(worse)s of runs.") % {
            "policy": policy_name(row["policy"]), "against": policy_name(row["against"]).lower(),
            "mean": _signed(difference["mean"]), "low": _signed(difference["p5"]), "high": _signed(difference["p95"]),
            "worse": _share(row["worse_in_share_of_runs"])})
    for head in data["trolley"]:
        lines.append(reconciliation(simulation, head))
    return lines


def reconciliation(simulation: Simulation, head: dict[str, Any]) -> str:
    """Why the balance of the deals and the comparison with no engagement may disagree."""
    parameter = simulation.scenario.parameters["response_to_deals"]
    words = {"policy": policy_name(head["policy"]), "spared": _n(head["spared"]), "induced": _n(head["induced"]),
             "net": _n(abs(head["net"])), "response": _share(head["response"])}
    if head["net"] >= 0:
        text = _("Why: at the response measured (arrests %(response)s higher after each deal), the deals of "
                 "“%(policy)s” spare %(spared)s person-years by freeing people early and the arrests they bring add "
                 "%(induced)s: on balance they spare %(net)s.") % words
    else:
        text = _("Why: at the response measured (arrests %(response)s higher after each deal), the deals of "
                 "“%(policy)s” spare %(spared)s person-years by freeing people early and the arrests they bring add "
                 "%(induced)s: on balance they add %(net)s.") % words
    even = head["break_even_response"]
    if even is not None:
        text += " " + _("Above a response of %(even)s the arrests outweigh the early releases.") % {
            "even": _share(even)}
    if parameter.uncertain and simulation.uncertainty:
        text += " " + _("The runs above draw the response from its whole range (%(low)s to %(high)s), not only the "
                        "measured value: the share of runs in which a policy does worse counts those in which the "
                        "response is high. Both figures hold; they answer different questions.") % {
            "low": _share(float(parameter.low)), "high": _share(float(parameter.high))}
    return text
