"""Forms: public comments on the draft and the yearly monitoring table."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kpss_pages.core.public_forms import TEXT_MAX_LENGTH, honeypot_field

from .models import Comment, MonitoringStatus


class CommentForm(forms.ModelForm):
    website = honeypot_field()
    consent = forms.BooleanField(
        label=_(
            "I agree that the town processes my name and e-mail to settle this comment. "
            "They are never published; the settlement table shows only the organisation."
        ),
        error_messages={"required": _("Without your consent we cannot accept the comment.")},
    )

    class Meta:
        model = Comment
        fields = ["name", "email", "organisation", "text", "consent"]
        labels = {
            "name": _("Your name"),
            "email": _("E-mail"),
            "organisation": _("Organisation"),
            "text": _("Your comment"),
        }
        help_texts = {"email": _("Only for the coordinator's reply; never published.")}
        # WCAG 1.3.5: personal-data fields say what they hold, so browsers can fill them in.
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "text": forms.Textarea(attrs={"rows": 6, "maxlength": TEXT_MAX_LENGTH}),
        }
        error_messages = {
            "name": {"required": _("Enter your name.")},
            "email": {"required": _("Enter your e-mail."), "invalid": _("Enter a valid e-mail.")},
            "text": {"required": _("Write your comment.")},
        }

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) > TEXT_MAX_LENGTH:
            raise forms.ValidationError(_("The comment is too long (at most 5000 characters)."))
        return text


STATUS_BLANK = [("", _("— not filled in —"))]


class MonitoringRowForm(forms.Form):
    """One row of the yearly table: a measure's status, commentary and indicator values."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    commentary = forms.CharField(
        label=_("Commentary"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, measure=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.fields["status"].choices = STATUS_BLANK + list(MonitoringStatus.choices)
        self.indicator_fields = []
        for indicator in measure.indicators.all() if measure else []:
            name = f"indicator_{indicator.pk}"
            self.fields[name] = forms.DecimalField(
                label=indicator.name + (f" ({indicator.unit})" if indicator.unit else ""),
                required=False,
                max_digits=12,
                decimal_places=2,
                localize=True,
                error_messages={"invalid": _("Enter a number, e.g. 12 or 3,5.")},
            )
            self.indicator_fields.append((indicator, name))

    def indicator_bound_fields(self):
        return [(indicator, self[name]) for indicator, name in self.indicator_fields]

    def clean(self):
        data = super().clean()
        has_values = any(data.get(name) is not None for _i, name in self.indicator_fields)
        if not data.get("status") and (data.get("commentary") or has_values):
            self.add_error("status", _("Choose a status when you fill in a commentary or values."))
        return data


class BaseMonitoringFormSet(forms.BaseFormSet):
    def __init__(self, *args, measures=(), **kwargs):
        self.measures = list(measures)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["measure"] = self.measures[index] if index < len(self.measures) else None
        return kwargs


MonitoringFormSet = forms.formset_factory(
    MonitoringRowForm, formset=BaseMonitoringFormSet, extra=0, max_num=1000, validate_max=True
)


class MonitoringImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: opatreni, stav, komentar, ukazatel_1, ukazatel_2, … "
            "(semicolon or comma separated, UTF-8)."
        ),
    )
