from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from kpss_pages.groups import views as groups_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenty/", include(wagtaildocs_urls)),
    path("hledat/", home_views.search, name="search"),
    path("odber/", include("kpss_pages.news.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("otevrena-data/katalog/", include("catalog.urls")),
    # Working groups: iCalendar feeds of meetings, groups and harmonograms (…/kalendar.ics).
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)*)kalendar\.ics$",
        groups_views.calendar_feed,
        name="kpss_groups_calendar",
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving comes last: it matches every remaining path.
urlpatterns += [path("", include(wagtail_urls))]
