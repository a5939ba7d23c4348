"""Signed links and the e-mails of the subscription and the newsletter."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Site

from .models import Subscriber

CONFIRM_SALT = "kpss_news.confirm"
MANAGE_SALT = "kpss_news.manage"


def absolute_url(path, request=None):
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.NEWS_BASE_URL.rstrip("/") + path


def confirm_token(subscriber):
    return signing.dumps({"k": subscriber.key, "e": subscriber.email}, salt=CONFIRM_SALT)


def subscriber_from_confirm_token(token):
    """The unconfirmed or confirmed subscriber, or None if the link is invalid or expired."""
    try:
        data = signing.loads(
            token, salt=CONFIRM_SALT, max_age=settings.NEWS_CONFIRM_LINK_DAYS * 86400
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


def subscriber_urls(subscriber, request=None):
    token = manage_token(subscriber)
    return {
        "preferences_url": absolute_url(reverse("kpss_news:preferences", args=[token]), request),
        "unsubscribe_url": absolute_url(reverse("kpss_news:unsubscribe", args=[token]), request),
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


def _message(subject, template, context, to, headers=None, connection=None):
    text = render_to_string(f"kpss_news/email/{template}.txt", context)
    html = render_to_string(f"kpss_news/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def send_confirmation(subscriber, request=None):
    context = {
        **site_context(),
        **subscriber_urls(subscriber, request),
        "subscriber": subscriber,
        "confirm_url": absolute_url(
            reverse("kpss_news:confirm", args=[confirm_token(subscriber)]), request
        ),
        "days": settings.NEWS_CONFIRM_LINK_DAYS,
    }
    subject = _("Confirm your subscription to news about community planning")
    _message(subject, "confirm", context, subscriber.email).send()


def send_already_subscribed(subscriber, request=None):
    """Sent when a confirmed address subscribes again: the web page says nothing."""
    urls = subscriber_urls(subscriber, request)
    context = {**site_context(), **urls, "subscriber": subscriber}
    subject = _("You are already subscribed to news about community planning")
    _message(
        subject,
        "already_subscribed",
        context,
        subscriber.email,
        headers=list_unsubscribe_headers(urls["unsubscribe_url"]),
    ).send()


def issue_context(issue, subscriber=None, request=None):
    articles = issue.articles()
    for article in articles:
        article.absolute_url = absolute_url(article.url or "", request)
    if subscriber is not None:
        urls = subscriber_urls(subscriber, request)
    else:  # admin preview: links that show where the subscriber's own links go
        urls = {"preferences_url": "#", "unsubscribe_url": "#"}
    return {
        **site_context(),
        **urls,
        "issue": issue,
        "articles": articles,
        "web_url": absolute_url(issue.url or "", request),
    }


def render_issue_email(issue, subscriber=None, request=None):
    context = issue_context(issue, subscriber, request)
    return (
        render_to_string("kpss_news/email/issue.txt", context),
        render_to_string("kpss_news/email/issue.html", context),
    )


def build_issue_message(issue, subscriber, connection=None):
    context = issue_context(issue, subscriber)
    message = _message(
        issue.title,
        "issue",
        context,
        subscriber.email,
        headers=list_unsubscribe_headers(context["unsubscribe_url"]),
        connection=connection,
    )
    return message
