"""Project-wide guarantees that cover every page type of every app, present and future."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Revision, get_page_models
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import ContentPage, HomePage
from tests.factories import UserFactory, make_site

REPO = Path(__file__).resolve().parent.parent


def project_page_models():
    """Every concrete page type except Wagtail's base Page."""
    return [m for m in get_page_models() if m is not Page and not m._meta.abstract]


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


@pytest.fixture
def superuser_client(client, db):
    client.force_login(UserFactory(username="spravce-webu", is_superuser=True, is_staff=True))
    return client


def test_project_defines_its_page_types():
    assert {HomePage, ContentPage} <= set(project_page_models())


def test_demo_has_a_live_page_of_every_type_that_renders_and_opens_in_the_admin(
    demo, client, superuser_client
):
    problems = []
    for model in project_page_models():
        page = model.objects.live().public().order_by("path").first()
        if page is None:
            problems.append(f"{model._meta.label}: no live page in load_demo")
            continue
        response = client.get(page.url)
        if response.status_code != 200:
            problems.append(f"{model._meta.label} {page.url}: public view {response.status_code}")
        edit = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        if edit.status_code != 200:
            problems.append(f"{model._meta.label}: admin edit view {edit.status_code}")
    assert not problems, "\n".join(problems)


def test_every_page_type_has_an_allowed_parent_whose_add_form_loads(demo, superuser_client):
    """The admin's "add subpage" form opens for each page type under a demo parent."""
    problems = []
    for model in project_page_models():
        parents = [
            p
            for parent_model in model.allowed_parent_page_models()
            if parent_model is not Page
            for p in parent_model.objects.live().order_by("path")[:5]
        ]
        creatable = [p for p in parents if model.can_create_at(p)]
        if model is HomePage:
            assert not creatable, "a second home page must not be creatable"
            continue
        if not creatable:
            problems.append(f"{model._meta.label}: no demo parent accepts a new page")
            continue
        parent = creatable[0]
        url = reverse(
            "wagtailadmin_pages:add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        )
        response = superuser_client.get(url)
        if response.status_code != 200:
            problems.append(f"{model._meta.label} under {parent}: {response.status_code}")
    assert not problems, "\n".join(problems)


def _snapshot():
    counts = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    pages = list(
        Page.objects.order_by("pk").values_list(
            "pk", "title", "slug", "live", "latest_revision_id", "has_unpublished_changes"
        )
    )
    return counts, pages, Revision.objects.count()


def test_load_demo_twice_changes_nothing(demo):
    before = _snapshot()
    call_command("load_demo", verbosity=0)
    after = _snapshot()
    changed = {
        label: (before[0][label], after[0][label])
        for label in before[0]
        if before[0][label] != after[0][label]
    }
    assert not changed, f"second load_demo changed row counts: {changed}"
    assert before[1] == after[1], "second load_demo changed pages"
    assert before[2] == after[2], "second load_demo added revisions"


class TestHomePageTypesInTheAdmin(WagtailPageTestCase):
    """Editors create the foundation's page types through the admin's own forms."""

    def setUp(self):
        super().setUp()
        self.login()

    def test_allowed_parents(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanCreateAt(ContentPage, ContentPage)
        self.assertCanNotCreateAt(ContentPage, HomePage)
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})

    def test_create_home_and_content_page(self):
        root = Page.get_first_root_node()
        for child in root.get_children():
            child.delete()  # Wagtail's welcome page; the home page replaces it
        self.assertCanCreate(
            root,
            HomePage,
            nested_form_data(
                {
                    "title": "Komunitní plánování",
                    "slug": "kpss",
                    "intro": rich_text("<p>Vítejte.</p>"),
                    "body": streamfield([]),
                }
            ),
        )
        home = HomePage.objects.get(slug="kpss")
        self.assertCanCreate(
            home,
            ContentPage,
            nested_form_data(
                {
                    "title": "Jak se zapojit",
                    "slug": "jak-se-zapojit",
                    "lead": "Kdo a jak se může zapojit.",
                    "body": streamfield(
                        [
                            ("rich_text", rich_text("<p>Přijďte na setkání.</p>")),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "title": "Tip",
                                    "text": rich_text("<p>Přihlaste se předem.</p>"),
                                },
                            ),
                            (
                                "table",
                                {
                                    "caption": "Termíny",
                                    "table": '{"data": [["Skupina"], ["Senioři"]], '
                                    '"table_header_choice": "row"}',
                                    "source": "",
                                },
                            ),
                        ]
                    ),
                    "show_subpages": "",
                }
            ),
        )
        page = ContentPage.objects.get(slug="jak-se-zapojit")
        assert page.live
        assert [block.block_type for block in page.body] == ["rich_text", "callout", "table"]
        make_site_root(home)
        response = self.client.get(page.url)
        assert response.status_code == 200
        assert "Přihlaste se předem." in response.content.decode()
        assert "<caption>Termíny</caption>" in response.content.decode()


def make_site_root(home):
    from wagtail.models import Site

    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )


def test_makemigrations_check(db):
    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=1)
    except SystemExit as exc:
        pytest.fail(f"models changed without a migration (exit {exc.code})")


def test_ruff_check():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_make_site_helper_builds_a_default_site(db):
    home = make_site()
    assert home.get_site().is_default_site
