"""A timeline check's refusal (registry/status.py's TimelineIssue, written in English for
logs and reports) in the language of the page that shows it: a documenter adding an
impossible event on /ru/staff/ reads why in Russian."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from politzek.registry.event_kinds import event_kinds

# By the check's code: the first event an issue names, then the other.
TEMPLATES = {
    "release_without_custody": _("%(event)s on %(date)s, but no detention is recorded: add the detention "
                                 "(an unknown or partial date will do)"),
    "release_before_custody": _("%(event)s on %(date)s comes before the first detention on %(other_date)s"),
    "event_after_death": _("%(event)s on %(date)s is after the death (%(other)s) on %(other_date)s"),
    "sentence_before_charge": _("the sentence on %(date)s comes before the charge on %(other_date)s "
                                "in the same case"),
    "outside_custody": _("%(event)s on %(date)s while no custody is recorded; a detention may be missing"),
}


ABOVE_CLEARANCE = _("this conflicts with a record of this person above your clearance; ask a colleague cleared "
                    "for it")


def issue_told_to(issue: Any, events: Mapping[Any, Any], hidden: Iterable[int]) -> str:
    """issue_in_words, unless the issue names one of the `hidden` events (those its reader may
    not see: visibility.hidden_event_ids): then only that a hidden record conflicts."""
    if set(issue.event_ids) & set(hidden):
        return str(ABOVE_CLEARANCE)
    return issue_in_words(issue, events)


def _label(kind: str) -> str:
    kinds = event_kinds()
    return gettext(kinds[kind].label).lower() if kind in kinds else kind


def issue_in_words(issue: Any, events: Mapping[Any, Any]) -> str:
    """The issue's message in the active language; its English message when the check or its
    events are not known here."""
    template = TEMPLATES.get(issue.code)
    named = [events.get(event_id) for event_id in issue.event_ids]
    if template is None or not named or named[0] is None:
        return issue.message
    first, other = named[0], (named[1] if len(named) > 1 else None)
    return str(template) % {
        "event": _label(first.kind), "date": first.date or "?",
        "other": _label(other.kind) if other is not None else "",
        "other_date": (other.date or "?") if other is not None else "?",
    }
