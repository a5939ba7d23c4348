from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "kpss_pages.plan"
    label = "kpss_plan"
    verbose_name = _("Community plan")
    # The migrations were made with BigAutoField: fixed here, not left to the host\'s
    # DEFAULT_AUTO_FIELD (a host with AutoField would see migrations to make).
    default_auto_field = "django.db.models.BigAutoField"
