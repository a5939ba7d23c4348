"""Registration for meetings: seat limit under concurrency, waitlist, signed cancellation links."""

import logging
from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from kpss_pages.core.public_url import absolute_url

from .models import MeetingPage, Registration

logger = logging.getLogger(__name__)

TOKEN_SALT = "kpss_groups.registration.cancel"


class RegistrationError(Exception):
    """Raised with a code the view turns into a polite Czech message."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


@dataclass
class CancelResult:
    status: str  # "cancelled", "already", "invalid"
    registration: Registration | None = None
    promoted: Registration | None = None


def make_cancel_token(registration):
    return signing.dumps({"r": registration.pk, "m": registration.meeting_id}, salt=TOKEN_SALT)


def cancel_url(registration, request=None):
    url = absolute_url(registration.meeting) or ""  # empty for a page outside any site
    return f"{url.rstrip('/')}/zrusit/?t={make_cancel_token(registration)}"


def register(meeting, *, name, email, organisation="", note="", staff=False, now=None):
    """Register one person; returns the Registration (confirmed or waitlisted).

    The meeting row is locked (``select_for_update``) while seats are counted, so parallel
    requests queue up and confirmed registrations never exceed the seat limit.
    """
    now = now or timezone.now()
    email = (email or "").strip().lower()
    try:
        with transaction.atomic():
            locked = MeetingPage.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
            if not staff and not locked.registration_open(now):
                raise RegistrationError("closed")
            active = locked.registrations.filter(status__in=Registration.ACTIVE)
            if email and active.filter(email=email).exists():
                raise RegistrationError("duplicate")
            confirmed = active.filter(status=Registration.Status.CONFIRMED).count()
            full = locked.seat_limit is not None and confirmed >= locked.seat_limit
            registration = Registration.objects.create(
                meeting=locked,
                name=name,
                email=email,
                organisation=organisation,
                note=note,
                status=Registration.Status.WAITLIST if full else Registration.Status.CONFIRMED,
                created_at=now,
                added_by_staff=staff,
            )
            if email:  # queued with the registration: both are saved or neither
                waiting = registration.status == Registration.Status.WAITLIST
                _send_after_commit(registration, "waitlist" if waiting else "confirmed")
    except IntegrityError as exc:  # the partial unique index caught a parallel duplicate
        raise RegistrationError("duplicate") from exc
    return registration


def save_by_staff(registration, save):
    """Save a registration that staff edited in the admin (``registration`` carries the
    form's values, ``save()`` writes them) under the same rules as every other path.

    The meetings it leaves and joins are locked (in key order, so two moves in opposite
    directions cannot deadlock). Confirming it — on another meeting or by a status change —
    counts the target's seats and raises ``RegistrationError("full")`` when none is free
    (staff put it on the waitlist instead, or raise the limit); an address already active
    on the target raises ``"duplicate"``. A move queues the e-mail for the new meeting (its
    cancellation link names the meeting); the meetings left and joined promote their
    waitlists as seats are freed."""
    Status = Registration.Status
    with transaction.atomic():
        # Meetings first, then the registration: the order register() and cancel() lock in.
        left = Registration.objects.values_list("meeting_id", flat=True).get(pk=registration.pk)
        ids = sorted({left, registration.meeting_id})
        meetings = {
            m.pk: m
            for m in MeetingPage.objects.select_for_update(of=("self",))
            .filter(pk__in=ids)
            .order_by("pk")
        }
        before = Registration.objects.select_for_update().get(pk=registration.pk)
        if before.meeting_id not in meetings:  # moved meanwhile by someone else
            meetings[before.meeting_id] = MeetingPage.objects.select_for_update(of=("self",)).get(
                pk=before.meeting_id
            )
        target = meetings[registration.meeting_id]
        moved = before.meeting_id != registration.meeting_id
        others = target.registrations.filter(status__in=Registration.ACTIVE).exclude(
            pk=registration.pk
        )
        if registration.status in Registration.ACTIVE:
            email = (registration.email or "").strip().lower()
            if email and others.filter(email=email).exists():
                raise RegistrationError("duplicate")
        confirming = registration.status == Status.CONFIRMED and (
            moved or before.status != Status.CONFIRMED
        )
        if confirming and target.seat_limit is not None:
            if others.filter(status=Status.CONFIRMED).count() >= target.seat_limit:
                raise RegistrationError("full")
        if registration.status == Status.CANCELLED and not registration.cancelled_at:
            registration.cancelled_at = timezone.now()
        saved = save()
        if moved and saved.status in Registration.ACTIVE and saved.email:
            kind = "confirmed" if saved.status == Status.CONFIRMED else "waitlist"
            from .emails import queue_registration_email

            queue_registration_email(saved, kind, target, stamp=f"meeting{target.pk}")
        for meeting in meetings.values():
            promote_waitlist(meeting)
    return saved


def remind_registered(meeting, email, now=None):
    """Someone registered an address that is already registered for ``meeting``: the web
    page answers as for a new registration (it must not reveal who is registered), and the
    address's owner gets an e-mail telling the truth: the registration they already have,
    with its cancellation link. At most one such e-mail per registration an hour, however
    often the form is sent."""
    now = now or timezone.now()
    email = (email or "").strip().lower()
    registration = (
        meeting.registrations.filter(status__in=Registration.ACTIVE, email=email)
        .order_by("pk")
        .first()
    )
    if registration is None or not email:
        return None
    from .emails import queue_registration_email

    with transaction.atomic():
        return queue_registration_email(registration, "already", stamp=f"{now:%Y%m%d%H}")


def read_token(token):
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
        return int(data["r"]), int(data["m"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def cancel(meeting, token):
    """Cancel the registration in ``token``; promote the first waitlisted person."""
    ids = read_token(token)
    if ids is None or ids[1] != meeting.pk:
        return CancelResult("invalid")
    with transaction.atomic():
        locked = MeetingPage.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
        registration = Registration.objects.filter(pk=ids[0], meeting=locked).first()
        if registration is None or registration.purged_at is not None:
            return CancelResult("invalid")
        if registration.status == Registration.Status.CANCELLED:
            return CancelResult("already", registration)
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = promote_waitlist(locked) if was_confirmed else None
    return CancelResult("cancelled", registration, promoted[0] if promoted else None)


def promote_waitlist(meeting):
    """Move waitlisted people up, first come first served, while seats are free.

    Must run inside a transaction holding the meeting's row lock."""
    promoted = []
    waiting = meeting.registrations.filter(status=Registration.Status.WAITLIST).order_by(
        "created_at", "pk"
    )
    for registration in waiting:
        confirmed = meeting.registrations.filter(status=Registration.Status.CONFIRMED).count()
        if meeting.seat_limit is not None and confirmed >= meeting.seat_limit:
            break
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status"])
        promoted.append(registration)
        if registration.email:
            _send_after_commit(registration, "promoted")
    return promoted


def notify_cancelled_meeting(meeting):
    """Tell everyone registered (confirmed or waiting) that the meeting is cancelled.
    Calling it twice for one cancellation sends nothing more."""
    for registration in meeting.registrations.filter(status__in=Registration.ACTIVE).exclude(
        email=""
    ):
        _send_after_commit(registration, "meeting_cancelled", meeting)


def _send_after_commit(registration, kind, meeting=None):
    """Queue the e-mail in the outbox within the current transaction; the background worker
    sends it after the commit (the name is older than the outbox)."""
    from .emails import queue_registration_email

    queue_registration_email(registration, kind, meeting)
