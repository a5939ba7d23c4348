"""StreamField blocks shared by every page type with free content.

Other apps extend ``ContentStreamBlock`` by subclassing it and adding their own blocks,
so a rich text or a call-out looks and behaves the same on every page.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

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
    """A video shown as a self-hosted player or a link: no third-party player is embedded,
    so the page loads nothing from other servers (privacy, act 99/2019)."""

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
    transcript = blocks.RichTextBlock(
        label=_("Transcript or description"),
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text=_("A text alternative for people who cannot watch or hear the video."),
    )

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
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Call-out")
        template = "kpss/blocks/callout.html"


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
