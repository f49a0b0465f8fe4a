from django.db import migrations, models


def forget_summaries(apps, schema_editor):
    # Kept summaries are derived: they are made again on the next visit.
    apps.get_model("flows", "PersonSummary").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("flows", "0005_person_summary")]

    operations = [
        migrations.RunPython(forget_summaries, migrations.RunPython.noop),
        migrations.RemoveField(model_name="personsummary", name="detail"),
        migrations.AddField(model_name="personsummary", name="packed", field=models.BinaryField(default=b""),
                            preserve_default=False),
    ]
