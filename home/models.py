"""Home page, general content pages and the site-wide settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks, hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import RICH_TEXT_FEATURES, ContentStreamBlock

HOME_SECTIONS_HOOK = "kpss_home_sections"


class HomePage(Page):
    """The root of a KPSS site. Other apps add sections through the
    ``kpss_home_sections`` hook (see ``home/sections.py``)."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    body = StreamField(ContentStreamBlock(), verbose_name=_("content"), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = collect_home_sections(self, request)
        return context


def collect_home_sections(page, request):
    """Each hook returns ``None`` or a dict with ``order``, ``template`` and its context."""
    sections = []
    for fn in hooks.get_hooks(HOME_SECTIONS_HOOK):
        section = fn(page, request)
        if section:
            sections.append(section)
    return sorted(sections, key=lambda s: s.get("order", 100))


class ContentPage(Page):
    """A general page: about the project, how to take part, contacts, accessibility…"""

    lead = models.TextField(_("lead"), blank=True, help_text=_("A short summary under the title."))
    body = StreamField(ContentStreamBlock(), verbose_name=_("content"), blank=True)
    show_subpages = models.BooleanField(
        _("list subpages"), default=False, help_text=_("Show links to the pages below this one.")
    )

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("show_subpages"),
    ]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage", "catalog.CatalogPage"]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


class SocialLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=60, help_text=_("E.g. Facebook"))
    url = blocks.URLBlock(label=_("Address (URL)"))


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    municipality_name = models.CharField(
        _("municipality"),
        max_length=200,
        default="",
        blank=True,
        help_text=_("The town that runs the planning, e.g. Město Lipovec."),
    )
    orp_name = models.CharField(
        _("administrative district (ORP)"),
        max_length=200,
        blank=True,
        help_text=_("E.g. ORP Lipovec"),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    coordinator_name = models.CharField(_("coordinator"), max_length=200, blank=True)
    coordinator_role = models.CharField(
        _("coordinator's role"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Koordinátorka komunitního plánování"),
    )
    coordinator_email = models.EmailField(_("coordinator's e-mail"), blank=True)
    coordinator_phone = models.CharField(_("coordinator's phone"), max_length=40, blank=True)
    office_address = models.TextField(_("office address"), blank=True)
    social_links = StreamField(
        [("link", SocialLinkBlock(label=_("Link")))],
        verbose_name=_("social networks"),
        blank=True,
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("municipality_name"), FieldPanel("orp_name"), FieldPanel("logo")],
            heading=_("Municipality"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("coordinator_name"),
                FieldPanel("coordinator_role"),
                FieldPanel("coordinator_email"),
                FieldPanel("coordinator_phone"),
                FieldPanel("office_address"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("social_links"),
        FieldPanel("accessibility_page"),
    ]

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")
