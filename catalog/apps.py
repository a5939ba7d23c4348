from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    label = "catalog"
    verbose_name = _("Catalogue of social services")
    # The migrations were made with BigAutoField: fixed here, not left to the host\'s
    # DEFAULT_AUTO_FIELD (a host with AutoField would see migrations to make).
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
