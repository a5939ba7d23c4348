"""What the Plone import remembers: which Wagtail object each Plone item became."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _

from kpss_pages.core.models.background_import import BackgroundImport


class PloneItem(models.Model):
    """One imported Plone item, by its UID. A second import finds the object here, updates it
    when the item's ``modified`` changed, and never creates a duplicate."""

    uid = models.CharField(_("Plone UID"), max_length=100, unique=True)
    portal_type = models.CharField(_("Plone type"), max_length=100)
    old_path = models.CharField(_("address in Plone"), max_length=1000, blank=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("imported as")
    )
    object_id = models.PositiveBigIntegerField(_("object ID"))
    modified = models.DateTimeField(_("modified in Plone"), null=True, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    content_object = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("imported Plone item")
        verbose_name_plural = _("imported Plone items")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.portal_type} {self.old_path or self.uid}"


class PloneImport(BackgroundImport):
    """An import started in the admin (an uploaded JSON file or zip), run by the worker; its
    report is kept and shown on the import page."""

    parent = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("parent page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta(BackgroundImport.Meta):
        verbose_name = _("import from Plone")
        verbose_name_plural = _("imports from Plone")

    # The import runs in one transaction, so its progress cannot be a column others read
    # before the commit: it is kept in the cache when the cache is shared with the worker.
    def progress_key(self):
        return f"kpss:plone-import:{self.pk}:progress"

    def set_progress(self, done, total):
        from kpss_pages.core.page_cache.generation import cache_is_shared

        if cache_is_shared():
            cache.set(self.progress_key(), (done, total), 24 * 3600)

    def progress(self):
        """``(items_done, items_total)`` while running, when known."""
        if self.state != self.State.RUNNING:
            return None
        value = cache.get(self.progress_key())
        return value if isinstance(value, tuple) and len(value) == 2 else None
