"""Demo cohort: synthetic children whose data reproduce the seed paper's published results.

`hemorehab.demo.cohort` loads the committed data file; `hemorehab.demo.build_cohort`
regenerates it. Pure: no Django.
"""
