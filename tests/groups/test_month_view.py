"""The harmonogram's month view: ?mesic=YYYY-MM as a grid, bad months refused in Czech."""

import re

import pytest

from kpss_pages.groups.harmonogram import parse_month, shift_month

from .conftest import make_group, make_meeting, prague

pytestmark = pytest.mark.django_db


@pytest.fixture
def december(index, harmonogram):
    seniors = make_group(index)
    families = make_group(
        index, title="PS Rodiny s dětmi", slug="rodiny", schedule_label="CÍLOVÁ SKUPINA rodiny"
    )
    make_meeting(seniors, start=prague(2031, 12, 2, 9, 0), slug="prosinec-seniori")
    make_meeting(families, start=prague(2031, 12, 2, 14, 0), slug="prosinec-rodiny")
    make_meeting(seniors, start=prague(2031, 12, 31, 23, 30), slug="silvestr")
    make_meeting(seniors, start=prague(2032, 1, 1, 0, 30), slug="novy-rok")
    make_meeting(seniors, start=prague(2031, 11, 30, 10, 0), slug="listopad")
    return {"seniors": seniors, "families": families}


def cells(html):
    """Day number → text of its cell."""
    found = {}
    for match in re.finditer(r'<td class="day(?: day--empty)?">(.*?)</td>', html, re.S):
        number = re.search(r'class="day__number"[^>]*>(\d+)<', match.group(1))
        found[int(number.group(1))] = match.group(1)
    return found


def test_month_grid_places_meetings_on_their_local_day(client, harmonogram, december):
    response = client.get(harmonogram.url, {"mesic": "2031-12"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 id="month-title">Prosinec 2031</h2>' in html
    assert "<title>Harmonogram setkání – Prosinec 2031" in html
    days = cells(html)
    assert sorted(days) == list(range(1, 32))
    assert "prosinec-seniori/" in days[2] and "prosinec-rodiny/" in days[2]
    assert days[2].index("9:00–11:00") < days[2].index("14:00–16:00")
    assert "CÍLOVÁ SKUPINA rodiny" in days[2]
    # 23:30 Prague time on 31 December is 22:30 UTC: still the 31st, not moved by UTC.
    assert "silvestr/" in days[31]
    assert "novy-rok/" not in html and "listopad/" not in html
    # 1 December 2031 is a Monday: the grid starts without empty leading cells.
    assert html.index('<td class="day') < html.index("day--outside")
    assert 'abbr title="pondělí">po<' in html
    assert "pondělí 1. 12." in html


def test_month_navigation_keeps_group_filter(client, harmonogram, december):
    families = december["families"]
    html = client.get(
        harmonogram.url, {"mesic": "2031-12", "skupina": families.pk}
    ).content.decode()
    assert "prosinec-rodiny/" in html and "prosinec-seniori/" not in html
    assert f'?skupina={families.pk}&amp;mesic=2031-11" rel="prev"' in html
    assert f'?skupina={families.pk}&amp;mesic=2032-01" rel="next"' in html
    assert f'href="{harmonogram.url}?skupina={families.pk}">Seznam podle fází' in html
    following = client.get(harmonogram.url, {"mesic": "2032-01"}).content.decode()
    assert "novy-rok/" in following


def test_list_view_links_to_month_of_next_meeting(client, harmonogram, december):
    html = client.get(harmonogram.url).content.decode()
    assert f'href="{harmonogram.url}?mesic=2031-11">Měsíční kalendář' in html
    assert f'<a href="{harmonogram.url}" aria-current="page">Seznam podle fází' in html


def test_empty_month_says_so(client, harmonogram, december):
    html = client.get(harmonogram.url, {"mesic": "2030-05"}).content.decode()
    assert "V tomto měsíci se nekoná žádné setkání." in html


@pytest.mark.parametrize(
    "bad",
    [
        "2031-13",
        "2031-00",
        "1999-12",
        "2100-01",
        "2031-1",
        "abcd-ef",
        "２０３１-１２",
        "2031-12\x00",
        "9" * 5000,
    ],
)
def test_bad_month_falls_back_with_czech_message(client, harmonogram, december, bad):
    response = client.get(harmonogram.url, {"mesic": bad})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Měsíc nebyl rozpoznán" in html
    assert "Listopad 2031" in html  # the month of the next meeting


def test_empty_month_parameter_shows_next_meetings_month(client, harmonogram, december):
    html = client.get(harmonogram.url + "?mesic=").content.decode()
    assert "Listopad 2031" in html and "Měsíc nebyl rozpoznán" not in html


def test_month_helpers_bounds():
    assert parse_month("2031-12") == (2031, 12)
    assert parse_month(" 2031-12 ") == (2031, 12)
    assert parse_month("2031-12-01") is None
    assert shift_month(2031, 12, 1) == (2032, 1)
    assert shift_month(2031, 1, -1) == (2030, 12)
    assert shift_month(2000, 1, -1) is None and shift_month(2099, 12, 1) is None


def test_month_view_is_cached_per_month(client, harmonogram, december, settings):
    from django.core.cache import cache

    settings.KPSS_PAGE_CACHE_SECONDS = 60
    cache.clear()
    first = client.get(harmonogram.url, {"mesic": "2031-12"})
    again = client.get(harmonogram.url, {"mesic": "2031-12"})
    other = client.get(harmonogram.url, {"mesic": "2032-01"})
    assert first["X-KPSS-Cache"] == "miss" and again["X-KPSS-Cache"] == "hit"
    assert other["X-KPSS-Cache"] == "miss" and "novy-rok/" in other.content.decode()
