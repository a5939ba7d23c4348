"""Signal handlers of the news app, connected in ``NewsConfig.ready()``."""

from django.db.models.signals import post_delete


def forget_subscriber_emails(sender, instance, **kwargs):
    """An unsubscribed address is not kept anywhere: not in the outbox either, and what was
    not sent yet is cancelled."""
    from kpss_pages.core.mail import forget
    from kpss_pages.core.models import OutgoingEmail

    from .emails import NEWS_KINDS

    if instance.email:
        forget(OutgoingEmail.objects.filter(kind__in=NEWS_KINDS, to=instance.email))


def connect():
    from .models import Subscriber

    post_delete.connect(
        forget_subscriber_emails, sender=Subscriber, dispatch_uid="kpss_news_forget_emails"
    )
