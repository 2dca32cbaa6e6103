"""Count the SQL queries of each page in-process: Django's test client, through the whole
middleware stack, on the bench database (the same one the server used), with
django.test.utils.CaptureQueriesContext. Session and authentication queries are included, as
in a real request.

Reads {"username", "token", "explain", "pages": [{"label", "path", "api"}]} on standard input
and prints {label: {"status", "queries"}} as JSON (with "sql", the statements, if explain).
Run by bench_pages.py with the database's environment; not a benchmark itself.
"""

from __future__ import annotations

import json
import sys

from hemorehab.commands import _django


def main() -> int:
    job = json.load(sys.stdin)
    _django.setup()
    from django.core.signals import request_started
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from hemorehab.accounts.models import User

    # Django empties the query log when a request starts; keep it so the count covers the page.
    request_started.disconnect(reset_queries)
    client = Client()
    client.force_login(User.objects.get(username=job["username"]))
    bearer = {"Authorization": f"Bearer {job['token']}"}
    counts = {}
    for page in job["pages"]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page["path"], headers=bearer if page["api"] else None)
        counts[page["label"]] = {"status": response.status_code, "queries": len(queries)}
        if job.get("explain"):
            counts[page["label"]]["sql"] = [query["sql"] for query in queries.captured_queries]
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
