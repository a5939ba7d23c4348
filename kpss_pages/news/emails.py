"""Signed links and the e-mails of the subscription and the newsletter. Every e-mail is
rendered here and queued in the outbox (``kpss_pages.core.mail``); links use BASE_URL."""

import uuid

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from kpss_pages.core.conf import kpss_settings
from kpss_pages.core.mail import queue_email
from kpss_pages.core.mail.queue import build_email
from kpss_pages.core.models import OutgoingEmail
from kpss_pages.core.public_url import absolute_url, absolutize_links

from .models import Subscriber

Kind = OutgoingEmail.Kind
NEWS_KINDS = [
    Kind.SUBSCRIPTION_CONFIRM,
    Kind.ALREADY_SUBSCRIBED,
    Kind.NEWSLETTER_ISSUE,
    Kind.NEWSLETTER_TEST,
]

CONFIRM_SALT = "kpss_news.confirm"
MANAGE_SALT = "kpss_news.manage"


def confirm_token(subscriber):
    return signing.dumps({"k": subscriber.key, "e": subscriber.email}, salt=CONFIRM_SALT)


def subscriber_from_confirm_token(token):
    """The unconfirmed or confirmed subscriber, or None if the link is invalid or expired."""
    try:
        data = signing.loads(
            token, salt=CONFIRM_SALT, max_age=kpss_settings.NEWS_CONFIRM_LINK_DAYS * 86400
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict):
        return None
    return Subscriber.objects.filter(key=data.get("k"), email=data.get("e")).first()


def manage_token(subscriber):
    return signing.dumps(subscriber.key, salt=MANAGE_SALT)


def subscriber_from_manage_token(token):
    try:
        key = signing.loads(token, salt=MANAGE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(key, str):
        return None
    return Subscriber.objects.filter(key=key).first()


def subscriber_urls(subscriber):
    token = manage_token(subscriber)
    return {
        "preferences_url": absolute_url(reverse("kpss_news:preferences", args=[token])),
        "unsubscribe_url": absolute_url(reverse("kpss_news:unsubscribe", args=[token])),
    }


def list_unsubscribe_headers(unsubscribe_url):
    """RFC 2369 + RFC 8058 one-click unsubscription."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def site_context():
    from kpss_pages.core.models import KpssSettings

    site = Site.objects.filter(is_default_site=True).first()
    site_settings = KpssSettings.for_site(site) if site else None
    name = (site_settings.orp_name if site_settings else "") or (site.site_name if site else "")
    return {"site_name": name, "site_settings": site_settings}


def render_message(template, context):
    """(text, html) of ``kpss_news/email/<template>``, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return (
            render_to_string(f"kpss_news/email/{template}.txt", context),
            # Rich text (an issue's introduction) links to pages and documents by path.
            absolutize_links(render_to_string(f"kpss_news/email/{template}.html", context)),
        )


def _stamp(subscriber):
    sent = subscriber.confirmation_sent_at
    return sent.strftime("%Y%m%d%H%M%S%f") if sent else "0"


def queue_confirmation(subscriber):
    """The double opt-in e-mail; one per submission that ``confirmation_sent_at`` allows."""
    context = {
        **site_context(),
        **subscriber_urls(subscriber),
        "subscriber": subscriber,
        "confirm_url": absolute_url(reverse("kpss_news:confirm", args=[confirm_token(subscriber)])),
        "days": kpss_settings.NEWS_CONFIRM_LINK_DAYS,
    }
    text, html = render_message("confirm", context)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Confirm your subscription to news about community planning")
    return queue_email(
        kind=Kind.SUBSCRIPTION_CONFIRM,
        to=subscriber.email,
        subject=subject,
        body=text,
        html=html,
        key=f"subscriber:{subscriber.pk}:confirm:{_stamp(subscriber)}",
        about=subscriber,
    )


def queue_already_subscribed(subscriber):
    """Sent when a confirmed address subscribes again: the web page says nothing."""
    urls = subscriber_urls(subscriber)
    context = {**site_context(), **urls, "subscriber": subscriber}
    text, html = render_message("already_subscribed", context)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("You are already subscribed to news about community planning")
    return queue_email(
        kind=Kind.ALREADY_SUBSCRIBED,
        to=subscriber.email,
        subject=subject,
        body=text,
        html=html,
        headers=list_unsubscribe_headers(urls["unsubscribe_url"]),
        key=f"subscriber:{subscriber.pk}:already:{_stamp(subscriber)}",
        about=subscriber,
    )


def issue_context(issue, subscriber=None):
    articles = issue.articles()
    for article in articles:
        article.absolute_url = absolute_url(article) or ""
    if subscriber is not None:
        urls = subscriber_urls(subscriber)
    else:  # admin preview: links that show where the subscriber's own links go
        urls = {"preferences_url": "#", "unsubscribe_url": "#"}
    return {
        **site_context(),
        **urls,
        "issue": issue,
        "articles": articles,
        "web_url": absolute_url(issue) or "",
    }


def render_issue_email(issue, subscriber=None, request=None):
    return render_message("issue", issue_context(issue, subscriber))


def issue_email_key(issue_id, subscriber_id):
    return f"newsletter:{issue_id}:{subscriber_id}"


def build_issue_email(issue, subscriber, context=None):
    """The outbox row (unsaved) of ``issue`` for ``subscriber``. ``context`` is the issue's
    shared context, computed once for a whole send."""
    context = {**(context or issue_context(issue)), **subscriber_urls(subscriber)}
    text, html = render_message("issue", context)
    return build_email(
        kind=Kind.NEWSLETTER_ISSUE,
        to=subscriber.email,
        subject=issue.title,
        body=text,
        html=html,
        headers=list_unsubscribe_headers(context["unsubscribe_url"]),
        key=issue_email_key(issue.pk, subscriber.pk),
        about=issue,
    )


def queue_issue_test(issue, to):
    """A test copy of the issue's latest saved revision to one address, through the outbox
    like every e-mail. Its own kind: not counted in the issue's progress, never marks the
    issue sent; every request is a new e-mail (its own key)."""
    draft = issue.get_latest_revision_as_object()
    text, html = render_message("issue", issue_context(draft))
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[Test] %(title)s") % {"title": draft.title}
    return queue_email(
        kind=Kind.NEWSLETTER_TEST,
        to=to,
        subject=subject,
        body=text,
        html=html,
        key=f"newsletter-test:{issue.pk}:{uuid.uuid4().hex}",
        about=issue,
    )
