"""Public forms: meeting registration and membership application (honeypot + consent)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kpss_pages.core.public_forms import (
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    honeypot_field,
)

from .models import StakeholderCategory


class PublicForm(forms.Form):
    """Checked by ``kpss_pages.core.public_forms.guard`` (honeypot, rate limit, validation)."""

    website = honeypot_field()


class ContactForm(PublicForm):
    """Who sends the form: name, e-mail and organisation, with their autocomplete tokens
    (WCAG 1.3.5)."""

    name = forms.CharField(
        label=_("Name and surname"),
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )


class RegistrationForm(ContactForm):
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. if you need barrier-free access or an interpreter."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the municipality processes my name and e-mail to organise this "
            "meeting. They are deleted after the meeting."
        ),
        error_messages={"required": _("Without consent we cannot register you.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "We send the confirmation and a link to cancel the registration here."
        )


class ApplicationForm(ContactForm):
    category = forms.ChoiceField(
        label=_("I take part as"),
        choices=[("", _("– choose –"))] + list(StakeholderCategory.choices),
    )
    motivation = forms.CharField(
        label=_("Why do you want to join the group?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    public_name_consent = forms.BooleanField(
        label=_("My name may be shown on the website among the members."), required=False
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the municipality processes my personal data to handle my application "
            "and, if I become a member, for the work of the group."
        ),
        error_messages={"required": _("Without consent we cannot process the application.")},
    )
