"""The demo's sign-language section: generated (not recorded) demo video, Czech WebVTT
captions and a transcript, all served by the site."""

from pathlib import Path

from bs4 import BeautifulSoup

from home.demo import sign_language
from kpss_pages.core.validators import is_webvtt

VIDEO_DIR = Path(sign_language.__file__).resolve().parent / "video"


def test_demo_video_is_small_and_generated_by_a_committed_script():
    video = VIDEO_DIR / "sign_language_demo.webm"
    assert video.read_bytes()[:4] == b"\x1aE\xdf\xa3"  # WebM (Matroska) header
    assert video.stat().st_size < 300 * 1024
    script = (VIDEO_DIR / "generate_sign_language_video.sh").read_text()
    assert "DEMO ONLY" in script and "sign_language_demo.webm" in script
    assert is_webvtt((VIDEO_DIR / "sign_language_captions.vtt").read_bytes()[:16])


def test_demo_sign_language_page_shows_the_video_with_captions(demo, client):
    response = client.get("/znakova-rec/")
    assert response.status_code == 200
    main = BeautifulSoup(response.content, "html.parser").find("main")
    video = main.find("video")
    assert video.source["type"] == "video/webm"
    track = video.find("track", kind="captions")
    assert track["srclang"] == "cs"
    assert "Skutečné video ve znakové řeči natočí tlumočník." in main.find("details").get_text()
    assert client.get(video.source["src"]).status_code == 200
    captions = client.get(track["src"])
    assert captions["Content-Type"].startswith("text/vtt")
