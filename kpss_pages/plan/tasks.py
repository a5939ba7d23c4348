"""Background work of the plan: telling the coordinator that a comment waits for moderation."""

from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.models import Site

from kpss_pages.core.models import KpssSettings


@task()
def notify_new_comment(comment_id):
    from django.conf import settings as django_settings

    with translation.override(django_settings.LANGUAGE_CODE):
        _notify(comment_id)


def _notify(comment_id):
    from .models import Comment

    comment = Comment.objects.select_related("plan").filter(pk=comment_id).first()
    site = Site.objects.filter(is_default_site=True).first()
    settings = KpssSettings.for_site(site) if site else None
    if comment is None or not settings or not settings.coordinator_email:
        return
    from django.conf import settings as django_settings

    edit_url = django_settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailsnippets_kpss_plan_comment:edit", args=[comment.pk]
    )
    send_mail(
        _("New comment on the draft plan: %(subject)s") % {"subject": comment.subject_label},
        _(
            "A new comment on “%(plan)s” waits for moderation.\n\n%(text)s\n\n"
            "Moderate and settle it in the administration: %(url)s"
        )
        % {"plan": comment.plan.title, "text": comment.text, "url": edit_url},
        None,
        [settings.coordinator_email],
    )
