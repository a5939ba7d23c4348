"""A transactional test empties the database; the harness puts the migrated data back."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from catalog.models import ServiceType, TargetGroup
from tests.db_snapshot import restore_migrated_data


@pytest.mark.django_db(transaction=True)
def test_restore_after_a_flush_brings_back_migrated_data():
    assert Page.objects.filter(depth=1).exists()
    call_command("flush", interactive=False, verbosity=0)  # what the test teardown does
    assert not Page.objects.exists() and not ServiceType.objects.exists()

    restore_migrated_data()

    root = Page.objects.get(depth=1)
    assert [type(p.specific) for p in root.get_children()] == [Page]  # content types fit
    assert Site.objects.filter(is_default_site=True).exists()
    assert ServiceType.objects.count() >= 34
    assert TargetGroup.objects.filter(slug="seniori").exists()
    # Sequences were reset: a new row does not collide with the reloaded ones.
    TargetGroup.objects.create(name="Nová skupina", slug="nova-skupina")
