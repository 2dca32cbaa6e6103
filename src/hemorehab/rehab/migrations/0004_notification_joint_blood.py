"""Notifications gain a kind: blood or fluid in a joint on ultrasound, which the plan engine
treats as a bleed (instruments.md s6a) and the hematologist and therapist are told about."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("rehab", "0003_recorded_by"),
    ]

    operations = [
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(
                choices=[
                    ("joint_bleed", "Joint bleed reported"),
                    ("muscle_bleed", "Muscle bleed reported"),
                    ("psoas_bleed", "Psoas bleed reported"),
                    ("joint_blood", "Blood or fluid in a joint on ultrasound"),
                    ("plan_to_approve", "Plan draft to approve"),
                    ("adverse_event", "Adverse event reported"),
                ],
                max_length=20,
            ),
        ),
    ]
