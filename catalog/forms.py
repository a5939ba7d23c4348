"""Admin forms of the catalogue."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Provider
from .permissions import sees_all_services


class ServiceAdminForm(WagtailAdminModelForm):
    """A provider editor can only choose among the providers they are attached to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and "provider" in self.fields and not sees_all_services(user):
            self.fields["provider"].queryset = Provider.objects.filter(editors=user)


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
