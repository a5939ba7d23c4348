"""Admin: sending a newsletter issue and watching its progress."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from kpss_pages.core.czech_dates import czech_datetime
from kpss_pages.core.models import OutgoingEmail

from .emails import queue_issue_test, render_issue_email
from .models import NewsletterIssuePage
from .sending import is_preparing, issue_emails, request_send, resume_issue, schedule_send

State = OutgoingEmail.State


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
    can_send = issue.live and issue.permissions_for_user(request.user).can_publish()
    return TemplateResponse(
        request,
        "kpss_news/admin/issue_status.html",
        {
            "issue": issue,
            "stats": stats,
            "matching": issue.matching_subscribers().count() if issue.live else 0,
            "failed": issue_emails(issue).filter(state=OutgoingEmail.State.FAILED)[:200],
            "can_send": can_send,
            "test_to": request.user.email,
            "schedule_form": ScheduleForm(),
            "can_resume": can_send and (stats["stuck"] or stats["preparing"]),
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
    elif is_preparing(issue) or (
        issue_emails(issue).filter(state__in=[State.PENDING, State.SENDING]).exists()
    ):
        messages.warning(
            request,
            _(
                "This issue is already being sent. If the progress below does not move, "
                "resume the sending."
            ),
        )
    else:
        request_send(issue)
        messages.success(
            request,
            _("The issue is queued for sending. Progress is shown below."),
        )
    return redirect("kpss_news_issue_status", pk=issue.pk)


@require_POST
def issue_resume(request, pk):
    """Carry on an interrupted send and try the failed e-mails again."""
    issue = _issue_for(request, pk, "send")
    count = resume_issue(issue)
    messages.success(
        request,
        ngettext(
            "Sending resumed: %(count)s e-mail queued again.",
            "Sending resumed: %(count)s e-mails queued again.",
            count,
        )
        % {"count": count},
    )
    return redirect("kpss_news_issue_status", pk=issue.pk)


@require_POST
def issue_test_send(request, pk):
    """A test copy to one address, queued in the outbox; the issue stays unsent."""
    issue = _issue_for(request, pk, "view")
    to = (request.POST.get("to") or "").strip()
    try:
        validate_email(to)
    except ValidationError:
        messages.error(request, _("Enter a valid e-mail address for the test."))
    else:
        with transaction.atomic():
            queue_issue_test(issue, to)
        messages.success(request, _("A test copy is queued for %(email)s.") % {"email": to})
    return redirect("kpss_news_issue_status", pk=issue.pk)


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(
        label=gettext_lazy("Send on (date and time)"),
        input_formats=["%Y-%m-%dT%H:%M", "%d. %m. %Y %H:%M", "%d.%m.%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean_when(self):
        when = self.cleaned_data["when"]
        if when <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."))
        return when


@require_POST
def issue_schedule(request, pk):
    """Schedule the sending (date and time in the site's time zone) or cancel it."""
    issue = _issue_for(request, pk, "send")
    if "cancel" in request.POST:
        with transaction.atomic():
            schedule_send(issue, None)
        messages.success(request, _("The scheduled sending is cancelled."))
        return redirect("kpss_news_issue_status", pk=issue.pk)
    form = ScheduleForm(request.POST)
    if not issue.live:
        messages.error(request, _("Publish the issue before sending it."))
    elif not form.is_valid():
        messages.error(request, " ".join(form.errors.get("when", [])))
    else:
        with transaction.atomic():
            schedule_send(issue, form.cleaned_data["when"])
        messages.success(
            request,
            _("The issue will be sent on %(when)s.")
            % {"when": czech_datetime(form.cleaned_data["when"])},
        )
    return redirect("kpss_news_issue_status", pk=issue.pk)


class SubscriberImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file"))
    dry_run = forms.BooleanField(label=gettext_lazy("Only check, save nothing"), required=False)


def subscriber_import(request):
    """Bring the subscribers of the old site (see ``importing``)."""
    from .importing import UnreadableFile, import_subscribers

    if not request.user.has_perm("kpss_news.add_subscriber"):
        raise PermissionDenied
    report = None
    form = SubscriberImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            form.add_error("file", _("The file is too large (at most 5 MB)."))
        else:
            try:
                report = import_subscribers(upload.read(), dry_run=form.cleaned_data["dry_run"])
            except UnreadableFile as exc:
                form.add_error("file", str(exc))
    return TemplateResponse(
        request,
        "kpss_news/admin/subscriber_import.html",
        {
            "form": form,
            "report": report,
            "dry_run": form.is_bound and form.is_valid() and form.cleaned_data["dry_run"],
            "header_title": _("Import subscribers"),
            "page_title": _("Import subscribers"),
            "header_icon": "mail",
        },
    )
