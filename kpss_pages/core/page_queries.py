"""Page querysets of the plugin set: Wagtail's ``.public()`` reads every view restriction
anew for each queryset (two queries per list: the restrictions, then the pages). A page
of this site shows several lists (news, meetings, plan, sections), so within one request
the restrictions are read once and reused; outside requests (commands, the worker) and on
any change of a restriction or a page's place in the tree they are read again."""

from contextvars import ContextVar

from django.db.models import Q
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

# None: not inside a request, read as Wagtail does; a dict: this request's memo.
_memo: ContextVar[dict | None] = ContextVar("kpss_restricted_pages", default=None)


def restricted_pages():
    """The pages with a view restriction (each covers its subtree), or None outside a
    request."""
    memo = _memo.get()
    if memo is None:
        return None
    if "pages" not in memo:
        memo["pages"] = _restricted_pages_now()
    return memo["pages"]


def _read_restricted_pages():
    return [r.page for r in PageViewRestriction.objects.select_related("page")]


def _restricted_pages_now():
    """Read under the content generation (a saved or deleted restriction replaces it), but
    never inside a transaction: a list read from a change that is then rolled back would
    be kept for every process under a generation that stays."""
    from django.db import connection

    from .conf import kpss_settings
    from .page_cache import generation
    from .page_cache.fragments import kept

    seconds = kpss_settings.KPSS_PAGE_CACHE_SECONDS
    if seconds <= 0 or connection.in_atomic_block:
        return _read_restricted_pages()
    return kept(f"kpss:restricted-pages:{generation.current()}", _read_restricted_pages, seconds)


class KpssPageQuerySet(PageQuerySet):
    def private_q(self):
        pages = restricted_pages()
        if pages is None:
            return super().private_q()
        q = Q()
        for page in pages:
            q |= self.descendant_of_q(page, inclusive=True)
        return q if q else Q(pk__in=[])


class KpssPageManager(PageManager.from_queryset(KpssPageQuerySet)):
    """The manager of every page type of the plugin set (Wagtail requires page managers
    to subclass ``PageManager``)."""


def pages():
    """All pages, of any type, with the request-scoped restrictions (for children and
    searches that are not of one page type)."""
    return KpssPageQuerySet(Page)


def children(page):
    return pages().child_of(page)


def start_request(**kwargs):
    _memo.set({})


def end_request(**kwargs):
    _memo.set(None)


def forget_restrictions(**kwargs):
    """A restriction or the tree changed in this request (an editor's action): read again."""
    if _memo.get() is not None:
        _memo.set({})


def connect():
    from django.core.signals import request_finished, request_started
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_slug_changed, post_page_move

    request_started.connect(start_request, dispatch_uid="kpss_restrictions_start")
    request_finished.connect(end_request, dispatch_uid="kpss_restrictions_end")
    for signal in (post_save, post_delete):
        signal.connect(
            forget_restrictions,
            sender=PageViewRestriction,
            dispatch_uid=f"kpss_restrictions_{signal is post_save}",
        )
    post_page_move.connect(forget_restrictions, dispatch_uid="kpss_restrictions_move")
    page_slug_changed.connect(forget_restrictions, dispatch_uid="kpss_restrictions_slug")


def _has_block(page, block_type, predicate):
    for block in getattr(page, "body", None) or ():
        if block.block_type == block_type and (predicate is None or predicate(block.value)):
            return True
    return False


def pages_with_block(block_type, predicate=None, within=None):
    """Live, public pages of any type whose ``body`` holds a block ``block_type`` (for which
    ``predicate(value)`` is true, when given): the easy-to-read summaries, the videos in
    sign language. The database narrows by the block's name in the stored JSON, the
    blocks themselves decide. ``within``: only pages under this page (a site's root)."""
    from wagtail.fields import StreamField
    from wagtail.models import get_page_models

    found = []
    for model in get_page_models():
        field = next((f for f in model._meta.get_fields() if f.name == "body"), None)
        if not isinstance(field, StreamField) or field.model is not model:
            continue  # a subclass' body is found with the model that defines it
        queryset = KpssPageQuerySet(model).live().public()
        queryset = queryset.filter(body__icontains=f'"{block_type}"')
        if within is not None:
            queryset = queryset.descendant_of(within, inclusive=True)
        found.extend(p for p in queryset if _has_block(p, block_type, predicate))
    return sorted(found, key=lambda page: page.path)


def is_sign_language_video(value):
    return bool(value.get("sign_language"))
