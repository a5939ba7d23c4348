import threading

import pytest
from django.db import connection

from kpss_pages.plan.models import Measure, MeasureStatus
from kpss_pages.plan.yearly import save_year

from .conftest import add_measures, make_plan


# serialized_rollback restores what migrations created (root page, target groups) after the
# flush that ends a transactional test, so later tests and the browser demo still find them.
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_staff_saving_the_same_year_at_once_leave_one_record_per_measure(plan_index):
    plan = make_plan(plan_index)
    add_measures(plan, priorities=2, per_priority=3)
    measures = list(Measure.objects.prefetch_related("indicators"))
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
    assert not errors, errors
    assert MeasureStatus.objects.count() == len(measures)
    assert {r.values.count() for r in MeasureStatus.objects.all()} == {1}
    assert len(set(MeasureStatus.objects.values_list("status", flat=True))) == 1
