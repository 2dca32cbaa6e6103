"""Restrictions name their site: a psoas block was stored as the pseudo-joint "lower_limb";
it becomes the bleed's own iliopsoas site (left_iliopsoas / right_iliopsoas), which the plan
engine reads as "all loading of that leg blocked until a physician clears it"."""

from django.db import migrations, models

PSOAS = ("left_iliopsoas", "right_iliopsoas")


def name_the_site(apps, schema_editor):
    restriction = apps.get_model("rehab", "JointRestriction")
    for row in restriction.objects.filter(joint="lower_limb").select_related("bleed"):
        site = row.bleed.site if row.bleed is not None else ""
        # Without a recorded side, keep both legs blocked: one restriction per side.
        sides = [site] if site in PSOAS else list(PSOAS)
        row.joint = sides[0]
        row.needs_physician_clearance = row.needs_physician_clearance or row.cleared_at is None
        row.save(update_fields=["joint", "needs_physician_clearance"])
        for other in sides[1:]:
            restriction.objects.create(
                patient_id=row.patient_id,
                joint=other,
                bleed_id=row.bleed_id,
                phase=row.phase,
                needs_physician_clearance=row.needs_physician_clearance,
                cleared_at=row.cleared_at,
                cleared_by_id=row.cleared_by_id,
                last_decision=row.last_decision,
            )


class Migration(migrations.Migration):
    dependencies = [("rehab", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="jointrestriction",
            name="joint",
            field=models.CharField(max_length=20, verbose_name="joint or muscle"),
        ),
        migrations.RunPython(name_the_site, migrations.RunPython.noop),
    ]
