"""A transactional test empties the database; the harness must put the migrated data back."""

import pytest
from wagtail.models import Page, Site

from catalog.models import ServiceType, TargetGroup


@pytest.mark.django_db(transaction=True)
def test_transactional_test_sees_migrated_data_then_flushes():
    assert Page.objects.filter(depth=1).exists()


def test_migrated_data_is_back_after_the_flush(db):
    assert Page.objects.filter(depth=1).count() == 1
    assert Site.objects.filter(is_default_site=True).exists()
    assert ServiceType.objects.count() >= 34
    assert TargetGroup.objects.filter(slug="seniori").exists()
    # Sequences were reset: a new row does not collide with the reloaded ones.
    TargetGroup.objects.create(name="Nová skupina", slug="nova-skupina")
