"""Surveys built on Wagtail's form builder, open between two dates."""

from collections import Counter

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractForm, AbstractFormField
from wagtail.fields import RichTextField

from kpss_pages.core.blocks import RICH_TEXT_FEATURES
from kpss_pages.core.page_queries import KpssPageManager
from kpss_pages.core.placement import section_parent_page_types
from kpss_pages.core.public_forms import EMAIL_MAX_LENGTH, TEXT_MAX_LENGTH, honeypot_field
from kpss_pages.core.slugs import AsciiSlugMixin

TARGET_GROUP_FIELD = "cilova_skupina"
HONEYPOT_FIELD = "web_address"
COUNTABLE_TYPES = {"dropdown", "radio", "checkboxes", "multiselect", "checkbox"}


class SurveyField(AbstractFormField):
    page = ParentalKey(
        "SurveyPage", verbose_name=_("survey"), on_delete=models.CASCADE, related_name="form_fields"
    )

    class Meta(AbstractFormField.Meta):
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")


ANSWER_MAX_LENGTH = 255  # a one-line answer
URL_MAX_LENGTH = 2000


class SurveyFormBuilder(FormBuilder):
    """Wagtail's form builder with a maximum length on every free-text answer."""

    def __init__(self, fields, target_groups=()):
        super().__init__(fields)
        self.target_groups = target_groups

    def create_multiline_field(self, field, options):
        options["max_length"] = TEXT_MAX_LENGTH
        options.setdefault("widget", forms.Textarea(attrs={"maxlength": TEXT_MAX_LENGTH}))
        return super().create_multiline_field(field, options)

    def create_dropdown_field(self, field, options):
        # An optional question must not preselect its first answer: a skipped question
        # would otherwise be submitted, and counted, as that answer.
        formfield = super().create_dropdown_field(field, options)
        if not formfield.required:
            formfield.choices = [("", _("No answer"))] + list(formfield.choices)
        return formfield

    def create_email_field(self, field, options):
        options["max_length"] = EMAIL_MAX_LENGTH
        return super().create_email_field(field, options)

    def create_url_field(self, field, options):
        options["max_length"] = URL_MAX_LENGTH
        return super().create_url_field(field, options)

    def create_hidden_field(self, field, options):
        options["max_length"] = ANSWER_MAX_LENGTH
        return super().create_hidden_field(field, options)

    @property
    def formfields(self):
        fields = super().formfields
        if self.target_groups:
            fields[TARGET_GROUP_FIELD] = forms.ChoiceField(
                label=_("Which group do you belong to?"),
                required=False,
                choices=[("", _("I prefer not to say"))]
                + [(g.name, g.name) for g in self.target_groups],
            )
        fields[HONEYPOT_FIELD] = honeypot_field()
        return fields


class SurveyPage(AsciiSlugMixin, AbstractEmailForm):
    objects = KpssPageManager()

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    opens_on = models.DateField(_("open from"), null=True, blank=True)
    closes_on = models.DateField(
        _("open until"), null=True, blank=True, help_text=_("The last day answers are accepted.")
    )
    closed_text = RichTextField(_("message when closed"), blank=True, features=RICH_TEXT_FEATURES)
    ask_target_group = models.BooleanField(
        _("ask for the target group"),
        default=False,
        help_text=_("Adds an optional question about the respondent's target group."),
    )
    thank_you_text = RichTextField(_("thank-you text"), blank=True, features=RICH_TEXT_FEATURES)
    publish_summary = models.BooleanField(
        _("publish a summary of results"),
        default=False,
        help_text=_("Shows the counts of answers to choice questions on the page."),
    )
    summary_text = RichTextField(
        _("commentary on the results"), blank=True, features=RICH_TEXT_FEATURES
    )

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")], heading=_("Open")),
        FieldPanel("closed_text"),
        FieldPanel("ask_target_group"),
        InlinePanel("form_fields", label=_("Questions")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("publish_summary"), FieldPanel("summary_text")],
            heading=_("Public summary"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail notification (optional)"),
        ),
    ]
    template = "kpss_plan/survey_page.html"
    parent_page_types = section_parent_page_types("kpss_plan.PlanIndexPage")
    subpage_types = []
    landing_page_template = "kpss_plan/survey_page_landing.html"

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    @property
    def is_open(self):
        today = timezone.localdate()
        if self.opens_on and today < self.opens_on:
            return False
        return not (self.closes_on and today > self.closes_on)

    def get_submissions_list_view_class(self):
        from ..views.survey import SurveySubmissionsListView

        return SurveySubmissionsListView

    def get_form_class(self):
        from catalog.models import TargetGroup

        groups = list(TargetGroup.objects.all()) if self.ask_target_group else ()
        return SurveyFormBuilder(self.get_form_fields(), groups).get_form_class()

    def get_data_fields(self):
        fields = super().get_data_fields()
        if self.ask_target_group:
            fields.append((TARGET_GROUP_FIELD, str(_("Target group"))))
        return fields

    def process_form_submission(self, form):
        form.cleaned_data.pop(HONEYPOT_FIELD, None)
        # AbstractForm's (it stores the answers), not AbstractEmailForm's, which would send
        # the notice with send_mail() inside the visitor's request
        submission = AbstractForm.process_form_submission(self, form)
        if self.to_address:
            from ..emails import queue_survey_notification

            queue_survey_notification(self, form, submission)
        return submission

    def send_mail(self, form):
        raise NotImplementedError("Survey notices go through the outbox (process_form_submission)")

    def serve(self, request, *args, **kwargs):
        from ..views.survey import serve_survey

        return serve_survey(self, request, super().serve, *args, **kwargs)

    def results(self):
        """Counts per answer of every choice question (and the target group)."""
        questions = [
            (
                f.clean_name,
                f.label,
                f.field_type,
                [c.strip() for c in f.choices.split("\n") if c.strip()] if f.choices else [],
            )
            for f in self.get_form_fields()
            if f.field_type in COUNTABLE_TYPES
        ]
        if self.ask_target_group:
            from catalog.models import TargetGroup

            questions.append(
                (
                    TARGET_GROUP_FIELD,
                    str(_("Target group")),
                    "dropdown",
                    [g.name for g in TargetGroup.objects.all()],
                )
            )
        counters = {name: Counter() for name, *_rest in questions}
        submissions = self.get_submission_class().objects.filter(page=self)
        total = 0
        for submission in submissions.iterator():
            total += 1
            data = submission.form_data
            for name, _label, field_type, _choices in questions:
                value = data.get(name)
                if field_type == "checkbox":
                    value = [str(_("Yes")) if value else str(_("No"))]
                elif not isinstance(value, list):
                    value = [value] if value not in (None, "") else []
                counters[name].update(str(v) for v in value)
        results = []
        for name, label, field_type, choices in questions:
            if field_type == "checkbox":
                choices = [str(_("Yes")), str(_("No"))]
            counts = counters[name]
            rows = [(choice, counts.get(choice, 0)) for choice in choices]
            rows += [(v, n) for v, n in counts.items() if v not in choices]
            results.append({"name": name, "label": label, "rows": rows, "total": total})
        return {"total": total, "questions": results}
