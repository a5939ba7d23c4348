"""Admin: registrations per meeting (CSV export, add by hand), membership applications,
quick creation of a series of meetings and the delete confirmation for meetings."""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies.pages import PagePermissionPolicy

from kpss_pages.core import exports
from kpss_pages.core.admin_listing import counted_paginator
from kpss_pages.core.czech_dates import czech_datetime

from . import applications
from .attendance import can_print_attendance
from .models import MeetingPage, MembershipApplication, Phase, Registration, WorkingGroupPage
from .registration import RegistrationError, register, save_by_staff
from .series import create_meetings, parse_schedule


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{czech_datetime(obj.start)} – {obj.title}"


class RegistrationCreateForm(WagtailAdminModelForm):
    class Meta:
        model = Registration
        fields = ["meeting", "name", "email", "organisation", "note"]
        field_classes = {"meeting": MeetingChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = MeetingPage.objects.order_by("-start")


class RegistrationCreateView(CreateView):
    def form_valid(self, form):
        # Added by hand: same seat counting and waitlist as the public form.
        data = form.cleaned_data
        try:
            self.object = register(
                data["meeting"],
                name=data["name"],
                email=data["email"],
                organisation=data["organisation"],
                note=data["note"],
                staff=True,
            )
        except RegistrationError:
            form.add_error("email", _("This e-mail address is already registered."))
            return self.form_invalid(form)
        messages.success(
            self.request, _("Registration added: %s") % self.object.get_status_display()
        )
        return redirect(self.get_success_url())


class RegistrationEditView(EditView):
    """A change by hand (another meeting, another status) keeps the seat limit and moves
    the waitlists up, as every other path does (``registration.save_by_staff``)."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except RegistrationError as exc:
            meeting = form.cleaned_data["meeting"]
            if exc.code == "full":
                limit = meeting.seat_limit
                form.add_error(
                    "status",
                    ngettext(
                        "The meeting %(meeting)s is full (%(limit)d seat taken). Put the "
                        "registration on the waitlist, or raise the meeting's seat limit first.",
                        "The meeting %(meeting)s is full (%(limit)d seats taken). Put the "
                        "registration on the waitlist, or raise the meeting's seat limit first.",
                        limit,
                    )
                    % {"meeting": meeting.title, "limit": limit},
                )
            else:
                form.add_error("email", _("This e-mail address is already registered."))
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def save_instance(self):
        return save_by_staff(self.form.instance, self.form.save)


class RegistrationFilterSet(WagtailFilterSet):
    email_status = django_filters.ChoiceFilter(
        label=_("e-mail status"),
        choices=Registration.EmailStatus.choices,
        method="filter_email_status",
    )

    class Meta:
        model = Registration
        fields = ["meeting", "status"]

    def filter_email_status(self, queryset, name, value):
        if "email_state" not in queryset.query.annotations:
            queryset = queryset.with_email_status()
        return queryset.filter(email_state=value)


class RegistrationIndexView(exports.SpreadsheetExportMixin, IndexView):
    add_item_label = _("Add registration")
    paginator_class = counted_paginator(
        lambda n: (
            ngettext(
                "%(count)s registration for a meeting", "%(count)s registrations for meetings", n
            )
            % {"count": n}
        )
    )

    @cached_property
    def header_buttons(self):
        """Filtered to one meeting: its attendance sheet next to "Add registration"."""
        buttons = super().header_buttons
        meeting_id = self.request.GET.get("meeting", "")
        if meeting_id.isascii() and meeting_id.isdigit():
            meeting = MeetingPage.objects.filter(pk=int(meeting_id)).first()
            if meeting is not None and can_print_attendance(self.request.user, meeting):
                buttons.append(
                    HeaderButton(
                        _("Attendance sheet (PDF)"),
                        url=reverse("kpss_groups_attendance_sheet", args=[meeting.pk]),
                        icon_name="doc-full",
                    )
                )
        return buttons

    def get_base_queryset(self):
        # The e-mail column and the export read the outbox in the same query.
        return super().get_base_queryset().with_email_status()


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "group"
    menu_label = _("Meeting registrations")
    add_to_admin_menu = True
    menu_order = 310
    url_prefix = "kpss-groups/registrations"
    name = "kpss_groups_registrations"
    form_fields = ["meeting", "name", "email", "organisation", "note", "status"]
    list_display = ["name", "meeting", "organisation", "status", "email_status", "created_at"]
    filterset_class = RegistrationFilterSet
    index_view_class = RegistrationIndexView
    list_export = [
        "meeting",
        "name",
        "email",
        "organisation",
        "note",
        "status",
        "created_at",
        "email_status",
    ]
    export_filename = "registrace"
    export_headings = {"name": _("Name and surname")}
    search_fields = ["name", "email", "organisation"]
    search_backend_name = None
    copy_view_enabled = False
    add_view_class = RegistrationCreateView
    edit_view_class = RegistrationEditView

    def get_form_class(self, for_update=False):
        if not for_update:
            return RegistrationCreateForm
        return super().get_form_class(for_update)


class ApplicationForm(WagtailAdminModelForm):
    ACTIONS = [
        ("", _("Only save")),
        ("invite", _("Invite as a guest to the meeting (e-mail)")),
        ("approve", _("Approve and add to the members (e-mail)")),
        ("decline", _("Decline (e-mail)")),
    ]
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS, required=False)

    class Meta:
        model = MembershipApplication
        fields = ["invited_to", "coordinator_note"]
        field_classes = {"invited_to": MeetingChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        group = self.instance.group if self.instance.group_id else None
        meetings = MeetingPage.objects.order_by("start").filter(end__gte=timezone.now())
        if group is not None:
            meetings = meetings.child_of(group)
        self.fields["invited_to"].queryset = meetings
        self.fields["invited_to"].help_text = _("Empty: the group's next meeting.")


class ApplicationEditView(EditView):
    """The applicant's details, consent and status above the actions: the coordinator
    decides on what the applicant wrote without opening another screen."""

    template_name = "kpss_groups/admin/application_edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["applicant_details"] = applicant_details(self.object)
        return context

    def save_instance(self):
        instance = self.form.save()
        action = self.form.cleaned_data.get("action")
        if action == "invite":
            applications.invite(instance, self.form.cleaned_data.get("invited_to"))
        elif action == "approve":
            applications.approve(instance, user=self.request.user)
        elif action == "decline":
            applications.decline(instance)
        return instance


def applicant_details(application):
    """(label, value) pairs of a membership application as the coordinator reads them;
    values are text, the motivation keeps its line breaks in the template."""
    field = MembershipApplication._meta.get_field

    def when(value):
        return czech_datetime(value) if value else "—"

    invited = application.invited_to
    return [
        (field("group").verbose_name, application.group.title),
        (field("name").verbose_name, application.name),
        (field("email").verbose_name, application.email),
        (field("organisation").verbose_name, application.organisation or "—"),
        (field("category").verbose_name, application.get_category_display()),
        (field("motivation").verbose_name, application.motivation),
        (
            field("public_name_consent").verbose_name,
            _("Yes") if application.public_name_consent else _("No"),
        ),
        (field("status").verbose_name, application.get_status_display()),
        (
            field("invited_to").verbose_name,
            f"{invited.title}, {when(invited.start)}" if invited else "—",
        ),
        (field("created_at").verbose_name, when(application.created_at)),
        (field("decided_at").verbose_name, when(application.decided_at)),
    ]


class ApplicationIndexView(exports.SpreadsheetExportMixin, IndexView):
    add_item_label = _("Add membership application")
    paginator_class = counted_paginator(
        lambda n: (
            ngettext("%(count)s membership application", "%(count)s membership applications", n)
            % {"count": n}
        )
    )


class ApplicationViewSet(ModelViewSet):
    model = MembershipApplication
    icon = "user"
    menu_label = _("Membership applications")
    add_to_admin_menu = True
    menu_order = 311
    url_prefix = "kpss-groups/applications"
    name = "kpss_groups_applications"
    list_display = ["name", "group", "category", "status", "created_at"]
    list_filter = ["group", "status"]
    list_export = [
        "group",
        "name",
        "email",
        "organisation",
        "category",
        "motivation",
        "status",
        "created_at",
    ]
    export_filename = "prihlasky-do-skupin"
    export_headings = {"name": _("Name and surname")}
    index_view_class = ApplicationIndexView
    search_fields = ["name", "email", "organisation"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "group",
        "name",
        "email",
        "organisation",
        "category",
        "motivation",
        "public_name_consent",
        "status",
        "invited_to",
        "created_at",
        "decided_at",
    ]
    edit_view_class = ApplicationEditView
    form_fields = ["invited_to", "coordinator_note"]

    def get_form_class(self, for_update=False):
        return ApplicationForm


# -- series of meetings --------------------------------------------------------------
class SeriesForm(forms.Form):
    lines = forms.CharField(
        label=_("Meetings, one per line"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            'E.g. "2. 8. 9:00 – 11:00 – CÍLOVÁ SKUPINA senioři". Lines such as "Návrhová část" '
            "switch the phase. The year rolls over when the months go back to January."
        ),
    )
    year = forms.IntegerField(label=_("Year of the first meeting"), min_value=2000, max_value=2100)
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices, initial=Phase.ANALYTICAL)
    default_group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=WorkingGroupPage.objects.order_by("path"),
        required=False,
        help_text=_("Used for lines without a recognised group label."),
    )
    room = forms.CharField(label=_("Room"), max_length=200, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    is_public = forms.BooleanField(label=_("Open to the public"), required=False, initial=True)
    seat_limit = forms.IntegerField(label=_("Seat limit"), min_value=1, required=False)
    publish = forms.BooleanField(label=_("Publish at once"), required=False)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        groups = list(
            WorkingGroupPage.objects.select_related("target_group", "municipality").order_by("path")
        )
        parsed, errors = parse_schedule(
            data["lines"], data["year"], data["phase"], groups, data.get("default_group")
        )
        for error in errors:
            self.add_error("lines", error)
        data["parsed"] = parsed
        return data


def can_add_meetings(user):
    """May ``user`` add meetings (pages under a working group)? The menu item and the view
    ask the same question."""
    if user.is_superuser or user.has_perm("wagtailcore.add_page"):
        return True
    if not PagePermissionPolicy().user_has_any_permission(user, {"add"}):
        return False  # no page permission at all (e.g. a provider's staff): no query
    return any(
        g.permissions_for_user(user).can_add_subpage() for g in WorkingGroupPage.objects.all()
    )


def series_view(request):
    if not can_add_meetings(request.user):
        raise PermissionDenied
    form = SeriesForm(request.POST or None, initial={"year": timezone.localdate().year})
    preview = None
    if request.method == "POST" and form.is_valid():
        parsed = form.cleaned_data["parsed"]
        allowed = [
            p for p in parsed if p.group.permissions_for_user(request.user).can_add_subpage()
        ]
        if len(allowed) != len(parsed):
            raise PermissionDenied
        if "create" in request.POST:
            created = create_meetings(
                parsed,
                room=form.cleaned_data["room"],
                address=form.cleaned_data["address"],
                is_public=form.cleaned_data["is_public"],
                seat_limit=form.cleaned_data["seat_limit"],
                publish=form.cleaned_data["publish"],
                user=request.user,
            )
            messages.success(request, _("Meetings created: %d") % len(created))
            if not form.cleaned_data["publish"]:
                messages.warning(
                    request,
                    _(
                        "The meetings are drafts and not visible on the site yet. To publish "
                        "them, select them in the group's page listing and choose Publish, "
                        "or open each meeting and choose Publish."
                    ),
                )
            return redirect("wagtailadmin_explore", created[0].get_parent().get_parent().pk)
        preview = parsed
    return TemplateResponse(
        request,
        "kpss_groups/admin/series.html",
        {"form": form, "preview": preview, "page_title": _("Add a series of meetings")},
    )
