"""Subscribers of the newsletter (double opt-in)."""

import secrets
from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpss_pages.core.conf import kpss_settings
from kpss_pages.core.czech_dates import clock, czech_date

from .page_links import working_group_choices


def new_key():
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    """An e-mail address subscribed without an account (double opt-in)."""

    email = models.EmailField(_("e-mail"), unique=True)
    key = models.CharField(_("key"), max_length=64, unique=True, default=new_key, editable=False)
    all_news = models.BooleanField(_("all news"), default=True)
    target_groups = models.ManyToManyField(
        "catalog.TargetGroup", blank=True, related_name="+", verbose_name=_("target groups")
    )
    working_groups = models.ManyToManyField(
        "wagtailcore.Page",
        blank=True,
        related_name="+",
        verbose_name=_("working groups"),
        limit_choices_to=working_group_choices,
    )
    created_at = models.DateTimeField(_("subscribed"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)
    # Consent given on an earlier site, brought over by the CSV import.
    consent_at = models.DateTimeField(_("earlier consent given"), null=True, blank=True)
    consent_source = models.CharField(_("source of earlier consent"), max_length=200, blank=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        permissions = [("export_subscriber", _("Can export subscribers"))]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def topics_display(self):
        topics = [str(_("All news"))] if self.all_news else []
        topics += [g.name for g in self.target_groups.all()]
        topics += [p.title for p in self.working_groups.all()]
        return ", ".join(topics)

    topics_display.short_description = _("topics")

    def consent_date_display(self):
        """The earlier consent's date the Czech way (``2. 8. 2021``, with the time if it was
        recorded), or empty."""
        if not self.consent_at:
            return ""
        local = timezone.localtime(self.consent_at)
        text = czech_date(local)
        if (local.hour, local.minute) != (0, 0):
            text += f" {clock(local)}"
        return text

    def consent_display(self):
        """``2. 8. 2021, Formulář na starém webu``, or empty without an earlier consent."""
        return ", ".join(
            part for part in [self.consent_date_display(), self.consent_source] if part
        )

    consent_display.short_description = _("earlier consent")


def unconfirmed_cutoff():
    return timezone.now() - timedelta(days=kpss_settings.NEWS_UNCONFIRMED_DAYS)
