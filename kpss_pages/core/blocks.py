"""StreamField blocks shared by every page type with free content.

Other apps extend ``ContentStreamBlock`` by subclassing it and adding their own blocks,
so a rich text or a call-out looks and behaves the same on every page.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

from .validators import validate_video_document, validate_webvtt_document

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "kpss/blocks/figure.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Defaults to the document title.")
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "kpss/blocks/document_link.html"


class VideoBlock(blocks.StructBlock):
    """A video played by the browser's own player from this site's documents, with captions
    (WebVTT) and a transcript; no third-party player is embedded, so the page loads nothing
    from other servers (privacy, act 99/2019). A video elsewhere (YouTube) is only a link
    the visitor may follow."""

    video_file = DocumentChooserBlock(
        label=_("Video file (MP4/WebM)"),
        required=False,
        help_text=_("Played on this site with the browser's own player."),
    )
    url = blocks.URLBlock(
        label=_("Video address (URL)"),
        required=False,
        help_text=_("E.g. a video on YouTube; shown as a link."),
    )
    title = blocks.CharBlock(label=_("Video title"), max_length=200)
    captions = DocumentChooserBlock(
        label=_("Captions (WebVTT)"),
        required=False,
        help_text=_("A .vtt file with the captions of the video file."),
    )
    captions_language = blocks.CharBlock(
        label=_("Language of the captions"),
        max_length=10,
        default="cs",
        help_text=_("A language code, e.g. cs or en."),
    )
    sign_language = blocks.BooleanBlock(
        label=_("In Czech sign language"),
        required=False,
        help_text=_("The video is interpreted in Czech sign language."),
    )
    poster = ImageChooserBlock(
        label=_("Poster image"),
        required=False,
        help_text=_("Shown before the video is played."),
    )
    transcript = blocks.RichTextBlock(
        label=_("Transcript or description"),
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text=_("A text alternative for people who cannot watch or hear the video."),
    )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        for name, validate in (
            ("video_file", validate_video_document),
            ("captions", validate_webvtt_document),
        ):
            if value.get(name):
                try:
                    validate(value[name])
                except ValidationError as error:
                    errors[name] = error
        if value.get("captions") and not value.get("video_file"):
            errors.setdefault(
                "captions", ValidationError(_("Captions need a video file on this site."))
            )
        if not value.get("video_file") and not value.get("url"):
            errors["video_file"] = ValidationError(
                _("Choose a video file or enter the address of a video.")
            )
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "media"
        label = _("Video")
        template = "kpss/blocks/video.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("info", _("Information")), ("important", _("Important")), ("tip", _("Tip"))],
        default="info",
    )
    title = blocks.CharBlock(
        label=pgettext_lazy("heading", "Title"), required=False, max_length=200
    )
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Call-out")
        template = "kpss/blocks/callout.html"


# A table of at most this many columns fits a 375 px phone when its cells wrap, so it needs
# no horizontal scrolling; a wider one scrolls in a focusable region (see kpss.css).
FIT_COLUMNS = 4


def table_is_wide(data):
    """Whether a table (rows of cells) has more columns than fit a phone by wrapping."""
    return max((len(row) for row in data or ()), default=0) > FIT_COLUMNS


class CaptionedTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        label=_("Table caption"), max_length=250, help_text=_("Says what the table shows.")
    )
    table = TableBlock(label=_("Table"))
    source = blocks.CharBlock(label=_("Source"), required=False, max_length=250)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # The caption goes into the table itself (<caption>), where assistive technology
        # announces it as the table's name.
        table = dict(value.get("table") or {})
        if table.get("data"):
            table["table_caption"] = value.get("caption")
            context["table_html"] = self.child_blocks["table"].render(table, context)
            context["table_wide"] = table_is_wide(table["data"])
        return context

    class Meta:
        icon = "table"
        label = _("Table")
        template = "kpss/blocks/table.html"


class ContentStreamBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="kpss/blocks/rich_text.html"
    )
    image = FigureBlock()
    document = DocumentLinkBlock()
    video = VideoBlock()
    table = CaptionedTableBlock()
    callout = CalloutBlock()

    class Meta:
        label = _("Content")
