"""The history (Wagtail's audit log) of providers and services, kept apart from other
models' so that a provider editor sees in *Historie webu* only the entries about the
providers they edit and those providers' services — not what happened at other providers,
and not the names of the people who did it there (the site history's user filter lists
only the people of the entries one may see)."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import BaseLogEntry
from wagtail.models.audit_log import BaseLogEntryManager


class CatalogLogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        kwargs.update(object_id=str(instance.pk))
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
        )

    def viewable_by_user(self, user):
        """Catalogue staff (and superusers) see every entry; anyone else only those about
        the providers they are an editor of and their services."""
        from ..permissions import sees_all_services
        from .providers import Provider
        from .services import Service

        if not user.is_authenticated:
            return self.none()
        if sees_all_services(user):
            return self.all()
        provider_ids = list(Provider.objects.filter(editors=user).values_list("pk", flat=True))
        service_ids = Service.objects.filter(provider_id__in=provider_ids).values_list(
            "pk", flat=True
        )
        types = ContentType.objects.get_for_models(Provider, Service)
        return self.filter(
            Q(content_type=types[Provider], object_id__in=[str(pk) for pk in provider_ids])
            | Q(content_type=types[Service], object_id__in=[str(pk) for pk in service_ids])
        )


class CatalogLogEntry(BaseLogEntry):
    """A history entry of a provider or a service (registered in wagtail_hooks)."""

    object_id = models.CharField(max_length=255, blank=False, db_index=True)

    objects = CatalogLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("catalogue history entry")
        verbose_name_plural = _("catalogue history entries")

    def __str__(self):
        return f"CatalogLogEntry {self.pk}: {self.action!r} on {self.object_id}"


# Wagtail's log-entry fields carry no verbose names; the catalogue's admin speaks Czech.
for _name, _verbose in {
    "label": _("label"),
    "action": _("action"),
    "data": _("data"),
    "user": _("user"),
    "revision": _("revision"),
    "content_changed": _("content changed"),
    "deleted": _("deleted"),
    "object_id": _("object id"),
}.items():
    CatalogLogEntry._meta.get_field(_name).verbose_name = _verbose
