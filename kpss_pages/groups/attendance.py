"""The attendance sheet (prezenční listina) of a meeting as a tagged A4 PDF: confirmed
registrants with their organisation and a column to sign, empty rows for people who come
without registering, and the project's funding line and logos from the site settings, as
ESF-funded planning projects must file signed sheets.

Staff only and never cached: it holds the registrants' names and changes with each
registration."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from kpss_pages.core.conf import kpss_settings
from kpss_pages.core.models import KpssSettings
from kpss_pages.core.pdf import pdf_response, render_pdf

from .models import MeetingPage


def can_print_attendance(user, meeting):
    """Staff who may see who registered and may edit the meeting or its registrations."""
    if not (user.is_active and user.has_perm("kpss_groups.view_registration")):
        return False
    return (
        user.has_perm("kpss_groups.change_registration")
        or meeting.permissions_for_user(user).can_edit()
    )


def attendance_context(meeting):
    site = meeting.get_site()
    site_settings = KpssSettings.for_site(site) if site else None
    logos = [block.value for block in site_settings.funding_logos] if site_settings else []
    attendees = meeting.attendees()
    empty = max(0, int(kpss_settings.KPSS_ATTENDANCE_EMPTY_ROWS))
    return {
        "meeting": meeting,
        "group": meeting.group,
        "attendees": attendees,
        "empty_rows": range(len(attendees) + 1, len(attendees) + empty + 1),
        "municipality": site_settings.municipality_name if site_settings else "",
        "funding_text": site_settings.funding_text if site_settings else "",
        "funding_logos": [logo for logo in logos if logo is not None],
        "printed": timezone.localdate(),
    }


def attendance_sheet_view(request, meeting_id):
    meeting = get_object_or_404(MeetingPage, pk=meeting_id)
    if not can_print_attendance(request.user, meeting):
        return TemplateResponse(
            request,
            "kpss_groups/admin/forbidden.html",
            {
                "page_title": _("Attendance sheet"),
                "message": _("You may not print the attendance sheet of this meeting."),
            },
            status=403,
        )
    pdf = render_pdf("kpss_groups/pdf/attendance_sheet.html", attendance_context(meeting))
    response = pdf_response(pdf, f"prezencni-listina-{meeting.slug}.pdf")
    response["Cache-Control"] = "private, no-store"
    return response
