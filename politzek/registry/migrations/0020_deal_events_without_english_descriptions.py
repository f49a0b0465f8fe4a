"""Release events written by a deal used to carry an English sentence as their description
("Released in the deal: NAME; taken to LT"): the same facts the event's deal and the deal's
release hold, shown in English on every page. The sentence is cleared where it is exactly
what the deal wrote (a documenter's own words are kept); pages word the deal and the
destination in their language."""

import re

from django.db import migrations


def clear_written_sentences(apps, schema_editor):
    Event = apps.get_model("registry", "Event")
    for event in Event.objects.filter(deal__isnull=False, description__startswith="Released in the deal: ") \
            .select_related("deal").only("pk", "description", "deal__name"):
        written = re.fullmatch(r"Released in the deal: (.*?)(; taken to [A-Z]{2})?", event.description, re.S)
        if written and written.group(1) == event.deal.name:
            Event.objects.filter(pk=event.pk).update(description="")


class Migration(migrations.Migration):
    dependencies = [("registry", "0019_organization_name_local")]
    operations = [migrations.RunPython(clear_written_sentences, migrations.RunPython.noop)]
