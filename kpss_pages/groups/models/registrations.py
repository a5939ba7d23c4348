"""Registrations of the public for meetings."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kpss_pages.core.models import OutgoingEmail

from .meetings import MeetingPage


class RegistrationQuerySet(models.QuerySet):
    def with_email_status(self):
        """Annotate ``email_state``: the state of the latest e-mail queued for each
        registration (``none`` without an address, empty when none was queued)."""
        latest = (
            OutgoingEmail.objects.filter(
                content_type__app_label="kpss_groups",
                content_type__model="registration",
                object_id=models.OuterRef("pk"),
            )
            .order_by("-created_at", "-pk")
            .values("state")[:1]
        )
        return self.annotate(
            email_state=Coalesce(
                models.Subquery(latest),
                models.Case(
                    models.When(email="", then=models.Value("none")),
                    default=models.Value(""),
                ),
            )
        )


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLIST = "waitlist", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    class EmailStatus(models.TextChoices):
        """The state of the registration's latest e-mail in the outbox."""

        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Sending failed")
        CANCELLED = "cancelled", _("Not sent")
        NONE = "none", _("No e-mail")

    meeting = models.ForeignKey(
        MeetingPage,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    added_by_staff = models.BooleanField(_("added by an organiser"), default=False)
    purged_at = models.DateTimeField(_("personal data deleted at"), null=True, blank=True)
    emails = GenericRelation(OutgoingEmail, related_query_name="registration")

    ACTIVE = (Status.CONFIRMED, Status.WAITLIST)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["meeting", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "email"],
                condition=Q(status__in=["confirmed", "waitlist"]) & ~Q(email=""),
                name="kpss_groups_registration_one_active_per_email",
                violation_error_message=_("This e-mail address is already registered."),
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.meeting.title}"

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    @property
    def email_status(self):
        if self.pk is None:
            return ""
        if not hasattr(self, "email_state"):
            self.email_state = Registration.objects.with_email_status().get(pk=self.pk).email_state
        return self.email_state or ""

    email_status.fget.short_description = _("e-mail status")

    def get_email_status_display(self):
        status = self.email_status
        return self.EmailStatus(status).label if status else "—"
