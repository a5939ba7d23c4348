"""Admin registration of the catalogue (wagtail-modeladmin: one place for the whole app)."""

from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .models import (
    AgeGroup,
    CapacityUnit,
    Municipality,
    RegisterTargetGroup,
    ServiceForm,
    ServiceType,
    TargetGroup,
)


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


modeladmin_register(VocabularyGroup)
