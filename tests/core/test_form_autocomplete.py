"""WCAG 1.3.5: every personal-data field on public forms carries ``autocomplete``."""

import pytest

from kpss_pages.groups.forms import ApplicationForm, RegistrationForm
from kpss_pages.plan.forms import CommentForm

EXPECTED = {"name": "name", "email": "email", "organisation": "organization"}


@pytest.mark.parametrize("form_class", [RegistrationForm, ApplicationForm, CommentForm])
def test_personal_fields_have_autocomplete(form_class):
    form = form_class()
    for field, token in EXPECTED.items():
        html = str(form[field])
        assert f'autocomplete="{token}"' in html, (form_class.__name__, field, html)


def test_comment_form_keeps_max_lengths():
    html = str(CommentForm()["name"])
    assert "maxlength=" in html
