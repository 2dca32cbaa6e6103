"""Pure clinical domain: instruments, bleeding rules, factor PK, eligibility. No Django, no I/O."""
