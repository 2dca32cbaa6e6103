"""Compile the translation catalogues (.po -> .mo) with polib, so no system gettext is needed.

Run as `python -m hemorehab.i18n`; `make install` does it. Exits 1 when a catalogue has an
untranslated or fuzzy entry, since a Chinese user would then see English.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def incomplete(po: polib.POFile) -> list[str]:
    return [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries()]


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[str]:
    problems = []
    for path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        po = polib.pofile(str(path))
        problems += [
            f"{path.relative_to(locale_dir)}: not translated: {m!r}" for m in incomplete(po)
        ]
        po.save_as_mofile(str(path.with_suffix(".mo")))
    return problems


def main() -> int:
    problems = compile_all()
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
