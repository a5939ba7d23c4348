"""load_demo refuses to run where DEBUG is off (production settings): it would create
accounts with the published password kpss-demo on a real site."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]


def test_refused_without_debug_with_a_czech_message(settings):
    settings.DEBUG = False
    settings.KPSS_DEMO_ALLOWED = False
    pages = Page.objects.count()
    with pytest.raises(CommandError) as error:
        call_command("load_demo", "--no-index")
    message = str(error.value)
    assert "Ukázkový obsah se na produkčním webu nenahrává" in message
    assert "--force-demo" in message
    assert not get_user_model().objects.filter(username__in=["admin", "charita"]).exists()
    assert Page.objects.count() == pages


def test_production_settings_refuse_before_touching_the_database(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kpss_site.settings.production",
        "SECRET_KEY": "x" * 60,
        # A database that does not exist: the refusal must come before any query.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'nothing.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Ukázkový obsah se na produkčním webu nenahrává" in result.stderr
    assert "kpss_site.settings.production" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "nothing.sqlite3").exists() or (
        (tmp_path / "nothing.sqlite3").stat().st_size == 0
    )
