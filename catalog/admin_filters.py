"""List filters of the admin service list (tag, stale entries)."""

from django.contrib.admin import SimpleListFilter
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag


class TagFilter(SimpleListFilter):
    title = _("tag")
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        return [
            (tag.slug, tag.name)
            for tag in Tag.objects.filter(catalog_taggedservice_items__isnull=False)
            .distinct()
            .order_by("name")
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__slug=self.value()).distinct()
        return queryset


class StaleFilter(SimpleListFilter):
    title = _("verification")
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [("1", _("Not verified for too long")), ("0", _("Verified recently"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.stale()
        if self.value() == "0":
            return queryset.exclude(pk__in=queryset.stale().values("pk"))
        return queryset
