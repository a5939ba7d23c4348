from django.urls import path

from . import views

app_name = "kpss_news"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("odeslano/", views.subscribe_done, name="subscribe_done"),
    path("potvrdit/<str:token>/", views.confirm, name="confirm"),
    path("nastaveni/<str:token>/", views.preferences, name="preferences"),
    path("odhlasit/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
