"""Refusals are expected answers, not errors: a 403 or 404 is logged in one line, without the
traceback Django attaches (a researcher opening a child's page is not a fault)."""

import logging


class RefusalWithoutTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) in (403, 404):
            record.exc_info = None
            record.exc_text = None
        return True
