from tests.groups.conftest import group, index, meeting  # noqa: F401 - shared builders
