# One word for an instrument's item answers: CHO-KLAT's `responses` become `answers`, as the
# HJHS's and the ultrasound's already were (no data changes, the column is renamed).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("assessments", "0004_clinical_judgements_end_feel")]

    operations = [
        migrations.RenameField(
            model_name="choklatassessment",
            old_name="responses",
            new_name="answers",
        ),
    ]
