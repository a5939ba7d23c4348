"""Which pages an article or a subscriber may point to (apps are optional)."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page

# Page types an article may link to, by (app_label, model). The apps are optional: a type
# whose app is not installed simply offers nothing to choose.
LINKABLE_PAGE_TYPES = [("kpss_groups", "workinggrouppage"), ("kpss_plan", "planchapterpage")]
WORKING_GROUP_TYPE = ("kpss_groups", "workinggrouppage")


def content_types_for(pairs):
    """ContentTypes of the given (app_label, model) pairs that exist (lazily, no import)."""
    query = Q(pk__in=[])
    for app_label, model in pairs:
        query |= Q(app_label=app_label, model=model)
    return ContentType.objects.filter(query)


def linkable_page_models():
    """Models of LINKABLE_PAGE_TYPES that exist in this installation (no database query)."""
    models_found = []
    for app_label, model_name in LINKABLE_PAGE_TYPES:
        try:
            models_found.append(apps.get_model(app_label, model_name))
        except LookupError:
            continue
    return models_found


def working_group_choices():
    """limit_choices_to for subscribers' working groups (evaluated when a form is built)."""
    return Q(content_type__in=content_types_for([WORKING_GROUP_TYPE]))


def working_group_pages():
    return (
        Page.objects.live()
        .public()
        .filter(content_type__in=content_types_for([WORKING_GROUP_TYPE]))
        .order_by("title")
    )
