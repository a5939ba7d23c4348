"""Public comments on a draft plan and the public settlement table."""

from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from kpss_pages.core import exports
from kpss_pages.core.public_forms import guard

from ..emails import queue_comment_notification
from ..forms import CommentForm
from ..models import Comment

SENT_PARAM = "pripominka"


def comment_form_context(request, plan, chapter=None, measure=None):
    """Context for the comment box of a chapter or measure, or a redirect after a POST.
    A refused comment sets ``comment_status`` (400 errors, 429 too many) for the page."""
    context = {
        "comment_open": plan.consultation_open,
        "comment_closed": plan.consultation_closed and not plan.consultation_open,
        "comment_sent": request.GET.get(SENT_PARAM) == "odeslana",
        "comment_plan": plan,
    }
    if not plan.consultation_open:
        return context
    form = CommentForm(request.POST or None) if request.method == "POST" else CommentForm()
    if request.method == "POST":
        verdict = guard(request, form, "comment")
        if verdict.is_bot:  # the same answer as a real comment
            return HttpResponseRedirect(f"{request.path}?{SENT_PARAM}=odeslana#pripominky")
        if verdict.accepted:
            comment = form.save(commit=False)
            comment.plan, comment.chapter, comment.measure = plan, chapter, measure
            with transaction.atomic():  # the comment and the coordinator's e-mail
                comment.save()
                queue_comment_notification(comment)
            return HttpResponseRedirect(f"{request.path}?{SENT_PARAM}=odeslana#pripominky")
        context["comment_status"] = verdict.status
    context["comment_form"] = form
    return context


def settlement_table(request, plan):
    comments = list(Comment.objects.settlement_of(plan))
    return TemplateResponse(
        request,
        "kpss_plan/settlement.html",
        {"page": plan, "self": plan, "comments": comments},
    )


def settlement_csv(request, plan):
    header = [
        _("No."),
        _("Submitted"),
        _("Submitted by"),
        _("Concerns"),
        pgettext_lazy("plan comment", "Comment"),
        _("Settlement"),
        _("Justification"),
    ]
    rows = (
        [
            n,
            localtime(comment.created_at).date(),
            comment.public_author,
            comment.subject_label,
            comment.text,
            comment.get_settlement_display() if comment.settlement else _("Not settled yet"),
            comment.justification,
        ]
        for n, comment in enumerate(Comment.objects.settlement_of(plan), start=1)
    )
    return exports.csv_response(
        f"vyporadani-pripominek-{plan.start_year}-{plan.end_year}", header, rows
    )
