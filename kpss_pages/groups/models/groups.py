"""The index of working groups, a working group and its members."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kpss_pages.core.blocks import RICH_TEXT_FEATURES, DocumentLinkBlock
from kpss_pages.core.page_queries import KpssPageManager
from kpss_pages.core.placement import section_parent_page_types
from kpss_pages.core.routing import PathRoutingMixin
from kpss_pages.core.site_pages import first_site_page
from kpss_pages.core.slugs import AsciiSlugMixin

from .vocabulary import CALENDAR_SUFFIX, StakeholderCategory


class WorkingGroupIndexPage(AsciiSlugMixin, PathRoutingMixin, Page):
    objects = KpssPageManager()
    kpss_site_section = True  # one per site, linked from other pages (site_pages.py)

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    template = "kpss_groups/working_group_index_page.html"
    parent_page_types = section_parent_page_types()
    subpage_types = ["kpss_groups.WorkingGroupPage", "kpss_groups.HarmonogramPage"]

    class Meta:
        verbose_name = _("working groups index")
        verbose_name_plural = _("working groups indexes")

    def get_context(self, request, *args, **kwargs):
        from .harmonogram_page import HarmonogramPage

        context = super().get_context(request, *args, **kwargs)
        groups = list(
            WorkingGroupPage.objects.child_of(self)
            .live()
            .public()
            .select_related("target_group", "municipality")
        )
        context["groups_by_kind"] = [
            (label, [g for g in groups if g.kind == kind])
            for kind, label in WorkingGroupPage.Kind.choices
            if any(g.kind == kind for g in groups)
        ]
        context["harmonogram"] = first_site_page(HarmonogramPage, request, self)
        return context


class TaskBlock(blocks.CharBlock):
    class Meta:
        label = _("Task")
        icon = "list-ul"


class WorkingGroupPage(AsciiSlugMixin, PathRoutingMixin, RoutablePageMixin, Page):
    objects = KpssPageManager()
    # read with the page when routed to it: the page, lists and feeds show them
    route_select_related = ("target_group", "municipality")

    class Kind(models.TextChoices):
        TARGET_GROUP = "target_group", _("Target-group working group")
        TERRITORIAL = "territorial", _("Territorial working group")
        COORDINATION = "coordination", _("Coordination or steering group")
        COMMISSION = "commission", _("Commission")

    kind = models.CharField(
        _("kind of group"), max_length=20, choices=Kind.choices, default=Kind.TARGET_GROUP
    )
    target_group = models.ForeignKey(
        "catalog.TargetGroup",
        verbose_name=_("target group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="working_groups",
        help_text=_("For target-group working groups."),
    )
    municipality = models.ForeignKey(
        "catalog.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="working_groups",
        help_text=_("For territorial working groups."),
    )
    schedule_label = models.CharField(
        _("label in the schedule"),
        max_length=120,
        blank=True,
        help_text=_(
            "How the group is named in the harmonogram, e.g. CÍLOVÁ SKUPINA senioři. "
            "Defaults to the title."
        ),
    )
    purpose = RichTextField(_("purpose"), blank=True, features=RICH_TEXT_FEATURES)
    tasks = StreamField(
        [("task", TaskBlock())],
        verbose_name=_("tasks of the group"),
        blank=True,
    )
    rules = StreamField(
        [("document", DocumentLinkBlock())],
        verbose_name=_("rules documents"),
        blank=True,
        help_text=_("Organisational and procedural rules of the group."),
    )
    contact = RichTextField(
        _("contact"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Who to contact about the group (no personal e-mail without consent)."),
    )
    contact_email = models.EmailField(
        _("e-mail for applications"),
        blank=True,
        help_text=_("Receives a notice of each membership application. Not shown publicly."),
    )
    accepts_applications = models.BooleanField(_("accepts membership applications"), default=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("target_group"), FieldPanel("municipality")]),
                FieldPanel("schedule_label"),
            ],
            heading=_("Kind of group"),
        ),
        FieldPanel("purpose"),
        FieldPanel("tasks"),
        InlinePanel("members", label=_("Members"), heading=_("Members and leaders")),
        FieldPanel("rules"),
        MultiFieldPanel(
            [
                FieldPanel("contact"),
                FieldPanel("contact_email"),
                FieldPanel("accepts_applications"),
            ],
            heading=_("Contact and applications"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("purpose"),
        index.SearchField("tasks"),
        index.SearchField("schedule_label"),
    ]
    template = "kpss_groups/working_group_page.html"
    parent_page_types = ["kpss_groups.WorkingGroupIndexPage"]
    subpage_types = ["kpss_groups.MeetingPage"]

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def clean(self):
        super().clean()
        if self.kind == self.Kind.TARGET_GROUP and not self.target_group_id:
            raise ValidationError(
                {"target_group": _("Choose the target group of a target-group working group.")}
            )
        if self.kind == self.Kind.TERRITORIAL and not self.municipality_id:
            raise ValidationError(
                {"municipality": _("Choose the municipality of a territorial working group.")}
            )

    @property
    def calendar_url(self):
        return self.url + CALENDAR_SUFFIX

    @property
    def label(self):
        return self.schedule_label or self.title

    def public_members(self):
        """Members in order; names without consent are withheld by the template."""
        return list(self.members.all())

    def leaders(self):
        return [m for m in self.members.all() if m.role == GroupMember.Role.LEADER]

    def meetings(self):
        from .meetings import MeetingPage

        return MeetingPage.objects.child_of(self).live().public().order_by("start")

    def next_meeting(self):
        return self.meetings().filter(end__gte=timezone.now(), cancelled=False).first()

    @path("")
    def index_route(self, request):
        from ..views import group_page

        return group_page(request, self)

    @path("prihlaska/")
    def application_route(self, request):
        from ..views import group_application

        return group_application(request, self)

    def calendar(self, request):
        from ..ical import calendar_response

        return calendar_response(
            request, self.meetings(), name=self.title, filename=f"{self.slug}.ics"
        )


class GroupMember(Orderable):
    class Role(models.TextChoices):
        LEADER = "leader", _("Leader")
        DEPUTY = "deputy", _("Deputy leader")
        MEMBER = "member", _("Member")
        COORDINATOR = "coordinator", _("Coordinator")

    group = ParentalKey(
        WorkingGroupPage,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(
        _("role in the group"), max_length=20, choices=Role.choices, default=Role.MEMBER
    )
    role_note = models.CharField(
        _("role details"),
        max_length=200,
        blank=True,
        help_text=_("E.g. chair of the commission for social and health affairs."),
    )
    category = models.CharField(
        _("stakeholder category"),
        max_length=20,
        choices=StakeholderCategory.choices,
        default=StakeholderCategory.PUBLIC,
    )
    public_name_consent = models.BooleanField(
        _("agrees to show the name publicly"),
        default=False,
        help_text=_("Without consent the website shows only the organisation and role."),
    )
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Never shown publicly."))

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("organisation")]),
        FieldRowPanel([FieldPanel("role"), FieldPanel("role_note")]),
        FieldRowPanel([FieldPanel("category"), FieldPanel("public_name_consent")]),
        FieldPanel("email"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self):
        return self.name
