from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "kpss_pages.news"
    label = "kpss_news"
    verbose_name = _("News and newsletter")

    def ready(self):
        from . import signals

        signals.connect()
