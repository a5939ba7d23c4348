"""Site-wide settings the plugin set needs: the municipality, the coordinator's contact,
the accessibility statement, the project's funding line and logos for printed documents.
A host site with nothing filled in still renders every page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock


class SocialLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=60, help_text=_("E.g. Facebook"))
    url = blocks.URLBlock(label=_("Address (URL)"))


@register_setting(icon="site")
class KpssSettings(BaseSiteSetting):
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
    accessibility_compliance = models.CharField(
        _("compliance with Act 99/2019 Sb."),
        max_length=10,
        blank=True,
        choices=[
            ("full", _("fully compliant")),
            ("partial", _("partially compliant")),
            ("none", _("not compliant")),
        ],
        help_text=_(
            "What the site actually is. The accessibility statement page states it in the "
            "wording the decree 78/2020 Sb. prescribes; left empty, nothing is generated."
        ),
    )
    accessibility_non_compliant = RichTextField(
        _("non-accessible content"),
        blank=True,
        features=["ul", "ol", "bold", "italic", "link"],
        help_text=_(
            "Content known not to be accessible, each with the reason and the accessible "
            "alternative (e.g. scanned PDF documents: sent as text on request)."
        ),
    )
    accessibility_statement_date = models.DateField(
        _("statement prepared on"), null=True, blank=True
    )
    accessibility_reviewed_date = models.DateField(
        _("statement last reviewed on"), null=True, blank=True
    )
    accessibility_assessment = models.CharField(
        _("how compliance was assessed"),
        max_length=12,
        blank=True,
        default="self",
        choices=[
            ("self", _("self-assessment by the public sector body")),
            ("third_party", _("assessment by a third party")),
        ],
    )
    funding_text = models.TextField(
        _("funding line"),
        blank=True,
        max_length=1000,
        help_text=_(
            "Printed on attendance sheets, e.g. Projekt Komunitní plánování sociálních služeb "
            "na Lipovecku, reg. č. CZ.03.02.02/00/22_…, je spolufinancován Evropskou unií."
        ),
    )
    funding_logos = StreamField(
        [("logo", ImageBlock(label=_("Logo")))],
        verbose_name=_("funding logos"),
        blank=True,
        help_text=_(
            "The logos the funding rules require (e.g. the EU emblem with "
            "Spolufinancováno Evropskou unií), in order, with their alternative text."
        ),
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
        MultiFieldPanel(
            [
                FieldPanel("accessibility_page"),
                FieldPanel("accessibility_compliance"),
                FieldPanel("accessibility_non_compliant"),
                FieldRowPanel(
                    [
                        FieldPanel("accessibility_statement_date"),
                        FieldPanel("accessibility_reviewed_date"),
                    ]
                ),
                FieldPanel("accessibility_assessment"),
            ],
            heading=_("Accessibility statement"),
        ),
        MultiFieldPanel(
            [FieldPanel("funding_text"), FieldPanel("funding_logos")],
            heading=_("Project funding (printed documents)"),
        ),
    ]

    class Meta:
        verbose_name = _("community planning settings")
        verbose_name_plural = _("community planning settings")
