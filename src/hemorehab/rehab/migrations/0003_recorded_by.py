# One word for who entered a record: `recorded_by` (was `therapist` on session notes and
# `reported_by` on home sessions and adverse events). The columns are renamed; no data changes.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("rehab", "0002_restriction_sites")]

    operations = [
        migrations.RenameField("sessionnote", "therapist", "recorded_by"),
        migrations.RenameField("homesession", "reported_by", "recorded_by"),
        migrations.RenameField("adverseevent", "reported_by", "recorded_by"),
    ]
