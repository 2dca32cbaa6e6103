"""Development tools that do not ship with hemorehab (the demo cohort's generator)."""
