"""Everything a user sees exists in English and Simplified Chinese."""

import re
from pathlib import Path

import polib
from django.test import Client
from django.utils import translation

from hemorehab.i18n import LOCALE_DIR, incomplete

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "hemorehab"
TEMPLATE_STRING = re.compile(r"""\{% translate "([^"]+)"(?: context "[^"]+")? %\}""")
PYTHON_STRING = re.compile(r"""\b_\(\s*"([^"\\]+)"\s*\)""")
CORE = ("clinical", "stats", "demo")


def catalogue() -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"))


def test_every_catalogue_entry_is_translated():
    assert incomplete(catalogue()) == []


def test_every_marked_string_is_in_the_catalogue():
    known = {entry.msgid for entry in catalogue()}
    missing = []
    for path in PACKAGE.rglob("*"):
        if path.suffix not in (".html", ".py") or any(part in CORE for part in path.parts):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            # makemessages writes a template's "%" as "%%" (a python-format catalogue)
            found = [s.replace("%", "%%") for s in TEMPLATE_STRING.findall(text)]
        else:
            found = PYTHON_STRING.findall(text)
        missing += [f"{path.name}: {s}" for s in found if s not in known]
    assert missing == []


def test_login_page_is_chinese_when_chosen(db):
    response = Client().get("/login/", headers={"Accept-Language": "zh-hans"})
    with translation.override("zh-hans"):
        assert translation.gettext("Log in") in response.content.decode()
        assert translation.gettext("Log in") != "Log in"
