"""The staff review queue of likely duplicates: each pair side by side with the matcher's
explanation, and a decision (same merges the two, different keeps them apart for good,
unsure sets the pair aside); the merges, each with its undo."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from politzek.flows.refresh import refresh
from politzek.registry import dedupe
from politzek.registry.merge import MergeError, undo_merge
from politzek.registry.models import DuplicateCandidate, Person, PersonMerge
from politzek.registry.visibility import Viewer, visible_people
from politzek.web.staff.access import staff_required

SHOWN = 50


def _side(person: Person) -> dict[str, object]:
    events = sorted(person.events.all(), key=lambda e: (e.date_earliest is None, e.date_earliest))
    return {"person": person, "names": [n.name for n in person.names.all()], "events": events[:8]}


@staff_required("registry.review")
def queue(request: HttpRequest) -> HttpResponse:
    viewer = Viewer.for_user(request.user)
    unsure = request.GET.get("unsure") == "1"
    waiting = dedupe.queue(viewer, unsure)
    shown = waiting[:SHOWN]
    people = {p.pk: p for p in visible_people(Person.objects.filter(
        pk__in={c.left_id for c in shown} | {c.right_id for c in shown}), viewer).prefetch_related("names", "events")}
    pairs = [{"candidate": c, "left": _side(people[c.left_id]), "right": _side(people[c.right_id])}
             for c in shown if c.left_id in people and c.right_id in people]
    return render(request, "staff/duplicates.html", {"pairs": pairs, "waiting": len(waiting), "unsure": unsure})


@require_POST
@staff_required("registry.review")
def decide(request: HttpRequest, left_id: int, right_id: int) -> HttpResponse:
    viewer = Viewer.for_user(request.user)
    # A reviewer decides only about pairs the matcher put in the queue, of records they may
    # see; anything else is "not in your queue" (the command line judges any pair).
    a, b = sorted((left_id, right_id))
    if (visible_people(Person.objects.filter(pk__in=(a, b)), viewer).count() != 2
            or not DuplicateCandidate.objects.filter(left_id=a, right_id=b).exists()):
        messages.error(request, "That pair is not in your queue.")
        return redirect("staff:duplicates")
    judgement = request.POST.get("judgement", "")
    keep = request.POST.get("keep")
    try:
        merge_id = dedupe.judge(left_id, right_id, judgement, f"web:{request.user.get_username()}",
                                request.POST.get("reason", "").strip(), int(keep) if keep and keep.isdigit() else None)
    except (dedupe.JudgementError, MergeError) as error:
        messages.error(request, str(error))
        return redirect("staff:duplicates")
    refresh()
    messages.success(request, f"Merged (merge {merge_id}); it can be undone under Merges." if merge_id
                     else f"Recorded: {judgement}.")
    return redirect("staff:duplicates")


@staff_required("registry.review")
def merges(request: HttpRequest) -> HttpResponse:
    viewer = Viewer.for_user(request.user)
    visible = set(visible_people(Person.objects.all(), viewer).values_list("id", flat=True))
    rows = [m for m in PersonMerge.objects.order_by("-merged_at", "-id")[:200] if m.kept_id in visible]
    return render(request, "staff/merges.html", {"merges": rows})


@require_POST
@staff_required("registry.review")
def undo(request: HttpRequest, merge_id: int) -> HttpResponse:
    viewer = Viewer.for_user(request.user)
    merge = PersonMerge.objects.filter(pk=merge_id).first()
    if merge is None or not visible_people(Person.objects.filter(pk=merge.kept_id), viewer).exists():
        messages.error(request, "No such merge.")
        return redirect("staff:merges")
    try:
        restored = undo_merge(merge_id, f"web:{request.user.get_username()}", request.POST.get("reason", "").strip(),
                              viewer)
    except MergeError as error:
        messages.error(request, str(error))
        return redirect("staff:merges")
    refresh()
    messages.success(request, f"Merge {merge_id} undone: person {restored.pk} is back.")
    return redirect("staff:merges")
