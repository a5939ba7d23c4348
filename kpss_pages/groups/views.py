"""Public views behind the routable group, meeting and harmonogram pages."""

from urllib.parse import urlencode

from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kpss_pages.core.public_forms import guard
from kpss_pages.core.site_pages import site_pages

from .forms import ApplicationForm, RegistrationForm
from .harmonogram import (
    LISTED_FIELDS,
    attach_groups,
    default_month,
    group_by_phase_and_month,
    in_month,
    month_param,
    month_weeks,
    parse_month,
    shift_month,
    split_upcoming,
)
from .models import MembershipApplication, WorkingGroupPage
from .registration import (
    CancelResult,
    RegistrationError,
    cancel,
    read_token,
    register,
    remind_registered,
)

REGISTRATION_MESSAGES = {
    "closed": gettext_lazy("Registration for this meeting is closed."),
}


def _group_context(group, application_form=None, application_sent=False):
    meetings = list(group.meetings().select_related("minutes_document"))
    for meeting in meetings:
        meeting._group_cache = group
    upcoming, past = split_upcoming(meetings)
    members = list(group.members.all())
    return {
        "members": members,
        "leaders": [m for m in members if m.role == m.Role.LEADER],
        "upcoming": upcoming,
        "past": past,
        "application_form": application_form
        if application_form is not None
        else (ApplicationForm() if group.accepts_applications else None),
        "application_sent": application_sent,
    }


def group_page(request, group):
    sent = request.GET.get("prihlaska") == "odeslana"
    return group.render(request, context_overrides=_group_context(group, application_sent=sent))


def group_application(request, group):
    if request.method != "POST" or not group.accepts_applications:
        return HttpResponseRedirect(group.url)
    form = ApplicationForm(request.POST)
    verdict = guard(request, form, "application")
    if verdict.is_bot:  # the same answer as a real application
        return HttpResponseRedirect(group.url + "?prihlaska=odeslana#prihlaska")
    if verdict.accepted:
        data = form.cleaned_data
        from .applications import notify

        with transaction.atomic():  # the application and its e-mails, or nothing
            application = MembershipApplication.objects.create(
                group=group,
                name=data["name"],
                email=data["email"].strip().lower(),
                organisation=data["organisation"],
                category=data["category"],
                motivation=data["motivation"],
                public_name_consent=data["public_name_consent"],
            )
            notify(application, "received")
        return HttpResponseRedirect(group.url + "?prihlaska=odeslana#prihlaska")
    context = _group_context(group, application_form=form)
    response = group.render(request, context_overrides=context)
    response.status_code = verdict.status
    return response


def meeting_page(request, meeting):
    group = meeting.group
    form = None
    status = 200
    if meeting.registration_open():
        form = RegistrationForm(request.POST or None)
        if request.method == "POST":
            verdict = guard(request, form, "registration")
            if verdict.is_bot:  # the same answer as a real registration
                return HttpResponseRedirect(_registration_result_url(meeting))
            if verdict.accepted:
                data = form.cleaned_data
                try:
                    registration = register(
                        meeting,
                        name=data["name"],
                        email=data["email"],
                        organisation=data["organisation"],
                        note=data["note"],
                    )
                except RegistrationError as exc:
                    if exc.code != "duplicate":
                        form.add_error(None, str(REGISTRATION_MESSAGES[exc.code]))
                        verdict = None
                    else:
                        # The page must not tell anyone whether the address is registered:
                        # the answer a new registration would get; the e-mail tells the truth.
                        remind_registered(meeting, data["email"])
                        return HttpResponseRedirect(_registration_result_url(meeting))
                else:
                    waiting = registration.status == "waitlist"
                    return HttpResponseRedirect(_registration_result_url(meeting, waiting))
            status = verdict.status if verdict is not None else 400
    elif request.method == "POST":
        status = 400
    context = {
        "group": group,
        "form": form,
        "registration_result": request.GET.get("registrace", "")[:20],
        "closed_reason": _closed_reason(meeting, request.method == "POST"),
        "seats_left": meeting.seats_left(),
        "now": timezone.now(),
    }
    response = meeting.render(request, context_overrides=context)
    response.status_code = status
    return response


def _registration_result_url(meeting, waiting=None):
    """Where a registration ends; without ``waiting``, what a new registration would get now."""
    if waiting is None:
        waiting = meeting.seats_left() == 0
    return f"{meeting.url}?registrace={'nahradnik' if waiting else 'potvrzena'}#vysledek"


def _closed_reason(meeting, posted):
    if meeting.registration_open():
        return ""
    if not meeting.is_public:
        return _("This meeting is for members of the group only.")
    if meeting.cancelled:
        return _("The meeting is cancelled.")
    if posted or timezone.now() >= meeting.deadline:
        return _("Registration for this meeting is closed.")
    return ""


def cancel_registration(request, meeting):
    token = (request.POST.get("t") or request.GET.get("t") or "")[:500]
    ids = read_token(token)
    valid = ids is not None and ids[1] == meeting.pk
    result = None
    if request.method == "POST" and valid:
        result = cancel(meeting, token)
    elif not valid:
        result = CancelResult("invalid")
    context = {"group": meeting.group, "cancel_result": result, "token": token}
    response = meeting.render(
        request, context_overrides=context, template="kpss_groups/registration_cancel.html"
    )
    if result is not None and result.status == "invalid":
        response.status_code = 400
    return response


def harmonogram_page(request, page):
    """The list by phase and month, or with ``?mesic=YYYY-MM`` one month as a grid."""
    groups = list(
        site_pages(WorkingGroupPage, request, page).order_by("path").select_related("target_group")
    )
    selected = None
    raw = request.GET.get("skupina", "")[:20]
    if raw.isascii() and raw.isdigit():  # "²" is a digit to str.isdigit(), not to int()
        selected = next((g for g in groups if g.pk == int(raw)), None)
    meetings = page.cycle_meetings().only(*LISTED_FIELDS)
    if selected is not None:
        meetings = meetings.child_of(selected)
    context = {
        "groups": groups,
        "selected_group": selected,
        "filter_ignored": bool(raw) and selected is None,
    }
    if "mesic" in request.GET:
        context.update(_month_context(request, meetings, groups, selected))
        return page.render(request, context_overrides=context)
    meetings = attach_groups(meetings, groups, request)
    upcoming, past = split_upcoming(meetings)
    context.update(
        {
            "upcoming_phases": group_by_phase_and_month(upcoming),
            "past_phases": group_by_phase_and_month(past),
            "meeting_count": len(meetings),
            "month_query": _harmonogram_query(selected, default_month(m.start for m in meetings)),
        }
    )
    return page.render(request, context_overrides=context)


def _harmonogram_query(group, month=None):
    """The query string of a harmonogram view: the group filter kept, the month added."""
    params = {}
    if group is not None:
        params["skupina"] = group.pk
    if month is not None:
        params["mesic"] = month_param(*month)
    return "?" + urlencode(params) if params else ""


def _month_context(request, meetings, groups, selected):
    raw = request.GET.get("mesic", "")[:20]
    month = parse_month(raw)
    month_ignored = month is None and bool(raw.strip())
    if month is None:
        month = default_month(meetings.values_list("start", flat=True))
    year, number = month
    in_view = attach_groups(in_month(meetings, year, number), groups, request)
    previous, following = shift_month(year, number, -1), shift_month(year, number, 1)
    return {
        "month_view": True,
        "month_ignored": month_ignored,
        "month_label": f"{MONTHS[number].capitalize()} {year}",
        "month_weeks": month_weeks(in_view, year, number),
        "weekday_names": [(WEEKDAYS_ABBR[day], WEEKDAYS[day]) for day in range(7)],
        "month_meeting_count": len(in_view),
        "previous_month_query": previous and _harmonogram_query(selected, previous),
        "previous_month_label": previous and f"{MONTHS[previous[1]]} {previous[0]}",
        "next_month_query": following and _harmonogram_query(selected, following),
        "next_month_label": following and f"{MONTHS[following[1]]} {following[0]}",
        "list_query": _harmonogram_query(selected),
        "month_query": _harmonogram_query(selected, month),
    }


def calendar_feed(request, page_path):
    """``<page URL>kalendar.ics``: Wagtail's page URLs cannot contain a dot, so the feeds of
    meetings, groups and harmonograms are served here (webcal-friendly, ending in .ics)."""
    from django.http import Http404
    from wagtail.models import Site

    from .models import HarmonogramPage, MeetingPage

    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [c for c in page_path.split("/") if c]
    result = site.root_page.specific.route(request, components)
    page = result[0].specific
    if not isinstance(page, (MeetingPage, WorkingGroupPage, HarmonogramPage)):
        raise Http404
    if not page.live or page.get_view_restrictions().exists():
        raise Http404
    return page.calendar(request)
