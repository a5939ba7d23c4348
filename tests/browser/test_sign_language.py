"""The demo's section "Znaková řeč" in a real browser: the site's own video plays with
Czech captions, the transcript opens by keyboard, no JavaScript and no third-party request
are needed, axe finds nothing and the Content-Security-Policy lets the media load."""

import pytest

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

PATH = "/znakova-rec/"


def test_sign_language_video_with_czech_captions_and_transcript(page, demo_server):
    requests, refused = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    response = page.goto(PATH)
    assert response.status == 200
    policy = response.headers["content-security-policy"]
    assert "media-src 'self'" in policy

    video = page.locator("main video")
    assert video.count() == 1 and video.get_attribute("controls") is not None
    track = video.locator("track")
    assert track.get_attribute("kind") == "captions"
    assert track.get_attribute("srclang") == "cs"
    assert track.get_attribute("label") == "Čeština"
    assert page.locator("main .video__badge").inner_text() == "Ve znakovém jazyce"

    # The browser reads the video's length and the Czech cues: both came from the site.
    page.wait_for_function("document.querySelector('main video').readyState >= 1")
    assert page.evaluate("document.querySelector('main video').duration") == pytest.approx(12)
    page.wait_for_function(
        "(() => { const t = document.querySelector('main video').textTracks[0];"
        " return t && t.cues && t.cues.length === 4; })()"
    )
    first_cue = page.evaluate("document.querySelector('main video').textTracks[0].cues[0].text")
    assert first_cue == "Dobrý den. Toto je ukázkové video – demo."
    assert all(url.startswith(demo_server) for url in requests), requests
    assert not refused, refused

    # The transcript: a <details> reached and opened with the keyboard.
    summary = page.locator("main details.video__transcript summary")
    summary.focus()
    page.keyboard.press("Enter")
    transcript = page.locator("main details.video__transcript")
    assert transcript.get_attribute("open") is not None
    assert "Skutečné video ve znakové řeči natočí tlumočník." in transcript.inner_text()
    assert_no_axe_violations(page)


def test_sign_language_section_works_without_javascript(browser, demo_server):
    context = browser.new_context(base_url=demo_server, locale="cs-CZ", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(PATH)
        assert page.locator("main video[controls] track[kind=captions][srclang=cs]").count() == 1
        page.locator("main details summary").click()
        assert page.locator("main details").get_attribute("open") is not None
    finally:
        context.close()


@pytest.mark.parametrize("kind", ["snadne-cteni", "znakova-rec"])
def test_accessible_format_lists_are_reached_from_the_search_page(page, kind):
    page.goto("/hledat/")
    page.locator(f'.search-formats a[href="?typ={kind}"]').click()
    assert page.locator(".search-results li").count() >= 1
    assert page.locator(".search-formats [aria-current=page]").count() == 1
    assert_no_axe_violations(page)
