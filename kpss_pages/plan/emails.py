"""Telling the office about a public comment waiting for moderation and about new survey
answers (both through the outbox)."""

from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from kpss_pages.core.mail import queue_email
from kpss_pages.core.models import KpssSettings, OutgoingEmail
from kpss_pages.core.public_url import absolute_url


def queue_comment_notification(comment):
    site = Site.objects.filter(is_default_site=True).first()
    settings = KpssSettings.for_site(site) if site else None
    if not settings or not settings.coordinator_email:
        return None
    edit_url = absolute_url(reverse("wagtailsnippets_kpss_plan_comment:edit", args=[comment.pk]))
    with translation.override(django_settings.LANGUAGE_CODE):
        subject = _("New comment on the draft plan: %(subject)s") % {
            "subject": comment.subject_label
        }
        body = _(
            "A new comment on “%(plan)s” waits for moderation.\n\n%(text)s\n\n"
            "Moderate and settle it in the administration: %(url)s"
        ) % {"plan": comment.plan.title, "text": comment.text, "url": edit_url}
    return queue_email(
        kind=OutgoingEmail.Kind.COMMENT_NOTIFICATION,
        to=settings.coordinator_email,
        subject=subject,
        body=body,
        key=f"comment:{comment.pk}:new",
        about=comment,
    )


def queue_survey_notification(survey, form, submission):
    """The answers, as Wagtail's form builder words them, to every address the survey's
    editors gave (``to_address``); the outbox sends them, never the request."""
    with translation.override(django_settings.LANGUAGE_CODE):
        subject = survey.subject or _("New answer to the survey “%(title)s”") % {
            "title": survey.title
        }
        body = survey.render_email(form)
    for address in {a.strip() for a in survey.to_address.split(",") if a.strip()}:
        queue_email(
            kind=OutgoingEmail.Kind.SURVEY_NOTIFICATION,
            to=address,
            subject=subject,
            body=body,
            key=f"survey:{submission.pk}:{address}",
            about=submission,
        )
