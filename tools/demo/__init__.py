"""The demo cohort's generator (development only; not installed): 59 synthetic children whose
data reproduce the seed paper's published results, written to the installed package's
data file (src/hemorehab/demo/data/seed_cohort.json). Run from the repository:
`.venv/bin/python -m tools.demo.build_cohort`. Pure: no Django."""
