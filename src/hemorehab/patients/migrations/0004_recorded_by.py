# One word for who entered a record: a screening's `screened_by` becomes `recorded_by`. The
# column is renamed; no data changes.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("patients", "0003_joint_choices_from_sites")]

    operations = [
        migrations.RenameField("screening", "screened_by", "recorded_by"),
    ]
