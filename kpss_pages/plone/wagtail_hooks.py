from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_import(request.user)


@hooks.register("register_admin_urls")
def register_plone_admin_urls():
    urls = [path("", admin_views.plone_import, name="import")]
    return [
        path("import-plone/", include((urls, "kpss_plone_admin"), namespace="kpss_plone_admin"))
    ]


@hooks.register("register_settings_menu_item")
def register_plone_menu_item():
    return SuperuserMenuItem(
        _("Import from Plone"),
        reverse("kpss_plone_admin:import"),
        icon_name="download",
        order=900,
    )
