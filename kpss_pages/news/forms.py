"""Public forms: subscribe and change topics."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from catalog.models import TargetGroup
from kpss_pages.core.public_forms import honeypot_field

from .models import Subscriber, working_group_pages


class TopicsMixin:
    def _setup_topics(self):
        self.fields["target_groups"].queryset = TargetGroup.objects.all()
        self.fields["working_groups"].queryset = working_group_pages()
        if not self.fields["working_groups"].queryset.exists():
            del self.fields["working_groups"]

    def clean(self):
        data = super().clean()
        if not (data.get("all_news") or data.get("target_groups") or data.get("working_groups")):
            raise forms.ValidationError(
                _("Choose at least one topic: all news, a target group or a working group."),
                code="no_topic",
            )
        return data


def _topic_fields():
    return {
        "all_news": forms.BooleanField(
            label=_("All news"),
            required=False,
            initial=True,
            help_text=_("Every issue of the newsletter."),
        ),
        "target_groups": forms.ModelMultipleChoiceField(
            label=_("News about target groups"),
            queryset=TargetGroup.objects.none(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        ),
        "working_groups": forms.ModelMultipleChoiceField(
            label=_("News from working groups"),
            queryset=Page.objects.none(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        ),
    }


class SubscribeForm(TopicsMixin, forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    locals().update(_topic_fields())
    consent = forms.BooleanField(
        label=_(
            "I agree that the town keeps my e-mail address to send me the news I chose, "
            "until I unsubscribe."
        ),
        error_messages={"required": _("Without your consent we cannot send you news.")},
    )
    website = honeypot_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_topics()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class PreferencesForm(TopicsMixin, forms.ModelForm):
    locals().update(_topic_fields())

    class Meta:
        model = Subscriber
        fields = ["all_news", "target_groups", "working_groups"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_topics()
