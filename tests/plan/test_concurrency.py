import threading

import pytest
from django.db import connection
from wagtail.models import Page

from kpss_pages.plan.models import Measure, MeasureStatus, PlanPage
from kpss_pages.plan.yearly import save_year

from .conftest import add_measures, make_plan


@pytest.fixture
def committed_plan(django_db_setup, django_db_blocker):
    """A plan committed outside any test transaction (threads use their own connections),
    deleted afterwards; no flush, so data other tests rely on stays."""
    with django_db_blocker.unblock():
        plan = make_plan(Page.get_first_root_node(), slug="soubeh-test")
        add_measures(plan, priorities=2, per_priority=3)
        yield plan
        PlanPage.objects.get(pk=plan.pk).delete()


@pytest.mark.postgres
def test_two_staff_saving_the_same_year_at_once_leave_one_record_per_measure(
    committed_plan, django_db_blocker
):
    with django_db_blocker.unblock():
        measures = list(
            Measure.objects.filter(priority__plan=committed_plan).prefetch_related("indicators")
        )
        barrier = threading.Barrier(2)
        errors = []

        def worker(status):
            try:
                rows = [
                    {
                        "measure": m,
                        "status": status,
                        "commentary": status,
                        "values": {m.indicators.all()[0]: 5},
                    }
                    for m in measures
                ]
                barrier.wait()
                save_year(2025, rows)
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=worker, args=(s,)) for s in ("fulfilled", "partly")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        records = MeasureStatus.objects.filter(measure__in=measures)
        assert not errors, errors
        assert records.count() == len(measures)
        assert {r.values.count() for r in records} == {1}
        assert len(set(records.values_list("status", flat=True))) == 1
