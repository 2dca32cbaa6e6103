"""Pure outcome analysis on pandas frames, following SPSS conventions. No Django."""
