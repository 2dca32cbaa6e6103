"""Strings that Django itself shows but whose Simplified Chinese catalogue lacks them (new in
Django 6.1). Marking them here keeps them in hemorehab's own catalogue, which Django consults
first (LOCALE_PATHS), so Chinese users never see them in English."""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = (gettext_noop("- Select an option -"),)
