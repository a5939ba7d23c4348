"""What the Plone import remembers: which Wagtail object each Plone item became."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


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
