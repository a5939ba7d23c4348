"""The shared video block: a self-hosted player with WebVTT captions, a transcript and an
optional poster; captions that are not WebVTT are refused with a Czech message, in the
block and at the document upload."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from wagtail.blocks import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form

from home.models import ContentPage
from kpss_pages.core.blocks import VideoBlock
from kpss_pages.core.validators import is_webvtt, validate_webvtt_file
from tests.factories import add_page

VTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nDobr\xc3\xbd den.\n"


def make_document(title, name, content):
    return get_document_model().objects.create(title=title, file=ContentFile(content, name=name))


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"WEBVTT\n", True),
        (b"WEBVTT", True),
        (b"WEBVTT - Titulky\r\n", True),
        (b"\xef\xbb\xbfWEBVTT\n", True),
        (b"1\n00:00:00,000 --> 00:00:02,000\n", False),  # SubRip (.srt)
        (b"WEBVTTX\n", False),
        (b"", False),
    ],
)
def test_webvtt_signature(head, expected):
    assert is_webvtt(head) is expected


def test_block_refuses_captions_that_are_not_webvtt_in_czech(db):
    video = make_document("Video", "video.webm", b"\x1aE\xdf\xa3")
    srt = make_document("Titulky", "titulky.vtt", b"1\n00:00:00,000 --> 00:00:02,000\nAhoj\n")
    block = VideoBlock()
    value = block.to_python({"video_file": video.pk, "title": "Video", "captions": srt.pk})
    with translation.override("cs"), pytest.raises(StructBlockValidationError) as raised:
        block.clean(value)
    message = raised.value.block_errors["captions"].messages[0]
    assert message == "Toto není soubor titulků WebVTT: musí začínat slovem „WEBVTT“."


def test_block_refuses_a_video_the_browser_cannot_play_and_an_empty_video(db):
    avi = make_document("Video", "video.avi", b"RIFF")
    block = VideoBlock()
    with translation.override("cs"), pytest.raises(StructBlockValidationError) as raised:
        block.clean(block.to_python({"video_file": avi.pk, "title": "Video"}))
    assert "MP4" in raised.value.block_errors["video_file"].messages[0]
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(block.to_python({"title": "Video"}))
    assert "video_file" in raised.value.block_errors


def test_block_accepts_webm_with_webvtt_captions(db):
    video = make_document("Video", "video.webm", b"\x1aE\xdf\xa3")
    captions = make_document("Titulky", "titulky.vtt", VTT)
    block = VideoBlock()
    value = block.clean(
        block.to_python({"video_file": video.pk, "title": "Video", "captions": captions.pk})
    )
    assert value["captions"] == captions


def test_player_has_czech_captions_track_and_transcript(client, home):
    video = make_document("Služby ve znakové řeči", "sluzby.webm", b"\x1aE\xdf\xa3")
    captions = make_document("Titulky", "sluzby.vtt", VTT)
    page = add_page(
        home,
        ContentPage,
        title="Znaková řeč",
        slug="znakova-rec",
        body=[
            {
                "type": "video",
                "value": {
                    "video_file": video.pk,
                    "title": "Sociální služby ve znakové řeči",
                    "captions": captions.pk,
                    "captions_language": "cs",
                    "sign_language": True,
                    "transcript": "<p>Dobrý den.</p>",
                },
            }
        ],
    )
    response = client.get(page.url)
    main = BeautifulSoup(response.content, "html.parser").find("main")
    player = main.find("video")
    assert player.has_attr("controls")
    assert player.source["src"] == video.url and player.source["type"] == "video/webm"
    track = player.find("track")
    assert track["kind"] == "captions" and track["srclang"] == "cs"
    assert track["src"] == captions.url and track.has_attr("default")
    assert track["label"] == "Čeština"
    assert main.find(class_="video__badge").get_text() == "Ve znakovém jazyce"
    assert main.find("details").get_text(" ", strip=True) == "Přepis Dobrý den."
    # The player and the captions come from this site: the policy allows them.
    policy = response["Content-Security-Policy"]
    assert "media-src 'self'" in policy

    # The files themselves are served by the site, the captions as text/vtt.
    served = client.get(captions.url)
    assert served.status_code == 200 and served["Content-Type"].startswith("text/vtt")
    assert b"".join(served.streaming_content if served.streaming else [served.content]) == VTT


def test_upload_form_refuses_captions_that_are_not_webvtt(db, admin_user):
    DocumentForm = get_document_form(get_document_model())  # noqa: N806 (the site's base)
    with translation.override("cs"):
        form = DocumentForm(
            data={"title": "Titulky"},
            files={"file": SimpleUploadedFile("titulky.vtt", b"1\n00:00:00,000 --> x\n")},
            user=admin_user,
        )
        form.fields.pop("collection", None)
        assert not form.is_valid()
        message = "Toto není soubor titulků WebVTT: musí začínat slovem „WEBVTT“."
        assert message in form.errors["file"]
    good = DocumentForm(
        data={"title": "Titulky"},
        files={"file": SimpleUploadedFile("titulky.vtt", VTT)},
        user=admin_user,
    )
    good.fields.pop("collection", None)
    assert good.is_valid(), good.errors


def test_validate_webvtt_file_needs_the_vtt_extension():
    with pytest.raises(ValidationError):
        validate_webvtt_file(SimpleUploadedFile("titulky.srt", VTT))
