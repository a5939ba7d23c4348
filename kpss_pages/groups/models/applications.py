"""Applications for membership in a working group."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kpss_pages.core.models import OutgoingEmail

from .groups import GroupMember, WorkingGroupPage
from .meetings import MeetingPage
from .vocabulary import StakeholderCategory


class MembershipApplication(models.Model):
    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("application", "New")
        INVITED = "invited", _("Invited as a guest")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    group = models.ForeignKey(
        WorkingGroupPage,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    category = models.CharField(
        _("stakeholder category"), max_length=20, choices=StakeholderCategory.choices
    )
    motivation = models.TextField(_("motivation"), max_length=3000)
    public_name_consent = models.BooleanField(_("agrees to show the name publicly"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    invited_to = models.ForeignKey(
        MeetingPage,
        verbose_name=_("invited to the meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    coordinator_note = models.TextField(
        _("message to the applicant"),
        blank=True,
        help_text=_("Added to the e-mail sent when you invite, approve or decline."),
    )
    member = models.OneToOneField(
        GroupMember,
        verbose_name=_("member entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    emails = GenericRelation(OutgoingEmail, related_query_name="membership_application")

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} – {self.group.title}"


def retention_days():
    return getattr(settings, "KPSS_REGISTRATION_RETENTION_DAYS", 30)
