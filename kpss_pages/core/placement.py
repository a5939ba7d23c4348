"""Where the plugin set's page types may be created in a host site's page tree.

Page types that start a KPSS section (plan index, working groups, news, catalogue, section
page) may go under any page by default, so they fit whatever page models a host site has.
A town that wants to restrict them lists the allowed parents in the Django setting
``KPSS_SECTION_PARENT_PAGE_TYPES`` (e.g. ``["home.HomePage", "kpss_core.SectionPage"]``);
the plugin's own parents (e.g. a plan under the plan index) stay allowed either way.
"""

from django.conf import settings


def section_parent_page_types(*own_parents):
    """``parent_page_types`` for a page type that starts a KPSS section; ``None`` = anywhere.
    Read once when the model class is created, as Wagtail reads the attribute."""
    host = getattr(settings, "KPSS_SECTION_PARENT_PAGE_TYPES", None)
    if host is None:
        return None
    return [*host, *own_parents]
