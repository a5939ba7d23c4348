"""The content generation of the full-page cache when the cache is per process."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageCacheGeneration(models.Model):
    """One row whose token changes whenever anything a public page may show changes.

    Used only when the cache is a per-process memory cache: a token kept there could not
    tell the other workers about a change, the database can. With a shared cache (Redis)
    the token lives in the cache itself (``kpss_pages.core.page_cache.generation``)."""

    token = models.CharField(_("token"), max_length=32)

    class Meta:
        verbose_name = _("page cache generation")
        verbose_name_plural = _("page cache generations")

    def __str__(self):
        return self.token
