"""Admin forms of the catalogue."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Provider
from .permissions import sees_all_services


class ServiceAdminForm(WagtailAdminModelForm):
    """A provider editor can only choose among the providers they are attached to, and as
    *verified by* only themselves or whoever verified the service before — never from the
    list of every user of the site."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or sees_all_services(user):
            return
        if "provider" in self.fields:
            self.fields["provider"].queryset = Provider.objects.filter(editors=user)
        if "verified_by" in self.fields:
            known = {user.pk, getattr(self.instance, "verified_by_id", None)} - {None}
            self.fields["verified_by"].queryset = get_user_model().objects.filter(pk__in=known)


class RegisterImportForm(forms.Form):
    file = forms.FileField(
        label=_("Register file (rpss.json)"),
        help_text=_("The open-data file of the national register downloaded from data.mpsv.cz."),
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Keep services with a facility or reach here; "
            "none chosen = all of the catalogue's municipalities."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Only show what would change (dry run)"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        from .models import Municipality

        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = Municipality.objects.exclude(code="")
