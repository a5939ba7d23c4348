"""What makes cached pages stale: a saved, deleted or re-linked row of any model a public
page may show. Listed here are the models that cannot change a public page (logs, drafts,
sessions, the outbox, search statistics, image renditions made while rendering): everything
else, including models a host site or a later version adds, invalidates by default, so a
forgotten model costs a render, never a stale page."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import generation

IGNORED_APPS = {
    "admin",
    "auth",
    "contenttypes",
    "sessions",
    "axes",
    "django_tasks_database",
    "migrations",
    "wagtailadmin",
    "wagtailembeds",
    "wagtailsearch",
    "wagtailusers",
}
IGNORED_MODELS = {
    "kpss_core.outgoingemail",
    "kpss_core.pagecachegeneration",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.revision",
    "wagtailcore.taskstate",
    "wagtailcore.uploadedfile",
    "wagtailcore.workflowstate",
    "wagtailimages.rendition",
    "wagtailsearchpromotions.query",
    "wagtailsearchpromotions.querydailyhits",
}


def changes_public_pages(model):
    if model.__module__ == "__fake__":  # a migration's historical model: no pages served yet
        return False
    meta = model._meta
    return meta.app_label not in IGNORED_APPS and meta.label_lower not in IGNORED_MODELS


def content_changed(sender, **kwargs):
    if sender is None or changes_public_pages(sender):
        generation.bump()


def relation_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and changes_public_pages(type(instance)):
        generation.bump()


def connect():
    # Page saves fire post_save; the page signals also cover moves, which treebeard makes
    # with queryset updates.
    for signal, name in (
        (post_save, "save"),
        (post_delete, "delete"),
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_page_move, "moved"),
    ):
        signal.connect(content_changed, dispatch_uid=f"kpss_page_cache_{name}")
    m2m_changed.connect(relation_changed, dispatch_uid="kpss_page_cache_m2m")
