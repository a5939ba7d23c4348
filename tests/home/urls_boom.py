"""URLconf for the 500 test: the project's URLs plus a view that fails."""

from django.urls import path
from kpss_site.urls import urlpatterns as project_urlpatterns


def boom(request):
    raise RuntimeError("simulated failure")


urlpatterns = [path("boom/", boom), *project_urlpatterns]
