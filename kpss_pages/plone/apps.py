from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PloneConfig(AppConfig):
    """Import of content exported from a Plone site (collective.exportimport or
    plone.exportimport) into the plugin set's pages, documents, images and redirects."""

    name = "kpss_pages.plone"
    label = "kpss_plone"
    verbose_name = _("Community planning: import from Plone")
    default_auto_field = "django.db.models.BigAutoField"
