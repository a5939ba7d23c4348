"""E-mails of working groups: rendered when the event happens and queued in the outbox in
the same transaction; the background worker sends them (``kpss_pages.core.mail``)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import override

from kpss_pages.core.mail import queue_email
from kpss_pages.core.models import OutgoingEmail
from kpss_pages.core.public_url import absolute_url

Kind = OutgoingEmail.Kind

REGISTRATION_KINDS = {
    "confirmed": Kind.REGISTRATION_CONFIRMED,
    "waitlist": Kind.REGISTRATION_WAITLIST,
    "promoted": Kind.REGISTRATION_PROMOTED,
    "meeting_cancelled": Kind.MEETING_CANCELLED,
    "already": Kind.REGISTRATION_ALREADY,
}
APPLICATION_KINDS = {
    "received": Kind.APPLICATION_RECEIVED,
    "invited": Kind.APPLICATION_INVITED,
    "approved": Kind.APPLICATION_APPROVED,
    "declined": Kind.APPLICATION_DECLINED,
}
GROUP_KINDS = [*REGISTRATION_KINDS.values(), *APPLICATION_KINDS.values(), Kind.APPLICATION_NOTICE]


def render_mail(template, context):
    """(subject, body) from ``kpss_groups/email/<template>.txt``: the first line is the subject."""
    with override(settings.LANGUAGE_CODE):
        text = render_to_string(f"kpss_groups/email/{template}.txt", context).strip()
    subject, _, body = text.partition("\n")
    return subject.strip(), body.strip() + "\n"


def queue_registration_email(registration, kind, meeting=None, stamp=""):
    """Queue the e-mail ``kind`` (confirmed, waitlist, promoted, meeting_cancelled, already);
    ``stamp`` tells apart e-mails of one kind that may be sent again (``already``)."""
    from .registration import cancel_url

    if not registration.email or registration.purged_at:
        return None
    meeting = meeting or registration.meeting
    context = {
        "registration": registration,
        "meeting": meeting,
        "group": meeting.group,
        "kind": kind,
        "cancel_url": cancel_url(registration),
        "meeting_url": absolute_url(meeting) or "",
    }
    subject, body = render_mail(f"registration_{kind}", context)
    key = f"registration:{registration.pk}:{kind}"
    if kind == "meeting_cancelled":  # a meeting cancelled, restored and cancelled again
        key += f":{meeting.sequence}"
    if stamp:
        key += f":{stamp}"
    return queue_email(
        kind=REGISTRATION_KINDS[kind],
        to=registration.email,
        subject=subject,
        body=body,
        key=key,
        about=registration,
    )


def queue_application_email(application, kind):
    """Queue the applicant's e-mail ``kind``; a new application also tells the group."""
    group = application.group
    meeting = application.invited_to
    context = {
        "application": application,
        "group": group,
        "meeting": meeting,
        "group_url": absolute_url(group) or "",
        "meeting_url": (absolute_url(meeting) or "") if meeting else "",
    }
    key = f"application:{application.pk}:{kind}"
    if kind == "invited":
        key += f":{application.invited_to_id or 0}"
    subject, body = render_mail(f"application_{kind}", context)
    row = queue_email(
        kind=APPLICATION_KINDS[kind],
        to=application.email,
        subject=subject,
        body=body,
        key=key,
        about=application,
    )
    if kind == "received" and group.contact_email:
        subject, body = render_mail("application_notice", context)
        queue_email(
            kind=Kind.APPLICATION_NOTICE,
            to=group.contact_email,
            subject=subject,
            body=body,
            key=f"application:{application.pk}:notice",
            about=application,
        )
    return row
