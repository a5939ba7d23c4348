"""The plugin set's own Django settings, each with the default that a host site gets when
it sets none (README: "Adding KPSS to an existing Wagtail site"). Read them as
``kpss_settings.NAME``: the value is looked up in ``django.conf.settings`` at each access,
so ``override_settings`` in tests works. The outbox's settings are in ``core/mail/conf.py``,
the public forms' (``CLIENT_IP_HEADER``, ``KPSS_PUBLIC_FORM_RATE_LIMITS``) in
``core/public_forms.py``.
"""

from django.conf import settings

DEFAULTS = {
    # Catalogue: months after which an entry is listed for verification.
    "CATALOG_VERIFY_MONTHS": 12,
    # Catalogue: larger uploaded register files (MB) are imported by the worker.
    "CATALOG_IMPORT_SYNC_MAX_MB": 5,
    # Catalogue: region (kraj) written into HSDS addresses; empty = the place's town.
    "CATALOG_REGION": "",
    # Catalogue: the worker renders the printed catalogue into the cache after each change
    # (only useful when the worker and the web processes share the cache, e.g. Redis).
    "CATALOG_PDF_PRERENDER": False,
    # Catalogue: seconds the worker waits after a change before rendering.
    "CATALOG_PDF_PRERENDER_DELAY": 60,
    # Working groups: days after a meeting before registrants' personal data is deleted.
    "KPSS_REGISTRATION_RETENTION_DAYS": 30,
    # Working groups: empty rows at the end of a meeting's attendance sheet (walk-ins).
    "KPSS_ATTENDANCE_EMPTY_ROWS": 10,
    # Newsletter: days a confirmation link is valid; unconfirmed subscriptions older than
    # NEWS_UNCONFIRMED_DAYS are purged.
    "NEWS_CONFIRM_LINK_DAYS": 3,
    "NEWS_UNCONFIRMED_DAYS": 7,
    # Page types under which the plugin's section pages may be created; None = anywhere
    # (kpss_pages.core.placement).
    "KPSS_SECTION_PARENT_PAGE_TYPES": None,
    # Page cache: seconds a page (and a fragment kept under the content generation) is
    # kept for anonymous visitors; 0 turns both off.
    "KPSS_PAGE_CACHE_SECONDS": 600,
    # Page cache: s-maxage for a reverse proxy or CDN in front of the site.
    "KPSS_PAGE_CACHE_SHARED_MAX_AGE": 60,
}


class PluginSettings:
    def __getattr__(self, name):
        try:
            default = DEFAULTS[name]
        except KeyError:
            raise AttributeError(f"{name} is not a setting of the KPSS plugin set") from None
        return getattr(settings, name, default)


kpss_settings = PluginSettings()
