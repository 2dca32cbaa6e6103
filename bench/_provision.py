"""Create bench accounts in one process: a JSON list on standard input, each item with
username, password, center, roles, guardian_of and patient (see loadlib.database.Account).

Run by loadlib with the bench database's environment; not a benchmark itself.
"""

from __future__ import annotations

import json
import sys

from hemorehab.commands import _django


def main() -> int:
    accounts = json.load(sys.stdin)
    _django.setup()
    from hemorehab.centers.provision import ProvisionError, provision_user

    for account in accounts:
        try:
            provision_user(
                username=account["username"],
                center_code=account["center"],
                roles=account["roles"],
                guardian_of=account["guardian_of"],
                patient=account["patient"],
                password=account["password"],
            )
        except ProvisionError as exc:
            print(f"{account['username']}: {exc}", file=sys.stderr)
            return 2
    print(f"created {len(accounts)} accounts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
