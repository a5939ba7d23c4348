"""Staff views of the catalogue outside modeladmin: yearly verification list, register
import by upload, PDF download."""

import logging
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import require_admin_access
from wagtail.log_actions import log

from kpss_pages.core.conf import kpss_settings
from kpss_pages.core.pdf import pdf_response

from .forms import RegisterImportForm
from .importer import RegisterImportError, area_codes_for, import_register
from .models import RegisterImport, Service
from .pdf import catalogue_pdf as render_catalogue_pdf
from .pdf import whole_catalogue_titles
from .permissions import sees_all_services
from .tasks import import_register_file

logger = logging.getLogger(__name__)


@require_admin_access
def verification(request):
    """Entries not verified for more than CATALOG_VERIFY_MONTHS months, oldest first; a
    provider editor sees only their own providers' entries."""
    services = (
        Service.objects.for_user(request.user)
        .filter(is_ended=False)
        .stale()
        .select_related("provider", "service_type", "verified_by")
        .order_by("last_verified", "name")
    )
    if not (sees_all_services(request.user) or request.user.has_perm("catalog.change_service")):
        raise PermissionDenied
    paginator = Paginator(services, 50)
    page = paginator.get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "catalog/admin/verification.html",
        {
            "page_obj": page,
            "months": kpss_settings.CATALOG_VERIFY_MONTHS,
            "header_title": _("Verification of catalogue entries"),
        },
    )


@require_admin_access
@require_POST
def mark_verified(request, pk):
    if not request.user.has_perm("catalog.change_service"):
        raise PermissionDenied
    service = get_object_or_404(Service.objects.for_user(request.user), pk=pk)
    service.last_verified = timezone.localdate()
    service.verified_by = request.user
    service.save(update_fields=["last_verified", "verified_by", "updated"])
    log(instance=service, action="catalog.verified", user=request.user)
    messages.success(request, _("“%(name)s” marked as verified today.") % {"name": service.name})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    return redirect(next_url or "catalog_admin:verification")


@require_admin_access
def catalogue_pdf(request):
    """The whole active catalogue for the yearly print run."""
    if not request.user.has_perm("catalog.view_service"):
        raise PermissionDenied
    pdf = render_catalogue_pdf(None, request, whole_catalogue_titles()[0])
    return pdf_response(pdf, "katalog-sluzeb.pdf", inline=False)


@require_admin_access
def register_import(request):
    """Upload a register file; small files are imported at once (with the report shown),
    large ones by the background worker."""
    if not sees_all_services(request.user):
        raise PermissionDenied
    report_lines = None
    if request.method == "POST":
        form = RegisterImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            chosen = form.cleaned_data["municipalities"]
            try:
                codes = area_codes_for([m.code for m in chosen])
                if upload.size <= kpss_settings.CATALOG_IMPORT_SYNC_MAX_MB * 1024 * 1024:
                    report = import_register(
                        upload.open("rb"),
                        codes,
                        dry_run=form.cleaned_data["dry_run"],
                        user=request.user,
                    )
                    report_lines = list(report.lines())
                else:
                    path = default_storage.save(f"catalog-imports/{uuid.uuid4().hex}.json", upload)
                    record = RegisterImport.objects.create(
                        user=request.user,
                        file_name=upload.name[:255],
                        area=sorted(codes),
                        dry_run=form.cleaned_data["dry_run"],
                    )
                    import_register_file.enqueue(path, record.pk)
                    messages.success(
                        request,
                        _(
                            "The file is large: it is being imported in the background. Its "
                            "report will appear below under Imports in the background."
                        ),
                    )
                    return redirect("catalog_admin:import")
            except RegisterImportError as error:
                form.add_error(
                    "file", _("%(error)s The database was not changed.") % {"error": error}
                )
            except Exception:
                # Never a server error page for a file: the transaction rolled back.
                logger.exception("register import failed")
                form.add_error(
                    "file", _("The import failed unexpectedly. The database was not changed.")
                )
    else:
        form = RegisterImportForm()
    return TemplateResponse(
        request,
        "catalog/admin/import.html",
        {
            "form": form,
            "report_lines": report_lines,
            "header_title": _("Import from the register"),
            "background_imports": RegisterImport.objects.select_related("user")[:10],
        },
    )
