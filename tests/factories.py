"""Builders for test data. Pages are created through the page tree, as editors would."""

import factory
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from home.models import ContentPage, HomePage
from kpss_pages.core.models import KpssSettings


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "heslo-pro-testy")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create and results:
            instance.save()  # store the password set above


def add_page(parent, model, publish=True, **fields):
    """Create ``model`` below ``parent`` and publish a revision, as the admin does."""
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
    if not publish:
        fields.setdefault("live", False)  # a draft, as the admin creates it
    page = model(**fields)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def make_site(**settings_fields):
    root = Page.get_first_root_node()
    home = add_page(root, HomePage, title="Komunitní plánování", slug="kpss-home")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "KPSS"},
    )
    site = Site.objects.get(is_default_site=True)
    values = {
        "municipality_name": "Město Zkušebnice",
        "orp_name": "ORP Zkušebnice",
        "coordinator_name": "Mgr. Testová Koordinátorka",
        "coordinator_email": "kpss@zkusebnice.example",
        "coordinator_phone": "+420 555 000 999",
    }
    values.update(settings_fields)
    KpssSettings.objects.update_or_create(site=site, defaults=values)
    return home


def make_content_page(parent, title="O projektu", **fields):
    return add_page(parent, ContentPage, title=title, **fields)
