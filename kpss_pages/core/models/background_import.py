"""What every import run by the background worker keeps: who uploaded which file, its state
and its report, shown on the import's admin page (the uploader may have left long before
the worker ends). The catalogue's register import and the Plone import extend it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..czech_dates import czech_datetime


class BackgroundImport(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Refused: nothing was written")

    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED)
    report = models.JSONField(_("report"), default=list, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({czech_datetime(self.created_at)})"
