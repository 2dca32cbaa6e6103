"""The demo cohort: 59 synthetic children whose data reproduce the seed paper's results.

`cohort` reads the committed data file (data/seed_cohort.json; pure: no Django, no app),
`load` puts it into a center through the models (`hemorehab demo`), `first_start` makes a
development install's demonstration center and first login. The generator that writes the
data file is a development tool of the repository (tools/demo), not part of the package.
"""
