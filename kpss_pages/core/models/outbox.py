"""The outbox: every e-mail the plugin set sends is a row here first (see ``kpss_pages.core.mail``).

The message is rendered when it is queued and stored as it will leave, so a retry or a resend
after a crash sends exactly the same e-mail, whatever happened to the data it came from.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    class Kind(models.TextChoices):
        REGISTRATION_CONFIRMED = "registration_confirmed", _("Registration confirmed")
        REGISTRATION_WAITLIST = "registration_waitlist", _("Registration on the waitlist")
        REGISTRATION_PROMOTED = "registration_promoted", _("Moved up from the waitlist")
        REGISTRATION_ALREADY = "registration_already", _("Already registered for the meeting")
        MEETING_CANCELLED = "meeting_cancelled", _("Meeting cancelled")
        APPLICATION_RECEIVED = "application_received", _("Membership application received")
        APPLICATION_NOTICE = "application_notice", _("New membership application (to the group)")
        APPLICATION_INVITED = "application_invited", _("Invitation as a guest")
        APPLICATION_APPROVED = "application_approved", _("Membership approved")
        APPLICATION_DECLINED = "application_declined", _("Membership application declined")
        SUBSCRIPTION_CONFIRM = "subscription_confirm", _("Subscription confirmation")
        ALREADY_SUBSCRIBED = "already_subscribed", _("Already subscribed")
        COMMENT_NOTIFICATION = "comment_notification", _("New comment on the plan")
        SURVEY_NOTIFICATION = "survey_notification", _("New survey answer (to the office)")
        NEWSLETTER_ISSUE = "newsletter_issue", _("Newsletter issue")
        NEWSLETTER_TEST = "newsletter_test", _("Newsletter issue (test)")

    # Bulk mail goes after every e-mail a person is waiting for right now.
    BULK_KINDS = frozenset({Kind.NEWSLETTER_ISSUE})

    class State(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    to = models.CharField(_("recipient"), max_length=254, blank=True)
    from_email = models.CharField(_("sender"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=500)
    body = models.TextField(_("text"), blank=True)
    html = models.TextField(_("HTML version"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    key = models.CharField(
        _("deduplication key"),
        max_length=200,
        unique=True,
        help_text=_("The same logical e-mail is never queued twice."),
    )
    bulk = models.BooleanField(_("bulk"), default=False)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("about (type)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(_("about (id)"), null=True, blank=True)
    about = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        default_permissions = ("view",)
        permissions = [("resume_outgoingemail", _("Can resume sending of e-mails"))]
        indexes = [
            models.Index(fields=["state", "bulk", "next_attempt_at"], name="kpss_core_outbox_due"),
            models.Index(fields=["content_type", "object_id"], name="kpss_core_outbox_about"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.to or '—'}"
