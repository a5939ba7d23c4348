"""The README stays true: the two set-up commands and a row for every setting read."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text()


def test_readme_starts_with_the_two_set_up_commands():
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    assert blocks[:2] == ["bin/serve-demo\n", "bin/test\n"]
    for script in ("serve-demo", "test"):
        assert (REPO / "bin" / script).stat().st_mode & 0o111, f"bin/{script} not executable"


def test_every_environment_variable_the_settings_read_is_in_the_readme_table():
    names = set()
    for path in (REPO / "site" / "settings").glob("*.py"):
        names |= set(
            re.findall(r"env_(?:str|bool|int|list)\(\s*\"([A-Z0-9_]+)\"", path.read_text())
        )
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "EMAIL_HOST"} <= names
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", README, re.M))
    assert not names - documented, f"missing from the README table: {sorted(names - documented)}"
    assert not documented - names, f"README documents unknown variables: {documented - names}"


def test_one_version_number_everywhere():
    """The plugin set and the reference site share one semantic version, the newest release
    in CHANGELOG.md, and the README's install line names that wheel."""
    versions = {
        path: re.search(r'^version = "([^"]+)"$', (REPO / path).read_text(), re.M).group(1)
        for path in ("pyproject.toml", "site/pyproject.toml")
    }
    version = versions["pyproject.toml"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert set(versions.values()) == {version}, versions
    changelog = (REPO / "CHANGELOG.md").read_text()
    headings = re.findall(r"^## \[([^\]]+)\]", changelog, re.M)
    # Changes not yet released wait under "Unreleased", above the newest release.
    released = headings[1:] if headings[0] == "Unreleased" else headings
    assert "Unreleased" not in released, headings
    assert released[0] == version, headings
    assert f"kpss_wagtail-{version}-py3-none-any.whl" in README


def _readme_block(name):
    match = re.search(rf"<!-- bin/integration: {name} -->\n```python\n(.*?)```", README, re.S)
    assert match, f"README block {name!r} not found"
    return match.group(1)


def test_the_readme_url_line_fits_into_a_new_projects_urlpatterns():
    """bin/integration inserts this line as the first entry of `wagtail start`'s urlpatterns;
    a reformatted line (once a tuple without a comma) broke every host in CI."""
    line = _readme_block("urls").rstrip("\n")
    source = f'urlpatterns = [\n{line}\n    path("admin/", include(admin_urls)),\n]\n'
    compile(source, "urls.py", "exec")
    assert line.startswith("    path(")


def test_the_readme_settings_block_is_python():
    compile(_readme_block("settings"), "settings.py", "exec")


def test_every_setting_the_plugin_set_reads_is_in_the_readme():
    """A host learns the plugin's settings from the README's list (issue 12 item 6): every
    KPSS_/CATALOG_/NEWS_ setting read anywhere in catalog or kpss_pages is named there."""
    pattern = re.compile(
        r"(?:settings\.|get\(\s*|_setting\(\s*|\")((?:KPSS|CATALOG|NEWS)_[A-Z0-9_]+)"
    )
    read = set()
    for package in ("catalog", "kpss_pages"):
        for path in (REPO / package).rglob("*.py"):
            if "migrations" not in path.parts:
                read |= set(pattern.findall(path.read_text()))
    assert {"KPSS_SECTION_PARENT_PAGE_TYPES", "CATALOG_REGION", "KPSS_EMAIL_MAX_ATTEMPTS"} <= read
    section = README.split("**Settings of the plugin set**", 1)[1].split("\n**", 1)[0]
    documented = set(re.findall(r"`((?:KPSS|CATALOG|NEWS)_[A-Z0-9_]+)`", section))
    assert not read - documented, f"not in the README's settings list: {sorted(read - documented)}"
