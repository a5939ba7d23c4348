from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from .admin_views import ApplicationViewSet, RegistrationViewSet, series_view
from .harmonogram import upcoming_meetings
from .models import HarmonogramPage, MeetingPage, Registration


@hooks.register("kpss_home_sections")
def next_meetings_section(page, request):
    meetings = upcoming_meetings(limit=5)
    if not meetings:
        return None
    return {
        "order": 20,
        "template": "groups/home_section.html",
        "meetings": meetings,
        "harmonogram": HarmonogramPage.objects.live().public().first(),
    }


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [RegistrationViewSet(), ApplicationViewSet()]


@hooks.register("register_admin_urls")
def register_series_url():
    return [path("kpss-groups/series/", series_view, name="kpss_groups_series")]


@hooks.register("register_admin_menu_item")
def register_series_menu_item():
    return MenuItem(
        _("Add meetings in bulk"),
        reverse("kpss_groups_series"),
        icon_name="date",
        order=312,
    )


@hooks.register("before_delete_page")
def confirm_deleting_meeting_with_registrations(request, page):
    """A meeting with registrations is deleted only after the editor ticks a confirmation."""
    if not isinstance(page, MeetingPage):
        meetings = MeetingPage.objects.descendant_of(page)
    else:
        meetings = MeetingPage.objects.filter(pk=page.pk)
    active = Registration.objects.filter(
        meeting__in=meetings, status__in=Registration.ACTIVE
    ).count()
    if not active:
        return None
    if request.method == "POST" and request.POST.get("confirm_registrations") == "yes":
        return None
    return TemplateResponse(
        request,
        "groups/admin/confirm_delete_meeting.html",
        {"page": page, "registration_count": active, "page_title": _("Delete meeting")},
    )


@hooks.register("register_page_header_buttons")
def meeting_registrations_button(page, user, view_name, next_url=None):
    """From a meeting in the admin straight to its registrations (listing and CSV)."""
    if isinstance(page, MeetingPage) and user.has_perm("kpss_groups.view_registration"):
        url = reverse("kpss_groups_registrations:index") + f"?meeting={page.pk}"
        yield Button(_("Registrations"), url, icon_name="group", priority=55)
