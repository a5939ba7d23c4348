"""E-mails sent in the background. A failed send is recorded and retried; data never waits."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override
from django_tasks import default_task_backend, task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def _retry_delay(attempts):
    return timedelta(minutes=5 * 2 ** (attempts - 1))


def render_mail(template, context):
    with override(settings.LANGUAGE_CODE):
        text = render_to_string(f"kpss_groups/email/{template}.txt", context).strip()
    subject, _, body = text.partition("\n")
    return subject.strip(), body.strip() + "\n"


@task()
def send_registration_email(registration_id, kind):
    from .models import Registration
    from .services import cancel_url

    registration = Registration.objects.select_related("meeting").filter(pk=registration_id).first()
    if registration is None or not registration.email or registration.purged_at:
        return "skipped"
    meeting = registration.meeting
    context = {
        "registration": registration,
        "meeting": meeting,
        "group": meeting.group,
        "kind": kind,
        "cancel_url": cancel_url(registration),
        "meeting_url": meeting.get_full_url(),
    }
    subject, body = render_mail(f"registration_{kind}", context)
    try:
        send_mail(subject, body, None, [registration.email])
    except Exception as exc:
        registration.email_attempts += 1
        registration.email_status = Registration.EmailStatus.FAILED
        registration.email_error = str(exc)[:300]
        registration.save(update_fields=["email_attempts", "email_status", "email_error"])
        logger.exception(
            "E-mail %s for registration %s failed (attempt %s)",
            kind,
            registration_id,
            registration.email_attempts,
        )
        _schedule_retry(send_registration_email, registration.email_attempts, registration_id, kind)
        return "failed"
    registration.email_attempts += 1
    registration.email_status = Registration.EmailStatus.SENT
    registration.email_error = ""
    registration.save(update_fields=["email_attempts", "email_status", "email_error"])
    return "sent"


def _schedule_retry(task_obj, attempts, *args):
    """Queue the task again later when the backend can defer; otherwise the
    ``resend_registration_emails`` command (run from cron) picks it up."""
    if attempts >= MAX_ATTEMPTS or not default_task_backend.supports_defer:
        return
    try:
        task_obj.using(run_after=timezone.now() + _retry_delay(attempts)).enqueue(*args)
    except Exception:
        logger.exception("Could not schedule a retry of %s", task_obj.name)


@task()
def send_application_email(application_id, kind, attempt=1):
    from .models import MembershipApplication

    application = (
        MembershipApplication.objects.select_related("group", "invited_to")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return "skipped"
    context = {
        "application": application,
        "group": application.group,
        "meeting": application.invited_to,
        "group_url": application.group.get_full_url(),
    }
    subject, body = render_mail(f"application_{kind}", context)
    recipients = [application.email]
    if kind == "received" and attempt == 1 and application.group.contact_email:
        staff_subject, staff_body = render_mail("application_notice", context)
        try:
            send_mail(staff_subject, staff_body, None, [application.group.contact_email])
        except Exception:
            logger.exception("Notice of application %s to the group failed", application_id)
    try:
        send_mail(subject, body, None, recipients)
    except Exception:
        logger.exception(
            "E-mail %s for application %s failed (attempt %s)", kind, application_id, attempt
        )
        _schedule_retry(send_application_email, attempt, application_id, kind, attempt + 1)
        return "failed"
    return "sent"
