"""The whole plan as a tagged A4 PDF, cached until the plan, a chapter or a measure changes."""

from django.db.models import Count, Max
from django.utils import timezone

from kpss_pages.core.pdf import cached_pdf, pdf_view_response

from .models import Measure, PlanChapterPage


def plan_cache_key(plan):
    chapters = PlanChapterPage.objects.descendant_of(plan).live()
    chapter_stamp = chapters.aggregate(
        published=Max("last_published_at"), revision=Max("latest_revision_id"), n=Count("pk")
    )
    measures = Measure.objects.filter(priority__plan=plan).aggregate(
        m=Max("updated_at"), n=Count("pk"), i=Max("indicators__pk")
    )
    priorities = plan.priorities.aggregate(m=Max("updated_at"), n=Count("pk"))
    return [
        "plan",
        plan.pk,
        plan.last_published_at,
        plan.latest_revision_id,
        chapter_stamp["published"],
        chapter_stamp["revision"],
        chapter_stamp["n"],
        measures["m"],
        measures["n"],
        measures["i"],
        priorities["m"],
        priorities["n"],
    ]


def plan_pdf_context(plan):
    return {
        "plan": plan,
        "page": plan,
        "chapters": plan.numbered(plan.chapters()),  # with their content
        "priorities": list(
            plan.priorities.with_measures(Measure.objects.listed().with_indicators())
        ),
        "generated": timezone.localdate(),
        "kpss_pdf": True,  # blocks with a PDF rendition use it (the chart's alternative text)
    }


def plan_pdf_response(request, plan):
    return pdf_view_response(
        request,
        lambda: cached_pdf(
            plan_cache_key(plan),
            "kpss_plan/pdf/plan.html",
            lambda: plan_pdf_context(plan),
            request=request,
        ),
        f"komunitni-plan-{plan.start_year}-{plan.end_year}.pdf",
    )
