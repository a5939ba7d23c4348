"""Admin integration: subscribers (staff with permission, CSV export), issue sending,
home page section."""

import datetime

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, InspectView, SnippetViewSet

from kpss_pages.core import exports
from kpss_pages.core.site_pages import first_site_page

from . import admin_views
from .models import NewsIndexPage, NewsletterIssuePage, Subscriber

HOME_ARTICLES = 3


class SubscriberIndexView(exports.SpreadsheetExportMixin, IndexView):
    """The list needs the view permission; exporting needs ``export_subscriber`` too."""

    def can_export(self):
        return self.request.user.has_perm("kpss_news.export_subscriber")

    @cached_property
    def show_export_buttons(self):
        return bool(self.list_export) and self.can_export()

    def dispatch(self, request, *args, **kwargs):
        if self.is_export and not self.can_export():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("target_groups", "working_groups")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm("kpss_news.add_subscriber"):
            buttons.append(
                HeaderButton(
                    _("Import from CSV"),
                    url=reverse("kpss_news_subscriber_import"),
                    icon_name="upload",
                )
            )
        return buttons


class SubscriberInspectView(InspectView):
    def get_consent_at_display_value(self):
        return self.object.consent_date_display() or "—"

    def get_consent_source_display_value(self):
        return self.object.consent_source or "—"


class ConsentPanel(FieldPanel):
    """The earlier consent, read-only in the edit form: a dash when there is none."""

    def __init__(self, field_name, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        if isinstance(value, datetime.datetime):
            return Subscriber(consent_at=value).consent_date_display()
        return value or "—"


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    index_view_class = SubscriberIndexView
    inspect_view_class = SubscriberInspectView
    icon = "mail"
    menu_label = _("Newsletter subscribers")
    menu_name = "newsletter-subscribers"
    add_to_admin_menu = True
    menu_order = 450
    list_display = ["email", "topics_display", "created_at", "confirmed_at", "consent_display"]
    list_filter = {"confirmed_at": ["isnull"]}
    list_export = [
        "email",
        "all_news",
        "topics_display",
        "created_at",
        "confirmed_at",
        "consent_at",
        "consent_source",
    ]
    export_headings = {
        "email": _("e-mail"),
        "all_news": _("all news"),
        "topics_display": _("topics"),
        "created_at": _("subscribed"),
        "confirmed_at": _("confirmed"),
        "consent_at": _("earlier consent given"),
        "consent_source": _("source of earlier consent"),
    }
    export_filename = "odberatele-zpravodaje"
    search_fields = ["email"]
    ordering = ["email"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "email",
        "topics_display",
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
        "consent_at",
        "consent_source",
    ]
    # The earlier consent is a record of what the old site's subscriber agreed to (brought
    # by the import): shown, not edited.
    panels = [
        FieldPanel("email"),
        FieldPanel("all_news"),
        FieldPanel("target_groups"),
        FieldPanel("working_groups"),
        FieldPanel("confirmed_at"),
        ConsentPanel("consent_at"),
        ConsentPanel("consent_source"),
    ]


register_snippet(SubscriberViewSet)


@hooks.register("register_admin_urls")
def news_admin_urls():
    return [
        path("zpravodaj/<int:pk>/", admin_views.issue_status, name="kpss_news_issue_status"),
        path(
            "zpravodaj/import-odberatelu/",
            admin_views.subscriber_import,
            name="kpss_news_subscriber_import",
        ),
        path(
            "zpravodaj/<int:pk>/nahled/<str:mode>/",
            admin_views.issue_preview,
            name="kpss_news_issue_preview",
        ),
        path("zpravodaj/<int:pk>/odeslat/", admin_views.issue_send, name="kpss_news_issue_send"),
        path(
            "zpravodaj/<int:pk>/naplanovat/",
            admin_views.issue_schedule,
            name="kpss_news_issue_schedule",
        ),
        path(
            "zpravodaj/<int:pk>/zkouska/",
            admin_views.issue_test_send,
            name="kpss_news_issue_test_send",
        ),
        path(
            "zpravodaj/<int:pk>/pokracovat/",
            admin_views.issue_resume,
            name="kpss_news_issue_resume",
        ),
    ]


def _issue_button(page, user, priority):
    if page.specific_class is not NewsletterIssuePage:
        return None
    if not page.permissions_for_user(user).can_edit():
        return None
    return PageMenuItem(
        _("Send / progress"),
        reverse("kpss_news_issue_status", args=[page.pk]),
        icon_name="mail",
        priority=priority,
        page=page,
    )


@hooks.register("register_page_header_buttons")
def issue_header_button(page, user, view_name, next_url=None):
    button = _issue_button(page, user, 25)
    if button:
        yield button


@hooks.register("register_page_listing_more_buttons")
def issue_listing_button(page, user, next_url=None):
    button = _issue_button(page, user, 25)
    if button:
        yield button


@hooks.register("kpss_home_sections")
def latest_news_section(page, request):
    index = first_site_page(NewsIndexPage, request, page)
    if index is None:
        return None
    articles = list(index.articles()[:HOME_ARTICLES])
    return {
        "order": 30,
        "template": "kpss_news/home_section.html",
        "news_index": index,
        "articles": articles,
    }
