"""Subscription without an account: subscribe, confirm, preferences, unsubscribe.

These are plain Django views (not routable pages): the links in e-mails must keep working
whatever editors do with the page tree, and the RFC 8058 one-click endpoint must accept a
POST without a CSRF token or cookies.
"""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kpss_pages.core.conf import kpss_settings
from kpss_pages.core.public_forms import guard

from .emails import (
    manage_token,
    queue_already_subscribed,
    queue_confirmation,
    subscriber_from_confirm_token,
    subscriber_from_manage_token,
)
from .forms import PreferencesForm, SubscribeForm
from .models import Subscriber

logger = logging.getLogger(__name__)

# A confirmed or pending address gets at most one e-mail per this interval from the form.
RESEND_INTERVAL = timedelta(minutes=5)


def _set_topics(subscriber, data):
    subscriber.all_news = bool(data.get("all_news"))
    subscriber.save()
    subscriber.target_groups.set(data.get("target_groups") or [])
    subscriber.working_groups.set(data.get("working_groups") or [])


def _subscribe(request, data):
    email = data["email"]
    now = timezone.now()
    with transaction.atomic():
        # The form stores addresses in lower case; one stored otherwise (by staff) is the
        # same address all the same.
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        created = subscriber is None
        if created:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(email=email)
            except IntegrityError:  # a parallel request created it
                subscriber = Subscriber.objects.get(email=email)
                created = False
        if (
            not created
            and subscriber.confirmation_sent_at
            and now - subscriber.confirmation_sent_at < RESEND_INTERVAL
        ):
            return  # quietly: no mail bombing through the form
        if not subscriber.is_confirmed:
            # Topics of a confirmed subscriber change only through their own link; an
            # unconfirmed one starts afresh (and is purged only N days from now).
            subscriber.created_at = now
            _set_topics(subscriber, data)
        subscriber.confirmation_sent_at = now
        subscriber.save(update_fields=["confirmation_sent_at", "created_at"])
        # Queued with the subscription; the worker sends it, the request never waits.
        if subscriber.is_confirmed:
            queue_already_subscribed(subscriber)
        else:
            queue_confirmation(subscriber)


@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        verdict = guard(request, form, "subscription")
        if verdict.is_bot:  # the same answer as a real subscription
            return redirect("kpss_news:subscribe_done")
        if verdict.accepted:
            # New, pending or already subscribed: the same answer (who is subscribed is
            # nobody's business); the e-mail to the address tells the truth.
            _subscribe(request, form.cleaned_data)
            return redirect("kpss_news:subscribe_done")
        return render(request, "kpss_news/subscribe.html", {"form": form}, status=verdict.status)
    initial = {}
    email = request.GET.get("email", "")[:254]
    if email:
        initial["email"] = email
    return render(request, "kpss_news/subscribe.html", {"form": SubscribeForm(initial=initial)})


def subscribe_done(request):
    return render(
        request, "kpss_news/subscribe_done.html", {"days": kpss_settings.NEWS_CONFIRM_LINK_DAYS}
    )


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscriber = subscriber_from_confirm_token(token)
    if subscriber is None:
        return render(request, "kpss_news/confirm.html", {"invalid": True}, status=400)
    if request.method == "POST":
        if not subscriber.is_confirmed:
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["confirmed_at"])
        url = reverse("kpss_news:preferences", args=[manage_token(subscriber)])
        return redirect(f"{url}?potvrzeno=1")
    return render(request, "kpss_news/confirm.html", {"subscriber": subscriber})


@require_http_methods(["GET", "POST"])
def preferences(request, token):
    subscriber = subscriber_from_manage_token(token)
    if subscriber is None:
        return render(request, "kpss_news/preferences.html", {"invalid": True}, status=404)
    saved = False
    if request.method == "POST":
        form = PreferencesForm(request.POST, instance=subscriber)
        if form.is_valid():
            form.save()
            saved = True
        else:
            return render(
                request,
                "kpss_news/preferences.html",
                {"form": form, "subscriber": subscriber, "token": token},
                status=400,
            )
    else:
        form = PreferencesForm(instance=subscriber)
    return render(
        request,
        "kpss_news/preferences.html",
        {
            "form": form,
            "subscriber": subscriber,
            "token": token,
            "saved": saved,
            "just_confirmed": request.GET.get("potvrzeno") == "1",
        },
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks for confirmation; POST (the form or a mail client, RFC 8058) unsubscribes."""
    subscriber = subscriber_from_manage_token(token)
    if request.method == "POST":
        if subscriber is not None:
            subscriber.delete()  # nothing about the address is kept
        return render(request, "kpss_news/unsubscribed.html")
    if subscriber is None:
        return render(request, "kpss_news/unsubscribed.html")
    return render(request, "kpss_news/unsubscribe.html", {"subscriber": subscriber, "token": token})
