"""Article content: the shared content blocks plus a quotation."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from kpss_pages.core.blocks import ContentStreamBlock


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(
        label=_("Who said it"),
        required=False,
        max_length=200,
        help_text=_("A role rather than a name, e.g. a member of the seniors' working group."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quotation")
        template = "kpss_news/blocks/quote.html"


class ArticleStreamBlock(ContentStreamBlock):
    quote = QuoteBlock()

    class Meta:
        label = _("Content")
