"""The plugin set's URLs outside Wagtail's page tree: newsletter subscription, the
catalogue's open data and the iCalendar feeds of meetings. A host site includes them before
Wagtail's catch-all pattern: ``path("", include("kpss_pages.urls"))``."""

from django.urls import include, path, re_path

from kpss_pages.groups import views as groups_views

urlpatterns = [
    path("odber/", include("kpss_pages.news.urls")),
    path("otevrena-data/katalog/", include("catalog.urls")),
    # Meetings, groups and harmonograms: append kalendar.ics to the page's URL.
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)*)kalendar\.ics$",
        groups_views.calendar_feed,
        name="kpss_groups_calendar",
    ),
]
