"""The record of a register import run by the background worker (a large uploaded file):
the uploader may have left the page long before it ends, so its report is kept and shown
on the import page in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kpss_pages.core.models.background_import import BackgroundImport


class RegisterImport(BackgroundImport):
    area = models.JSONField(_("area codes"), default=list, blank=True)

    class Meta(BackgroundImport.Meta):
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")
