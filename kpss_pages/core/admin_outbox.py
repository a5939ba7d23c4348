"""Admin: the outbox ("Odchozí e-maily"), read-only, with what is stuck and a way to resume.

Seeing it needs the permission *view outgoing e-mail*, resuming *resume sending of e-mails*.
Nobody, not even a superuser, adds, edits or deletes rows: they are the record of what was
sent."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

try:
    from wagtail.permissions import register_permission_policy
except ImportError:  # Wagtail < 8
    register_permission_policy = None

from . import czech_dates
from .mail.queue import resume, stuck
from .models import OutgoingEmail


def czech_datetime(value):
    if not value:
        return "—"
    return czech_dates.czech_datetime(value)


class OutboxPermissionPolicy(ModelPermissionPolicy):
    """Only *view* and *resume* exist; add, change and delete are refused to everyone."""

    ACTIONS = {"view", "resume"}

    def user_has_permission(self, user, action):
        return action in self.ACTIONS and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a in self.ACTIONS])


class OutboxFilterSet(WagtailFilterSet):
    stuck = django_filters.BooleanFilter(
        label=_("Stuck"),
        method="filter_stuck",
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = OutgoingEmail
        fields = ["kind", "state"]

    def filter_stuck(self, queryset, name, value):
        if value is None:
            return queryset
        stuck_ids = stuck(queryset).values("pk")
        return queryset.filter(pk__in=stuck_ids) if value else queryset.exclude(pk__in=stuck_ids)


class OutboxIndexView(IndexView):
    template_name = "kpss_core/admin/outbox_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        context["stuck_count"] = stuck(now=now).count()
        context["can_resume"] = self.permission_policy.user_has_permission(
            self.request.user, "resume"
        )
        return context


class OutboxInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        if field_name in ("next_attempt_at", "claimed_at", "created_at", "sent_at"):
            return czech_datetime(getattr(self.object, field_name))
        return super().get_field_display_value(field_name, field)


class OutboxViewSet(ModelViewSet):
    model = OutgoingEmail
    icon = "mail"
    menu_label = _("Outgoing e-mails")
    add_to_settings_menu = True
    url_prefix = "odchozi-emaily"
    name = "kpss_core_outbox"
    index_view_class = OutboxIndexView
    inspect_view_class = OutboxInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = OutboxFilterSet
    form_fields = ["subject"]  # the edit views exist but the policy refuses them to all
    search_fields = ["to", "subject"]
    search_backend_name = None
    list_per_page = 50
    inspect_view_fields = [
        "kind",
        "state",
        "to",
        "from_email",
        "subject",
        "body",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "claimed_at",
        "sent_at",
        "key",
    ]
    list_display = [
        "subject",
        "kind",
        "to",
        "state",
        "attempts",
        Column("created_at", label=_("queued"), accessor=lambda e: czech_datetime(e.created_at)),
        Column(
            "next_attempt_at",
            label=_("next attempt"),
            accessor=lambda e: (
                czech_datetime(e.next_attempt_at) if e.state == OutgoingEmail.State.PENDING else "—"
            ),
        ),
        Column("sent_at", label=_("sent"), accessor=lambda e: czech_datetime(e.sent_at)),
    ]

    if register_permission_policy is None:  # Wagtail 7.4: the view set carries the policy

        @cached_property
        def permission_policy(self):
            return OutboxPermissionPolicy(self.model)

    def get_urlpatterns(self):
        from django.urls import path

        return [
            *super().get_urlpatterns(),
            path("pokracovat/", self.resume_view, name="resume"),
        ]

    @property
    def resume_view(self):
        policy = self.permission_policy
        index_url_name = self.get_url_name("index")

        @require_POST
        def view(request):
            if not policy.user_has_permission(request.user, "resume"):
                raise PermissionDenied
            count = resume(stuck())
            messages.success(
                request,
                ngettext(
                    "Sending resumed: %(count)s e-mail queued again.",
                    "Sending resumed: %(count)s e-mails queued again.",
                    count,
                )
                % {"count": count},
            )
            return redirect(index_url_name)

        return view


def register():
    """Called from wagtail_hooks before the view set is registered."""
    if register_permission_policy is not None:
        register_permission_policy(OutgoingEmail, OutboxPermissionPolicy(OutgoingEmail))
    return OutboxViewSet()
