"""The admin page of the Plone import: staff upload an export (JSON or zip), the worker
imports it, the page shows each import's state and report."""

import uuid
from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page

from .models import PloneImport
from .tasks import import_plone_upload


class PloneImportForm(forms.Form):
    export = forms.FileField(
        label=gettext_lazy("Export"),
        help_text=gettext_lazy(
            "collective.exportimport's JSON file, or a zip of it, of its directory of "
            "numbered files or of plone.exportimport's directory."
        ),
    )
    parent = forms.ModelChoiceField(
        queryset=Page.objects.filter(depth__gt=1),
        label=gettext_lazy("Import under the page"),
        widget=AdminPageChooser(),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Dry run: only the report, nothing is written"), required=False
    )


def can_import(user):
    """Imports create pages anywhere and redirects site-wide: superusers only."""
    return user.is_active and user.is_superuser


def plone_import(request):
    if not can_import(request.user):
        raise PermissionDenied
    form = PloneImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["export"]
        suffix = ".zip" if upload.name.lower().endswith(".zip") else ".json"
        path = default_storage.save(f"plone-imports/{uuid.uuid4().hex}{suffix}", upload)
        record = PloneImport.objects.create(
            user=request.user,
            file_name=PurePath(upload.name).name[:255],
            parent=form.cleaned_data["parent"],
            dry_run=form.cleaned_data["dry_run"],
        )
        import_plone_upload.enqueue(path, record.pk)
        messages.success(
            request,
            _("The export is being imported in the background; its report appears below."),
        )
        return redirect("kpss_plone_admin:import")
    return TemplateResponse(
        request,
        "kpss_plone/admin/import.html",
        {
            "form": form,
            "header_title": _("Import from Plone"),
            "imports": PloneImport.objects.select_related("user", "parent")[:20],
        },
    )
