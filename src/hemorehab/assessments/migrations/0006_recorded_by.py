# One word for who entered a record: `recorded_by` (was `assessor` on the instruments and the
# physical measures, `reported_by` on bleeds). The columns are renamed; no data changes.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("assessments", "0005_cho_klat_answers")]

    operations = [
        migrations.RenameField("hjhsassessment", "assessor", "recorded_by"),
        migrations.RenameField("ultrasoundexam", "assessor", "recorded_by"),
        migrations.RenameField("choklatassessment", "assessor", "recorded_by"),
        migrations.RenameField("physicalmeasure", "assessor", "recorded_by"),
        migrations.RenameField("bleed", "reported_by", "recorded_by"),
    ]
