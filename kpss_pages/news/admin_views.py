"""Admin: sending a newsletter issue and watching its progress."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from .emails import render_issue_email
from .models import Delivery, NewsletterIssuePage
from .sending import request_send


def _issue_for(request, pk, action):
    issue = get_object_or_404(NewsletterIssuePage, pk=pk)
    perms = issue.permissions_for_user(request.user)
    allowed = perms.can_publish() if action == "send" else perms.can_edit()
    if not allowed:
        raise PermissionDenied
    return issue


def issue_status(request, pk):
    issue = _issue_for(request, pk, "view")
    stats = issue.delivery_stats()
    return TemplateResponse(
        request,
        "kpss_news/admin/issue_status.html",
        {
            "issue": issue,
            "stats": stats,
            "matching": issue.matching_subscribers().count() if issue.live else 0,
            "failed": issue.deliveries.filter(status=Delivery.Status.FAILED),
            "can_send": issue.live and issue.permissions_for_user(request.user).can_publish(),
            "header_title": _("Sending: %(title)s") % {"title": issue.title},
            "page_title": _("Sending the newsletter"),
            "page_subtitle": issue.title,
            "header_icon": "mail",
        },
    )


def issue_preview(request, pk, mode):
    """The e-mail as subscribers will get it, from the latest saved revision."""
    issue = _issue_for(request, pk, "view")
    draft = issue.get_latest_revision_as_object()
    text, html = render_issue_email(draft, subscriber=None, request=request)
    if mode == "text":
        return HttpResponse(text, content_type="text/plain; charset=utf-8")
    return HttpResponse(html)


@require_POST
def issue_send(request, pk):
    issue = _issue_for(request, pk, "send")
    if not issue.live:
        messages.error(request, _("Publish the issue before sending it."))
    elif (
        issue.send_requested_at and issue.deliveries.filter(status=Delivery.Status.PENDING).exists()
    ):
        messages.warning(request, _("This issue is already being sent."))
    else:
        request_send(issue)
        messages.success(
            request,
            _("The issue is queued for sending. Progress is shown below."),
        )
    return redirect("kpss_news_issue_status", pk=issue.pk)


@require_POST
def issue_retry_failed(request, pk):
    issue = _issue_for(request, pk, "send")
    issue.deliveries.filter(status=Delivery.Status.FAILED, subscriber__isnull=False).update(
        status=Delivery.Status.PENDING, attempts=0
    )
    request_send(issue)
    messages.success(request, _("Failed deliveries are queued again."))
    return redirect("kpss_news_issue_status", pk=issue.pk)
