from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "kpss_pages.groups"
    label = "kpss_groups"
    verbose_name = _("Working groups and meetings")

    def ready(self):
        from . import signals

        signals.connect()
