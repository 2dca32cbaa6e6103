"""Exports of the analysis dataset: CSV, XLSX, SPSS .sav and the data dictionary, de-identified
by default."""
