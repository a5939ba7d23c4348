"""Builders for plan tests: a plan with nested chapters, priorities, measures, monitoring."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from catalog.models import TargetGroup
from kpss_pages.plan.models import (
    Indicator,
    Measure,
    MeasureStatus,
    PlanChapterPage,
    PlanIndexPage,
    PlanPage,
    Priority,
)
from tests.factories import add_page

SWOT = {
    "title": "SWOT analýza – senioři",
    "strengths": ["Fungující pečovatelská služba"],
    "weaknesses": ["Málo míst v domově pro seniory"],
    "opportunities": ["Dotace kraje"],
    "threats": ["Stárnutí obyvatel"],
}


def make_plan(parent, title="Komunitní plán 2025–2028", slug="plan-2025", **fields):
    values = {
        "start_year": 2025,
        "end_year": 2028,
        "status": "implementation",
        "approved_on": datetime.date(2024, 12, 9),
        "resolution_number": "ZM/12/2024",
    }
    values.update(fields)
    return add_page(parent, PlanPage, title=title, slug=slug, **values)


def make_draft_plan(parent, title, slug, per_priority=2):
    """A plan in public consultation (opened 5 days ago, open 10 more days) with one
    chapter "potreby" and one priority."""
    today = timezone.localdate()
    plan = make_plan(
        parent,
        title=title,
        slug=slug,
        start_year=2029,
        end_year=2032,
        status="consultation",
        approved_on=None,
        resolution_number="",
        consultation_start=today - datetime.timedelta(days=5),
        consultation_deadline=today + datetime.timedelta(days=10),
    )
    add_chapter(plan, "Analýza potřeb", "potreby")
    add_measures(plan, priorities=1, per_priority=per_priority)
    return plan


def add_chapter(parent, title, slug, body=(), **fields):
    return add_page(parent, PlanChapterPage, title=title, slug=slug, body=list(body), **fields)


def add_measures(plan, priorities=2, per_priority=3, group_slugs=("seniori", "rodiny-s-detmi")):
    groups = {g.slug: g for g in TargetGroup.objects.filter(slug__in=group_slugs)}
    created = []
    start = plan.priorities.count()
    for p in range(start + 1, start + priorities + 1):
        slug = group_slugs[(p - 1) % len(group_slugs)]
        priority = Priority.objects.create(
            plan=plan, number=p, title=f"Priorita číslo {p}", target_group=groups.get(slug)
        )
        for m in range(1, per_priority + 1):
            measure = Measure.objects.create(
                priority=priority,
                number=f"{p}.{m}",
                title=f"Opatření {p}.{m} – rozšíření služby",
                responsible="Odbor sociálních věcí",
                timeframe="2025–2028",
                estimated_cost=Decimal("150000"),
                funding_sources="rozpočet města, dotace kraje",
            )
            Indicator.objects.create(
                measure=measure, name="Počet podpořených osob", unit="osob", target_value=50
            )
            created.append(measure)
    return created


@pytest.fixture
def plan_index(home):
    return add_page(home, PlanIndexPage, title="Komunitní plán", slug="komunitni-plan")


@pytest.fixture
def plan(plan_index):
    plan = make_plan(plan_index)
    analysis = add_chapter(plan, "Analytická část", "analyticka-cast")
    add_chapter(analysis, "Socio-demografický popis", "popis")
    add_chapter(analysis, "SWOT analýzy", "swot", body=[("swot", SWOT)])
    add_chapter(
        plan,
        "Návrhová část",
        "navrhova-cast",
        body=[("measures", {"heading": "Priority pro seniory", "target_group": "seniori"})],
    )
    return PlanPage.objects.get(pk=plan.pk)


@pytest.fixture
def measures(plan):
    return add_measures(plan)


def set_status(measure, year, status, commentary="", values=()):
    record, _ = MeasureStatus.objects.update_or_create(
        measure=measure, year=year, defaults={"status": status, "commentary": commentary}
    )
    for indicator, value in values:
        record.values.update_or_create(indicator=indicator, defaults={"value": value})
    return record
