"""Side effects of saving working-group models, connected in ``GroupsConfig.ready``.

A meeting that becomes cancelled notifies its registrants however it is saved: an editor
publishing a revision, ``save(update_fields=["cancelled", ...])`` in a script, or a
bulk-edit view. The state before the save is read in ``pre_save`` and compared in
``post_save``; the e-mails are queued in the outbox in the same transaction.
"""

from django.db.models.signals import post_save, pre_save

from .models import MeetingPage
from .registration import notify_cancelled_meeting

_WAS_CANCELLED = "_kpss_was_cancelled"


def remember_cancelled_state(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    if update_fields is not None and "cancelled" not in update_fields:
        return
    stored = MeetingPage.objects.filter(pk=instance.pk).values_list("cancelled", flat=True)
    setattr(instance, _WAS_CANCELLED, next(iter(stored), False))


def notify_when_cancelled(sender, instance, created=False, raw=False, **kwargs):
    was_cancelled = instance.__dict__.pop(_WAS_CANCELLED, None)
    if raw or created or was_cancelled is None:
        return
    if instance.cancelled and not was_cancelled:
        notify_cancelled_meeting(instance)


def connect():
    pre_save.connect(remember_cancelled_state, sender=MeetingPage, dispatch_uid="kpss_groups_pre")
    post_save.connect(notify_when_cancelled, sender=MeetingPage, dispatch_uid="kpss_groups_post")
