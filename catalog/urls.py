"""Plain URLs of the catalogue: the open-data files (included from kpss_site.urls)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<str:filename>", views.open_data_file, name="catalog_open_data"),
]
