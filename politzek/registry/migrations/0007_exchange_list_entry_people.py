"""Kept exchange-list entries remember every person their verdict rests on, so each reader
sees them at their own clearance. Entries kept before: their match, and for an ambiguous one
the ids its reason names ("2 people in the registry fit: 12 Name (…); 15 Name (…)")."""

import re

from django.db import migrations, models

NAMED_ID = re.compile(r"(?:fit: |; )(\d+) ")


def remember_people(apps, schema_editor):
    Entry = apps.get_model("registry", "ExchangeListEntry")
    Person = apps.get_model("registry", "Person")
    for entry in Entry.objects.all():
        ids = {entry.matched_person_id} if entry.matched_person_id else set()
        if entry.verdict == "ambiguous":
            for reason in entry.reasons or []:
                ids |= {int(found) for found in NAMED_ID.findall(str(reason.get("fact", "")))}
        entry.involved_people.set(Person.objects.filter(pk__in=ids))


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0006_cost_proposals_facility_heads_official_matches"),
    ]

    operations = [
        migrations.AddField(
            model_name="exchangelistentry",
            name="involved_people",
            field=models.ManyToManyField(blank=True, related_name="+", to="registry.person"),
        ),
        migrations.RunPython(remember_people, migrations.RunPython.noop),
    ]
