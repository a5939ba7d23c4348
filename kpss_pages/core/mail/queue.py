"""Writing e-mails into the outbox, resuming and forgetting them."""

import logging
import re
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from ..models import OutgoingEmail
from ..public_url import base_url
from . import conf

logger = logging.getLogger(__name__)

State = OutgoingEmail.State


def _subject(text):
    # A line break in a subject would make the message unsendable (header injection guard).
    return re.sub(r"\s+", " ", str(text)).strip()[:500]


def build_email(*, kind, to, subject, body, key, html="", headers=None, about=None):
    """An unsaved outbox row holding the message exactly as it will leave."""
    domain = urlsplit(base_url()).hostname or "localhost"
    row = OutgoingEmail(
        kind=kind,
        to=to.strip(),
        from_email=settings.DEFAULT_FROM_EMAIL,
        subject=_subject(subject),
        body=body,
        html=html or "",
        # A stable Message-ID lets mail clients drop the copy if a crash ever makes the
        # worker send a message twice (see the README: "at least once" for one instant).
        headers={"Message-ID": make_msgid(domain=domain), **(headers or {})},
        key=key[:200],
        bulk=kind in OutgoingEmail.BULK_KINDS,
    )
    if about is not None:
        row.content_type = ContentType.objects.get_for_model(about, for_concrete_model=True)
        row.object_id = about.pk
    return row


def queue_email(*, kind, to, subject, body, key, html="", headers=None, about=None, wake=True):
    """Queue one e-mail in the caller's transaction; the worker is woken after the commit.

    ``key`` names the logical e-mail (e.g. ``registration:12:confirmed``): queuing the same
    key again returns the existing row and sends nothing more. Returns the row, or None
    when there is no recipient."""
    if not to or not to.strip():
        return None
    existing = OutgoingEmail.objects.filter(key=key[:200]).first()
    if existing is not None:
        return existing
    row = build_email(
        kind=kind,
        to=to,
        subject=subject,
        body=body,
        key=key,
        html=html,
        headers=headers,
        about=about,
    )
    try:
        with transaction.atomic():  # a savepoint: a parallel duplicate must not break the caller
            row.save()
    except IntegrityError:
        return OutgoingEmail.objects.get(key=row.key)
    if wake:
        wake_worker()
    return row


def queue_emails(rows, wake=True):
    """Queue many rows from :func:`build_email` at once; rows whose key is already in the
    outbox are skipped. Returns the number of new rows."""
    rows = list(rows)
    if not rows:
        return 0
    keys = [row.key for row in rows]
    before = OutgoingEmail.objects.filter(key__in=keys).count()
    OutgoingEmail.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    created = OutgoingEmail.objects.filter(key__in=keys).count() - before
    if created and wake:
        wake_worker()
    return created


def _enqueue_delivery():
    from .delivery import deliver_emails

    try:
        deliver_emails.enqueue()
    except Exception:  # the rows stay pending: the next run or `send_queued_emails` sends them
        logger.exception("Could not queue the delivery of e-mails")


def wake_worker():
    """Start a delivery run once the current transaction commits. Extra runs find nothing
    to do, so callers need not count them."""
    transaction.on_commit(_enqueue_delivery)


def stuck(queryset=None, now=None):
    """E-mails that need staff's attention: failed, left "being sent" by a killed worker,
    or waiting past their time (no worker is running)."""
    now = now or timezone.now()
    late = now - conf.reclaim_after()
    queryset = OutgoingEmail.objects.all() if queryset is None else queryset
    condition = Q(state=State.FAILED) | Q(state=State.SENDING, claimed_at__lt=late)
    # Waiting rows of a long send are not stuck while a worker is busy with the queue.
    if not OutgoingEmail.objects.filter(claimed_at__gte=late).exists():
        condition |= Q(state=State.PENDING, next_attempt_at__lt=late)
    return queryset.filter(condition).exclude(to="")


def resume(queryset=None):
    """Queue failed, interrupted and waiting e-mails again, to be sent now (waiting ones
    without their back-off), exactly as they were; returns how many. A failed e-mail gets
    one more attempt."""
    now = timezone.now()
    queryset = OutgoingEmail.objects.all() if queryset is None else queryset
    queryset = queryset.exclude(to="")
    count = queryset.filter(state=State.PENDING).update(next_attempt_at=now)
    count += queryset.filter(state=State.FAILED).update(state=State.PENDING, next_attempt_at=now)
    count += queryset.filter(state=State.SENDING, claimed_at__lt=now - conf.reclaim_after()).update(
        state=State.PENDING, next_attempt_at=now
    )
    wake_worker()  # also for rows that waited past their time with no worker running
    return count


def forget(queryset):
    """Remove recipients and contents (personal data) of these e-mails; their kind, state and
    dates stay for the counts. Those not sent yet are cancelled."""
    queryset.filter(state__in=[State.PENDING, State.FAILED]).update(state=State.CANCELLED)
    return queryset.update(to="", body="", html="", headers={}, last_error="")
