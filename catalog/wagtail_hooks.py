"""Admin of the catalogue (wagtail-modeladmin: the one place for the whole app): services,
providers, vocabularies, the register import, the verification list and the PDF."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import IndexView

from kpss_pages.core import exports
from kpss_pages.core.site_pages import first_site_page

from . import admin_views
from .admin_filters import StaleFilter, TagFilter
from .forms import ServiceAdminForm
from .models import (
    AgeGroup,
    CapacityUnit,
    CatalogLogEntry,
    Municipality,
    Provider,
    RegisterTargetGroup,
    Service,
    ServiceForm,
    ServiceType,
    TargetGroup,
)
from .permissions import (
    ProviderPermissionHelper,
    ServiceDeleteView,
    ServiceEditView,
    ServiceInspectView,
    ServicePermissionHelper,
    sees_all_services,
)


class ExportingIndexView(exports.SpreadsheetExportMixin, IndexView):
    """CSV and XLSX of the listing through the shared export module."""


class VocabularyAdmin(ModelAdmin):
    list_display = ("name", "code", "order")
    search_fields = ("name", "code")
    ordering = ("order", "name")


class ServiceTypeAdmin(VocabularyAdmin):
    model = ServiceType
    list_display = ("name", "category", "act_section", "code")
    list_filter = ("category",)


class ServiceFormAdmin(VocabularyAdmin):
    model = ServiceForm


class RegisterTargetGroupAdmin(VocabularyAdmin):
    model = RegisterTargetGroup


class AgeGroupAdmin(VocabularyAdmin):
    model = AgeGroup


class CapacityUnitAdmin(VocabularyAdmin):
    model = CapacityUnit


class TargetGroupAdmin(ModelAdmin):
    model = TargetGroup
    list_display = ("name", "order")
    search_fields = ("name",)


class MunicipalityAdmin(ModelAdmin):
    model = Municipality
    list_display = ("name", "code", "is_partner", "order")
    list_filter = ("is_partner",)
    search_fields = ("name", "code")


class VocabularyGroup(ModelAdminGroup):
    menu_label = _("Vocabularies")
    menu_icon = "list-ul"
    menu_order = 310
    items = (
        TargetGroupAdmin,
        MunicipalityAdmin,
        ServiceTypeAdmin,
        ServiceFormAdmin,
        RegisterTargetGroupAdmin,
        AgeGroupAdmin,
        CapacityUnitAdmin,
    )


class ServiceAdmin(ModelAdmin):
    model = Service
    menu_label = _("Services")
    menu_icon = "help"
    permission_helper_class = ServicePermissionHelper
    edit_view_class = ServiceEditView
    inspect_view_class = ServiceInspectView
    delete_view_class = ServiceDeleteView
    inspect_view_enabled = True
    list_display = ("name", "provider", "service_type", "register_id", "last_verified", "is_ended")
    list_filter = (
        "service_type",
        "forms",
        "target_groups",
        "register_target_groups",
        "municipalities",
        TagFilter,
        StaleFilter,
        "is_ended",
    )
    search_fields = ("name", "provider__name", "register_id", "description")
    list_export = (
        "name",
        "provider",
        "register_id",
        "service_type",
        "capacity",
        "email",
        "phone",
        "web",
        "valid_from",
        "valid_to",
        "is_ended",
        "last_verified",
        "verified_by",
    )
    export_filename = "katalog-sluzeb"
    index_view_class = ExportingIndexView
    inspect_view_fields = (
        "name",
        "provider",
        "register_id",
        "service_type",
        "forms",
        "target_groups",
        "register_target_groups",
        "age_groups",
        "capacity",
        "capacity_unit",
        "municipalities",
        "description",
        "how_to_apply",
        "fees",
        "email",
        "phone",
        "web",
        "sign_language_page",
        "sign_language_url",
        "tags",
        "valid_from",
        "valid_to",
        "is_ended",
        "ended_on",
        "last_verified",
        "verified_by",
    )
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("provider"),
                FieldPanel("name"),
                FieldPanel("register_id"),
                FieldPanel("service_type"),
                FieldPanel("forms"),
            ],
            heading=_("Service"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("target_groups"),
                FieldPanel("register_target_groups"),
                FieldPanel("age_groups"),
                FieldPanel("age_note"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("capacity_unit")]),
                FieldPanel("nonstop"),
                FieldPanel("municipalities"),
            ],
            heading=_("For whom and where"),
        ),
        FieldPanel("description"),
        FieldPanel("how_to_apply"),
        FieldPanel("fees"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("web")], heading=_("Contact")
        ),
        InlinePanel("contacts", heading=_("Contact persons"), label=_("Contact person")),
        InlinePanel("places", heading=_("Places"), label=_("Place")),
        MultiFieldPanel(
            [FieldPanel("sign_language_page"), FieldPanel("sign_language_url")],
            heading=_("Sign language"),
        ),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
                FieldRowPanel([FieldPanel("is_ended"), FieldPanel("ended_on")]),
                FieldRowPanel([FieldPanel("last_verified"), FieldPanel("verified_by")]),
            ],
            heading=_("Validity and verification"),
        ),
    ]

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        handler.base_form_class = ServiceAdminForm
        return handler

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .for_user(request.user)
            .select_related("provider", "service_type", "verified_by")
        )


class ProviderAdmin(ModelAdmin):
    model = Provider
    menu_label = _("Providers")
    menu_icon = "group"
    permission_helper_class = ProviderPermissionHelper
    inspect_view_enabled = True
    list_display = ("name", "ico", "city", "email", "phone")
    search_fields = ("name", "ico", "city")
    list_export = (
        "name",
        "ico",
        "legal_form",
        "street",
        "city",
        "postcode",
        "web",
        "email",
        "phone",
    )
    export_filename = "poskytovatele"
    index_view_class = ExportingIndexView
    panels = [
        FieldPanel("name"),
        FieldPanel("ico"),
        FieldPanel("legal_form"),
        MultiFieldPanel(
            [FieldPanel("street"), FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")])],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [FieldPanel("web"), FieldPanel("email"), FieldPanel("phone")], heading=_("Contact")
        ),
        FieldPanel("logo"),
        # Who edits a provider is decided by catalogue staff; a provider editor would see
        # every user of the site in this list (and could add anyone).
        FieldPanel("editors", permission="catalog.manage_all_services"),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if sees_all_services(request.user):
            return queryset
        return queryset.filter(editors=request.user)


class CatalogGroup(ModelAdminGroup):
    menu_label = _("Catalogue of services")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (ServiceAdmin, ProviderAdmin)

    def get_submenu_items(self):
        extra = [
            (MenuItem, _("Verification"), "verification", "tick"),
            (StaffMenuItem, _("Import from register"), "import", "download"),
            (MenuItem, _("PDF catalogue"), "pdf", "doc-full"),
        ]
        return super().get_submenu_items() + [
            item_class(label, reverse(f"catalog_admin:{name}"), icon_name=icon, order=900 + i)
            for i, (item_class, label, name, icon) in enumerate(extra)
        ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return sees_all_services(request.user)


modeladmin_register(VocabularyGroup)
modeladmin_register(CatalogGroup)


@hooks.register("register_admin_urls")
def register_catalog_admin_urls():
    return [
        path(
            "katalog/",
            (
                [
                    path("overeni/", admin_views.verification, name="verification"),
                    path("overeni/<int:pk>/", admin_views.mark_verified, name="mark_verified"),
                    path("pdf/", admin_views.catalogue_pdf, name="pdf"),
                    path("import/", admin_views.register_import, name="import"),
                ],
                "catalog_admin",
                "catalog_admin",
            ),
        )
    ]


@hooks.register("kpss_home_sections")
def catalog_home_section(page, request):
    from .models.pages import CatalogPage

    catalog = first_site_page(CatalogPage, request, page)
    if catalog is None:
        return None
    return {"order": 20, "template": "catalog/home_section.html", "catalog": catalog}


@hooks.register("register_log_actions")
def register_catalog_log_actions(actions):
    # Providers' and services' history in its own table, which a provider editor sees only
    # for their own providers (catalog/models/history.py).
    actions.register_model(Provider, CatalogLogEntry)
    actions.register_model(Service, CatalogLogEntry)
    actions.register_action("catalog.verified", _("Verify"), _("Marked as verified"))
    actions.register_action("catalog.import", _("Register import"), _("Updated by register import"))
