"""Demo: the section "Znaková řeč" with a video in Czech sign language, its Czech captions
(WebVTT) and a transcript.

DEMO ONLY: the video (``video/sign_language_demo.webm``, 44 kB) is four captioned slides of
text rendered by ``video/generate_sign_language_video.sh`` with ffmpeg; no person appears in
it and nothing was recorded. A town replaces it with a real interpreter's video."""

from pathlib import Path

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from home.models import ContentPage

from .utils import ensure_page, rich

VIDEO_DIR = Path(__file__).resolve().parent / "video"
VIDEO_TITLE = "Ukázka: sociální služby ve znakové řeči (demo)"
CAPTIONS_TITLE = "Ukázka: titulky k videu o sociálních službách (demo)"
PAGE_SLUG = "znakova-rec"

INTRO = (
    "Informace o sociálních službách v českém znakovém jazyce. Každé video má české titulky "
    "a pod videem je jeho text k přečtení.",
    "Videa se přehrávají přímo z tohoto webu: nic se nenačítá z cizích serverů "
    "a nikdo vás při sledování nesleduje.",
)
TRANSCRIPT = (
    "Dobrý den. Toto je ukázkové video – demo.",
    "Sociální služby najdete v katalogu na tomto webu.",
    "Když potřebujete poradit, napište nebo přijďte na městský úřad.",
    "Skutečné video ve znakové řeči natočí tlumočník.",
)
DEMO_NOTE = (
    "Video na této stránce je ukázka vytvořená počítačem (snímky s textem), ne skutečné "
    "tlumočení. Ukazuje, jak web video s titulky a přepisem zobrazí.",
)


def _document(ctx, title, filename):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document.objects.create(
            title=title, file=ContentFile((VIDEO_DIR / filename).read_bytes(), name=filename)
        )
        ctx.created += 1
    return document


def load(ctx):
    video = _document(ctx, VIDEO_TITLE, "sign_language_demo.webm")
    captions = _document(ctx, CAPTIONS_TITLE, "sign_language_captions.vtt")
    page = ensure_page(
        ctx,
        ctx.home,
        ContentPage,
        PAGE_SLUG,
        title="Znaková řeč",
        show_in_menus=False,
        lead="Informace o sociálních službách ve znakové řeči, s titulky a přepisem.",
        body=[
            ("rich_text", rich(*INTRO)),
            (
                "video",
                {
                    "video_file": video,
                    "url": "",
                    "title": "Sociální služby v ORP – ve znakové řeči (ukázka)",
                    "captions": captions,
                    "captions_language": "cs",
                    "sign_language": True,
                    "poster": None,
                    "transcript": rich(*TRANSCRIPT),
                },
            ),
            ("callout", {"kind": "info", "title": "Ukázka", "text": rich(*DEMO_NOTE)}),
        ],
    )
    ctx.extra["sign_language_page"] = page
