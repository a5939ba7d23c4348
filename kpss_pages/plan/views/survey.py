"""Serving a survey: closed outside its dates, honeypot and rate limit when open."""

from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.forms.views import SubmissionsListView

from kpss_pages.core import exports, public_forms

from ..models.survey import HONEYPOT_FIELD

RATE_LIMIT = 10
RATE_WINDOW = 600


class SurveySubmissionsListView(exports.SpreadsheetExportMixin, SubmissionsListView):
    """The admin's CSV/XLSX of the answers through the shared export module."""

    def export_value(self, item, field):
        return item.get_data().get(field)

    def get_filename(self):
        return f"{self.form_page.slug}-odpovedi-{timezone.localdate():%Y-%m-%d}"


def _rate_limited(request, page):
    return public_forms.rate_limited(request, f"plan:survey:{page.pk}", RATE_LIMIT, RATE_WINDOW)


def serve_survey(page, request, default_serve, *args, **kwargs):
    if not page.is_open:
        context = page.get_context(request)
        context["survey_closed"] = True
        context["survey_not_yet_open"] = bool(
            page.opens_on and timezone.localdate() < page.opens_on
        )
        return TemplateResponse(request, page.get_template(request), context)
    if request.method == "POST":
        if request.POST.get(HONEYPOT_FIELD):
            return page.render_landing_page(request, None)
        form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
        if form.is_valid() and _rate_limited(request, page):
            form.add_error(None, _("Too many answers from your address. Try again later."))
            context = page.get_context(request)
            context["form"] = form
            return TemplateResponse(request, page.get_template(request), context)
    return default_serve(request, *args, **kwargs)
