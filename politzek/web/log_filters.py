"""A refused request (403, 404, 400) is the visitor's matter, not a bug: Django's request
log gets one line for it, not a traceback. Server errors (5xx) keep their traceback."""

from __future__ import annotations

import logging


class OneLineForClientErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
