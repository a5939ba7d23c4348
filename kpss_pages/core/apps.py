from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpssCoreConfig(AppConfig):
    """What every app of the plugin set shares: site-wide settings, the section page,
    StreamField blocks, public-form protection, PDF rendering, the search backend and the
    outbox through which every e-mail is sent."""

    name = "kpss_pages.core"
    label = "kpss_core"
    verbose_name = _("Community planning: shared base")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            admin_formats,
            admin_timesince,
            checks,  # noqa: F401 - registers the system checks
            signals,
        )
        from .exports import install_in_wagtail

        install_in_wagtail()
        admin_formats.install_in_wagtail()
        admin_timesince.install_in_wagtail()
        signals.connect()
