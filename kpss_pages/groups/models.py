"""Working groups, their meetings, the harmonogram, registrations and membership applications."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kpss_pages.core.blocks import RICH_TEXT_FEATURES, DocumentLinkBlock
from kpss_pages.core.models import OutgoingEmail
from kpss_pages.core.placement import section_parent_page_types

CALENDAR_SUFFIX = "kalendar.ics"
STEPLEN = 4  # treebeard's path step: a page's parent path is path[:-STEPLEN]


class StakeholderCategory(models.TextChoices):
    """The five sides of community planning (seed 003)."""

    COMMISSIONER = "commissioner", _("Commissioner of social services")
    PROVIDER = "provider", _("Provider of social services")
    USER = "user", _("User of social services")
    PROFESSIONAL = "professional", _("Professional public")
    PUBLIC = "public", _("General public")


class Phase(models.TextChoices):
    ANALYTICAL = "analytical", _("Analytical phase")
    PROPOSAL = "proposal", _("Proposal phase")
    IMPLEMENTATION = "implementation", _("Implementation")
    OTHER = "other", _("Other meetings")


PHASE_ORDER = [Phase.ANALYTICAL, Phase.PROPOSAL, Phase.IMPLEMENTATION, Phase.OTHER]


class WorkingGroupIndexPage(Page):
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
        context["harmonogram"] = HarmonogramPage.objects.live().public().first()
        return context


class TaskBlock(blocks.CharBlock):
    class Meta:
        label = _("Task")
        icon = "list-ul"


class WorkingGroupPage(RoutablePageMixin, Page):
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
        return MeetingPage.objects.child_of(self).live().public().order_by("start")

    def next_meeting(self):
        return self.meetings().filter(end__gte=timezone.now(), cancelled=False).first()

    @path("")
    def index_route(self, request):
        from .views import group_page

        return group_page(request, self)

    @path("prihlaska/")
    def application_route(self, request):
        from .views import group_application

        return group_application(request, self)

    def calendar(self, request):
        from .ical import calendar_response

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
    name = models.CharField(_("name"), max_length=200)
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


class MinutesBlock(blocks.StreamBlock):
    document = DocumentLinkBlock()
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)


class MeetingPage(RoutablePageMixin, Page):
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    room = models.CharField(_("room"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.OTHER)
    agenda = RichTextField(_("agenda"), blank=True, features=RICH_TEXT_FEATURES)
    is_public = models.BooleanField(
        _("open to the public"),
        default=True,
        help_text=_("The public can register for open meetings; closed meetings are members only."),
    )
    seat_limit = models.PositiveIntegerField(
        _("seat limit"),
        null=True,
        blank=True,
        help_text=_("Seats for registered visitors. Empty means no limit."),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Empty means registration is open until the meeting starts."),
    )
    minutes_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The minutes of the meeting, added after it."),
    )
    documents = StreamField(
        MinutesBlock(),
        verbose_name=_("other documents and summary"),
        blank=True,
        help_text=_("Presentations, attendance summary and other material after the meeting."),
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    sequence = models.PositiveIntegerField(
        _("calendar revision"),
        default=0,
        editable=False,
        help_text=_("Raised when the time, place or status changes, so calendars update."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("room"), FieldPanel("address")]),
                FieldPanel("phase"),
            ],
            heading=_("Time and place"),
        ),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [
                FieldPanel("is_public"),
                FieldRowPanel([FieldPanel("seat_limit"), FieldPanel("registration_deadline")]),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [FieldPanel("minutes_document"), FieldPanel("documents")],
            heading=_("After the meeting"),
        ),
        MultiFieldPanel(
            [FieldPanel("cancelled"), FieldPanel("cancel_reason")], heading=_("Cancellation")
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("agenda"), index.FilterField("start")]
    template = "kpss_groups/meeting_page.html"
    parent_page_types = ["kpss_groups.WorkingGroupPage"]
    subpage_types = []

    CALENDAR_FIELDS = ("start", "end", "room", "address", "cancelled", "title")

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The meeting must end after it starts.")
        if self.cancelled and not self.cancel_reason:
            errors["cancel_reason"] = _("Say why the meeting is cancelled.")
        if self.registration_deadline and self.start and self.registration_deadline > self.start:
            errors["registration_deadline"] = _(
                "The registration deadline cannot be after the start of the meeting."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        newly_cancelled = False
        if self.pk and (update_fields is None or "start" in update_fields):
            stored = (
                MeetingPage.objects.filter(pk=self.pk)
                .values("sequence", *self.CALENDAR_FIELDS)
                .first()
            )
            if stored:
                seq = max(stored["sequence"], self.sequence)
                if any(stored[f] != getattr(self, f) for f in self.CALENDAR_FIELDS):
                    seq += 1
                self.sequence = seq
                newly_cancelled = self.cancelled and not stored["cancelled"]
                if update_fields is not None:
                    kwargs["update_fields"] = list(set(update_fields) | {"sequence"})
        result = super().save(*args, **kwargs)
        if newly_cancelled:
            from .services import notify_cancelled_meeting

            notify_cancelled_meeting(self)
        return result

    # -- derived state -------------------------------------------------------------
    @property
    def group(self):
        parent = getattr(self, "_group_cache", None)
        if parent is None:
            parent = WorkingGroupPage.objects.filter(path=self.path[:-STEPLEN]).first()
            self._group_cache = parent
        return parent

    @property
    def calendar_url(self):
        return self.url + CALENDAR_SUFFIX

    @property
    def place(self):
        return ", ".join(p for p in (self.room, self.address) if p)

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def deadline(self):
        return self.registration_deadline or self.start

    def registration_open(self, now=None):
        now = now or timezone.now()
        return self.is_public and not self.cancelled and now < self.deadline and self.live

    def confirmed_count(self):
        return self.registrations.filter(status=Registration.Status.CONFIRMED).count()

    def seats_left(self):
        if self.seat_limit is None:
            return None
        return max(self.seat_limit - self.confirmed_count(), 0)

    @path("")
    def index_route(self, request):
        from .views import meeting_page

        return meeting_page(request, self)

    @path("zrusit/")
    def cancel_route(self, request):
        from .views import cancel_registration

        return cancel_registration(request, self)

    def calendar(self, request):
        from .ical import calendar_response

        return calendar_response(
            request, [self], name=self.title, filename=f"{self.slug}.ics", single=True
        )


class HarmonogramPage(RoutablePageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    cycle_name = models.CharField(
        _("planning cycle"), max_length=200, blank=True, help_text=_("E.g. Plan 2025–2028")
    )
    cycle_start = models.DateField(
        _("cycle starts"), null=True, blank=True, help_text=_("Empty: all meetings so far.")
    )
    cycle_end = models.DateField(
        _("cycle ends"), null=True, blank=True, help_text=_("Empty: all future meetings.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("cycle_name"),
                FieldRowPanel([FieldPanel("cycle_start"), FieldPanel("cycle_end")]),
            ],
            heading=_("Planning cycle"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    template = "kpss_groups/harmonogram_page.html"
    parent_page_types = section_parent_page_types("kpss_groups.WorkingGroupIndexPage")
    subpage_types = []

    class Meta:
        verbose_name = _("harmonogram of meetings")
        verbose_name_plural = _("harmonograms of meetings")

    @property
    def calendar_url(self):
        return self.url + CALENDAR_SUFFIX

    def cycle_meetings(self):
        from .harmonogram import cycle_meetings

        return cycle_meetings(self)

    @path("")
    def index_route(self, request):
        from .views import harmonogram_page

        return harmonogram_page(request, self)

    def calendar(self, request):
        from .ical import calendar_response

        return calendar_response(
            request, self.cycle_meetings(), name=self.title, filename="harmonogram.ics"
        )


class RegistrationQuerySet(models.QuerySet):
    def with_email_status(self):
        """Annotate ``email_state``: the state of the latest e-mail queued for each
        registration (``none`` without an address, empty when none was queued)."""
        latest = (
            OutgoingEmail.objects.filter(
                content_type__app_label="kpss_groups",
                content_type__model="registration",
                object_id=models.OuterRef("pk"),
            )
            .order_by("-created_at", "-pk")
            .values("state")[:1]
        )
        return self.annotate(
            email_state=Coalesce(
                models.Subquery(latest),
                models.Case(
                    models.When(email="", then=models.Value("none")),
                    default=models.Value(""),
                ),
            )
        )


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLIST = "waitlist", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    class EmailStatus(models.TextChoices):
        """The state of the registration's latest e-mail in the outbox."""

        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Sending failed")
        CANCELLED = "cancelled", _("Not sent")
        NONE = "none", _("No e-mail")

    meeting = models.ForeignKey(
        MeetingPage,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    added_by_staff = models.BooleanField(_("added by an organiser"), default=False)
    purged_at = models.DateTimeField(_("personal data deleted at"), null=True, blank=True)
    emails = GenericRelation(OutgoingEmail, related_query_name="registration")

    ACTIVE = (Status.CONFIRMED, Status.WAITLIST)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["meeting", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "email"],
                condition=Q(status__in=["confirmed", "waitlist"]) & ~Q(email=""),
                name="kpss_groups_registration_one_active_per_email",
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.meeting.title}"

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    @property
    def email_status(self):
        if self.pk is None:
            return ""
        if not hasattr(self, "email_state"):
            self.email_state = Registration.objects.with_email_status().get(pk=self.pk).email_state
        return self.email_state or ""

    email_status.fget.short_description = _("e-mail status")

    def get_email_status_display(self):
        status = self.email_status
        return self.EmailStatus(status).label if status else "—"


class MembershipApplication(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        INVITED = "invited", _("Invited as a guest")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    group = models.ForeignKey(
        WorkingGroupPage,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    category = models.CharField(
        _("stakeholder category"), max_length=20, choices=StakeholderCategory.choices
    )
    motivation = models.TextField(_("motivation"), max_length=3000)
    public_name_consent = models.BooleanField(_("agrees to show the name publicly"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    invited_to = models.ForeignKey(
        MeetingPage,
        verbose_name=_("invited to the meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    coordinator_note = models.TextField(
        _("message to the applicant"),
        blank=True,
        help_text=_("Added to the e-mail sent when you invite, approve or decline."),
    )
    member = models.OneToOneField(
        GroupMember,
        verbose_name=_("member entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    emails = GenericRelation(OutgoingEmail, related_query_name="membership_application")

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} – {self.group.title}"


def retention_days():
    return getattr(settings, "KPSS_REGISTRATION_RETENTION_DAYS", 30)
