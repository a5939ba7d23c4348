"""Sending a newsletter issue: one outbox row per subscriber, never two e-mails.

"Rozeslat" records the request and queues :func:`queue_issue_task`; the worker renders the
issue for every matching confirmed subscriber without one yet (unique key per issue and
subscriber) into the outbox, in chunks that each commit, and the outbox's delivery sends
them (claims, retries, recovery after a crash: ``kpss_pages.core.mail.delivery``).

A worker killed while rendering leaves its task RUNNING for good (django-tasks-db does not
run it again), so each run first queues a follow-up run after the reclaim timeout; the
follow-up finds the issue done (``queued_at``) and does nothing, or carries on.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django_tasks import task

from kpss_pages.core.mail import conf, queue_emails, resume
from kpss_pages.core.mail.queue import stuck
from kpss_pages.core.models import OutgoingEmail

from .emails import build_issue_email, issue_context, issue_email_key
from .models import NewsletterIssuePage

logger = logging.getLogger(__name__)

CHUNK = 100
State = OutgoingEmail.State


def issue_emails(issue):
    """The outbox rows of an issue (one per subscriber it was queued for)."""
    return OutgoingEmail.objects.filter(
        kind=OutgoingEmail.Kind.NEWSLETTER_ISSUE,
        content_type=ContentType.objects.get_for_model(NewsletterIssuePage),
        object_id=issue.pk,
    )


def delivery_stats(issue):
    counts = dict(issue_emails(issue).values_list("state").annotate(n=Count("pk")))
    stats = {state: counts.get(state, 0) for state in State.values}
    stats["total"] = sum(counts.values())
    stats["remaining"] = stats[State.PENDING]
    stats["stuck"] = stuck(issue_emails(issue)).count()
    stats["preparing"] = is_preparing(issue)
    return stats


def is_preparing(issue):
    """Sending was requested and the e-mails are not all in the outbox yet."""
    return bool(issue.send_requested_at) and (
        issue.queued_at is None or issue.queued_at < issue.send_requested_at
    )


def queue_issue(issue_id):
    """Put the issue for every matching confirmed subscriber without it into the outbox.
    Safe to run concurrently and to repeat; returns the number of e-mails queued."""
    issue = NewsletterIssuePage.objects.get(pk=issue_id)
    if not issue.live:
        logger.warning("Newsletter %s is not published; not sent.", issue_id)
        return 0
    started = timezone.now()
    issue.freeze_articles()
    context = issue_context(issue)
    queued = 0
    subscribers = issue.matching_subscribers().order_by("pk")
    existing = set(issue_emails(issue).values_list("key", flat=True))
    batch = []
    for subscriber in list(subscribers.only("pk", "email", "key")):
        if issue_email_key(issue.pk, subscriber.pk) in existing:
            continue
        batch.append(build_issue_email(issue, subscriber, context))
        if len(batch) >= CHUNK:
            queued += _queue_chunk(batch)
            batch = []
    queued += _queue_chunk(batch)
    NewsletterIssuePage.objects.filter(pk=issue.pk).update(queued_at=started)
    NewsletterIssuePage.objects.filter(pk=issue.pk, sent_at__isnull=True).update(sent_at=started)
    logger.info("Newsletter %s: %s e-mails queued.", issue_id, queued)
    return queued


def _queue_chunk(rows):
    with transaction.atomic():
        return queue_emails(rows)


def send_issue(issue_id):
    """Queue the issue and deliver what is due in this process (tests, the shell)."""
    from kpss_pages.core.mail.delivery import deliver_due

    queued = queue_issue(issue_id)
    deliver_due()
    return queued


@task()
def queue_issue_task(issue_id):
    issue = NewsletterIssuePage.objects.filter(pk=issue_id).first()
    if issue is None or not is_preparing(issue):
        return 0
    if queue_issue_task.get_backend().supports_defer:
        follow_up = queue_issue_task.using(run_after=timezone.now() + conf.reclaim_after())
        follow_up.enqueue(issue_id)
    return queue_issue(issue_id)


def request_send(issue):
    """Called from the admin: record the request and queue the work; nothing is sent in
    the request."""
    NewsletterIssuePage.objects.filter(pk=issue.pk).update(
        send_requested_at=timezone.now(), send_scheduled_at=None
    )
    issue.freeze_articles()
    transaction.on_commit(lambda: queue_issue_task.enqueue(issue.pk))


def resume_issue(issue):
    """Carry on a stuck send: unfinished preparation, interrupted, waiting and failed
    e-mails. Returns the number of e-mails queued again."""
    if is_preparing(issue):
        transaction.on_commit(lambda: queue_issue_task.enqueue(issue.pk))
    return resume(issue_emails(issue))


def schedule_send(issue, when):
    """Send the issue at ``when`` (or cancel with None). The worker's task runs then; a task
    left over from an earlier or cancelled schedule finds nothing due and does nothing."""
    NewsletterIssuePage.objects.filter(pk=issue.pk).update(send_scheduled_at=when)
    if when is not None and scheduled_send_task.get_backend().supports_defer:
        deferred = scheduled_send_task.using(run_after=when)
        transaction.on_commit(lambda: deferred.enqueue(issue.pk))


def start_due_sends(issue_id=None):
    """Start the scheduled sends that are due (the deferred task, and
    ``send_scheduled_newsletters`` from cron as a safety net). Clearing the schedule is a
    conditional update only one caller wins; the send itself never goes twice to anyone
    (``queue_issue``). Returns the number of issues started."""
    due = NewsletterIssuePage.objects.filter(send_scheduled_at__lte=timezone.now())
    if issue_id is not None:
        due = due.filter(pk=issue_id)
    started = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            won = NewsletterIssuePage.objects.filter(
                pk=pk, send_scheduled_at__lte=timezone.now()
            ).update(send_scheduled_at=None)
            if not won:
                continue
            issue = NewsletterIssuePage.objects.get(pk=pk)
            if not issue.live:
                logger.warning("Newsletter %s is not published; scheduled send skipped.", pk)
                continue
            request_send(issue)
            started += 1
    return started


@task()
def scheduled_send_task(issue_id):
    return start_due_sends(issue_id)
