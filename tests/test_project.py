"""Project-wide guarantees that cover every page type of every app, present and future."""

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import ContentPage, HomePage
from tests.factories import make_site

REPO = Path(__file__).resolve().parent.parent


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


def test_plugin_set_never_imports_the_reference_site():
    """The layering contract in pyproject.toml ([tool.importlinter]): catalog and kpss_pages
    are installed into sites with their own `home` app, so they must not import home or
    kpss_site, not even indirectly."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout, result.stdout


def tracked_plugin_files():
    """The files of catalog and kpss_pages that git tracks."""
    return subprocess.run(
        ["git", "ls-files", "catalog", "kpss_pages"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()


def test_the_wheel_carries_every_file_of_the_plugin_set(tmp_path):
    """Issue 12 item 1: `python -m build` makes a wheel with all of catalog and kpss_pages —
    templates, static files, compiled Czech catalogues, migrations — and nothing of the
    reference site. (bin/integration installs it, but its host speaks English, so a missing
    .mo would pass there.)"""
    tracked = tracked_plugin_files()
    # A clean copy of the working tree: setuptools' build/ folder in the repository keeps
    # files of earlier builds, which would hide a file the project no longer packages.
    source = tmp_path / "source"
    for path in [*tracked, "pyproject.toml", "README.md"]:
        if (REPO / path).is_file():
            (source / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / path, source / path)
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (wheel,) = tmp_path.glob("kpss_wagtail-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [path for path in tracked if path not in names]
    assert not missing, f"not in the wheel: {missing[:10]}"
    for kind in ("/templates/", "/static/", "/migrations/0"):
        assert any(kind in name for name in names), kind
    assert sum(name.endswith("/LC_MESSAGES/django.mo") for name in names) >= 6
    reference = [name for name in names if name.split("/")[0] in {"home", "kpss_site", "site"}]
    assert not reference, reference[:5]


def test_demo_content_lives_in_the_reference_site():
    """Issue 12 item 8: demo content (the demo site's pages and data, the Plone demo export)
    belongs to home/demo/, never to the plugin set's packages."""
    tracked = tracked_plugin_files()
    assert tracked
    demo = [
        path for path in tracked if {"demo", "demos", "sample", "fixtures"} & set(path.split("/"))
    ]
    assert not demo, f"demo content in the plugin set: {demo[:5]}"
    loaders = [path for path in tracked if re.search(r"(^|/)(load_demo|demo)\w*\.py$", path)]
    assert not loaders, loaders


def test_plugin_migrations_also_run_on_wagtail_7_4():
    """`makemigrations` under Wagtail 8 writes `settings.WAGTAIL_PAGE_MODEL` (a setting
    Wagtail 7.4 does not have) and depends on Wagtail 8's newest migrations; the plugin set
    supports both (README: "Supported versions", proven by bin/integration). Use
    ``PAGE_MODEL = getattr(settings, "WAGTAIL_PAGE_MODEL", "wagtailcore.Page")`` and depend
    on migrations that Wagtail 7.4 has."""
    wagtail_74_last = {"wagtailcore": "0097", "wagtailimages": "0027", "wagtaildocs": "0014"}
    problems = []
    for path in sorted(
        [*REPO.glob("catalog/migrations/0*.py"), *REPO.glob("kpss_pages/*/migrations/0*.py")]
    ):
        text = path.read_text()
        if "settings.WAGTAIL_PAGE_MODEL" in text:
            problems.append(f"{path.relative_to(REPO)}: settings.WAGTAIL_PAGE_MODEL")
        for app, number in re.findall(r"\('(wagtail\w+)', '(\d{4})_", text):
            if app in wagtail_74_last and number > wagtail_74_last[app]:
                problems.append(f"{path.relative_to(REPO)}: depends on {app} {number}")
    assert not problems, "\n".join(problems)
