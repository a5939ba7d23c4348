"""Membership applications (seed 004): guest invitation, approval creating the member entry."""

from django.db import transaction
from django.utils import timezone

from .models import GroupMember, MembershipApplication


def notify(application, kind):
    """Queue the applicant's e-mail in the outbox with the change that caused it."""
    from .emails import queue_application_email

    queue_application_email(application, kind)


@transaction.atomic
def invite(application, meeting=None):
    """Invite the applicant as a guest to ``meeting`` (default: the group's next meeting)."""
    meeting = meeting or application.group.next_meeting()
    application.status = MembershipApplication.Status.INVITED
    application.invited_to = meeting
    application.save(update_fields=["status", "invited_to"])
    notify(application, "invited")
    return meeting


@transaction.atomic
def approve(application, user=None):
    """Approve and add the member through a page revision, so a later publish keeps it."""
    if application.member_id is None:
        group = application.group
        publish = group.live and not group.has_unpublished_changes
        page = group.get_latest_revision_as_object()
        page.members.add(
            GroupMember(
                name=application.name,
                organisation=application.organisation,
                category=application.category,
                role=GroupMember.Role.MEMBER,
                public_name_consent=application.public_name_consent,
                email=application.email,
                sort_order=len(page.members.all()),
            )
        )
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
            application.member = (
                GroupMember.objects.filter(group=group, email=application.email)
                .order_by("-pk")
                .first()
            )
    application.status = MembershipApplication.Status.APPROVED
    application.decided_at = timezone.now()
    application.save(update_fields=["member", "status", "decided_at"])
    notify(application, "approved")


@transaction.atomic
def decline(application):
    application.status = MembershipApplication.Status.DECLINED
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at"])
    notify(application, "declined")
