import pytest

from kpss_pages.plan.models import (
    ActivityPlanPage,
    Comment,
    PlanChapterPage,
    PlanPage,
    SurveyPage,
)

pytestmark = pytest.mark.django_db


def test_demo_builds_plan_content(client, demo):
    current = PlanPage.objects.get(slug="2025-2028")
    assert current.status == "implementation"
    assert PlanPage.objects.get(slug="2021-2024").status == "archived"
    priorities = list(current.priorities.all())
    assert len(priorities) == 4
    assert all(3 <= p.measures.count() <= 5 for p in priorities)
    assert {p.target_group.slug for p in priorities} == {
        "seniori",
        "rodiny-s-detmi",
        "osoby-se-zdravotnim-postizenim",
        "osoby-ohrozene-socialnim-vyloucenim",
    }
    assert current.report_years() == [2025, 2026]
    swot = PlanChapterPage.objects.get(slug="swot-analyzy")
    assert [b.block_type for b in swot.body] == ["swot"] * 4
    assert Comment.objects.filter(plan=current).exclude(settlement="").count() == 4
    assert SurveyPage.objects.count() == 2
    assert ActivityPlanPage.objects.get().activities.count() >= 12
    for url in [
        current.url,
        current.url + "opatreni/",
        current.url + "zprava/2026/",
        current.url + "vyporadani-pripominek/",
        swot.url,
        PlanChapterPage.objects.get(slug="seniori").url,
        SurveyPage.objects.get(slug="anketa-2023").url,
        ActivityPlanPage.objects.get().url,
    ]:
        assert client.get(url).status_code == 200, url
    html = client.get(current.url + "zprava/2026/").content.decode()
    assert "Zpráva o naplňování komunitního plánu za rok 2026" in html
