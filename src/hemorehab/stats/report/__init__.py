"""The study report: outcome tables, models, figures and texts from the analysis dataset."""
