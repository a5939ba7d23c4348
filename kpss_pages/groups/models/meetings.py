"""A meeting of a working group."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from kpss_pages.core.blocks import RICH_TEXT_FEATURES, DocumentLinkBlock
from kpss_pages.core.page_queries import KpssPageManager
from kpss_pages.core.slugs import AsciiSlugMixin

from .groups import WorkingGroupPage
from .vocabulary import CALENDAR_SUFFIX, STEPLEN, Phase


class MinutesBlock(blocks.StreamBlock):
    document = DocumentLinkBlock()
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)


class MeetingPage(AsciiSlugMixin, RoutablePageMixin, Page):
    objects = KpssPageManager()

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
        """Raise the calendar revision when the time, place or status changes.

        Notifying registrants of a cancellation is a side effect of saving: it lives in
        ``kpss_pages.groups.signals`` and works however the meeting is saved.
        """
        update_fields = kwargs.get("update_fields")
        touches_calendar = update_fields is None or set(update_fields) & set(self.CALENDAR_FIELDS)
        if self.pk and touches_calendar:
            stored = (
                MeetingPage.objects.filter(pk=self.pk)
                .values("sequence", *self.CALENDAR_FIELDS)
                .first()
            )
            if stored:
                seq = max(stored["sequence"], self.sequence)
                if any(stored[f] != getattr(self, f) for f in self.CALENDAR_FIELDS):
                    seq += 1
                if seq != self.sequence:
                    self.sequence = seq
                    if update_fields is not None:
                        kwargs["update_fields"] = list(set(update_fields) | {"sequence"})
        return super().save(*args, **kwargs)

    # -- derived state -------------------------------------------------------------
    @property
    def group(self):
        parent = getattr(self, "_group_cache", None)
        if parent is None:
            parent = WorkingGroupPage.objects.filter(path=self.path[:-STEPLEN]).first()
            self._group_cache = parent
        return parent

    def get_url_parts(self, request=None):
        # A meeting's address is its group's plus its slug. Lists of many meetings (the
        # harmonogram) ask the group once (attach_groups keeps its parts for the request)
        # instead of Wagtail's site root paths and URL resolver once per meeting.
        group = getattr(self, "_group_cache", None)
        parts = getattr(group, "_kpss_url_parts", None)
        if parts and parts[2] is not None and self.url_path == f"{group.url_path}{self.slug}/":
            site_id, root_url, group_path = parts
            return site_id, root_url, f"{group_path}{self.slug}/"
        return super().get_url_parts(request)

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
        from .registrations import Registration

        return self.registrations.filter(status=Registration.Status.CONFIRMED).count()

    def attendees(self):
        """The confirmed registrations in Czech alphabetical order of the name: the rows
        of the attendance sheet."""
        from kpss_pages.core.collation import czech_key

        from .registrations import Registration

        confirmed = self.registrations.filter(
            status=Registration.Status.CONFIRMED, purged_at__isnull=True
        )
        return sorted(confirmed, key=lambda r: (czech_key(r.name), r.pk))

    def seats_left(self):
        if self.seat_limit is None:
            return None
        return max(self.seat_limit - self.confirmed_count(), 0)

    @path("")
    def index_route(self, request):
        from ..views import meeting_page

        return meeting_page(request, self)

    @path("zrusit/")
    def cancel_route(self, request):
        from ..views import cancel_registration

        return cancel_registration(request, self)

    def calendar(self, request):
        from ..ical import calendar_response

        return calendar_response(
            request, [self], name=self.title, filename=f"{self.slug}.ics", single=True
        )
