"""Serving a survey: closed outside its dates; when open, every answer passes the public
forms' guard (honeypot, rate limit per survey, validation)."""

from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.contrib.forms.views import SubmissionsListView

from kpss_pages.core import exports
from kpss_pages.core.public_forms import guard


class SurveySubmissionsListView(exports.SpreadsheetExportMixin, SubmissionsListView):
    """The admin's CSV/XLSX of the answers through the shared export module."""

    def export_value(self, item, field):
        return item.get_data().get(field)

    def get_filename(self):
        return f"{self.form_page.slug}-odpovedi-{timezone.localdate():%Y-%m-%d}"


def serve_survey(page, request, default_serve, *args, **kwargs):
    if not page.is_open:
        context = page.get_context(request)
        context["survey_closed"] = True
        context["survey_not_yet_open"] = bool(
            page.opens_on and timezone.localdate() < page.opens_on
        )
        return TemplateResponse(request, page.get_template(request), context)
    if request.method != "POST":
        return default_serve(request, *args, **kwargs)
    form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
    verdict = guard(request, form, "survey", key=page.pk)
    if verdict.is_bot:  # the same thank-you page as a real answer, nothing stored
        return page.render_landing_page(request, None, *args, **kwargs)
    if verdict.accepted:
        submission = page.process_form_submission(form)
        return page.render_landing_page(request, submission, *args, **kwargs)
    context = page.get_context(request)
    context["form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=verdict.status)
