"""A news article, its tags and links to related pages."""

import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kpss_pages.core.page_queries import KpssPageManager
from kpss_pages.core.slugs import AsciiSlugMixin

from ..blocks import ArticleStreamBlock
from . import page_links
from .page_links import linkable_page_models

WORDS_PER_MINUTE = 200


def _collect_text(value, out):
    if isinstance(value, str):
        out.append(strip_tags(value))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if key not in {"id", "type", "kind"}:
                _collect_text(item, out)
    elif isinstance(value, Sequence):
        for item in value:
            _collect_text(item, out)


def count_words(*texts):
    return sum(len(text.split()) for text in texts if text)


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "kpss_news.ArticlePage",
        related_name="tagged_items",
        on_delete=models.CASCADE,
        verbose_name=_("article"),
    )

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")


# What an article card, a feed item and the home page show of an article, and what its
# address needs: lists load these only (no body, none of Wagtail's editing fields).
LISTED_FIELDS = (
    "title",
    "slug",
    "path",
    "depth",
    "url_path",
    "live",
    "locale_id",
    "first_published_at",
    "last_published_at",
    "date",
    "lead",
    "reading_minutes",
    "author_role",
)


def with_tags(articles):
    """Articles with their tags for ``tag_list``: items and tags in one query, not two."""
    return articles.prefetch_related(
        Prefetch("tagged_items", queryset=ArticlePageTag.objects.select_related("tag"))
    )


class LinkedPageChooserPanel(PageChooserPanel):
    """Offers only the linkable page types that exist in this installation."""

    def get_form_options(self):
        self.page_type = linkable_page_models() or None
        return super().get_form_options()


class ArticlePage(AsciiSlugMixin, Page):
    objects = KpssPageManager()

    date = models.DateField(_("date"), default=date.today)
    lead = models.TextField(
        _("lead"), help_text=_("One or two sentences shown in listings, feeds and e-mails.")
    )
    body = StreamField(ArticleStreamBlock(), verbose_name=_("content"), blank=True)
    tags = ClusterTaggableManager(
        through=ArticlePageTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("E.g. meeting, survey, plan, catalogue."),
    )
    target_groups = ParentalManyToManyField(
        "catalog.TargetGroup",
        blank=True,
        related_name="articles",
        verbose_name=_("target groups"),
    )
    author_role = models.CharField(
        _("author (role)"),
        max_length=200,
        blank=True,
        help_text=_("Shown as the author, e.g. coordinator of community planning. No e-mail."),
    )
    reading_minutes = models.PositiveSmallIntegerField(_("reading time (minutes)"), default=1)

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("author_role"),
        MultiFieldPanel(
            [
                FieldPanel("tags"),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                InlinePanel("page_links", label=_("Working groups and plan chapters")),
            ],
            heading=_("Topics"),
        ),
    ]
    template = "kpss_news/article_page.html"
    parent_page_types = ["kpss_news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-date"]

    def compute_reading_minutes(self):
        parts = []
        _collect_text(list(self.body.raw_data) if self.body else [], parts)
        words = count_words(self.title, self.lead, *parts)
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def save(self, *args, **kwargs):
        self.reading_minutes = self.compute_reading_minutes()
        return super().save(*args, **kwargs)

    @property
    def published_datetime(self):
        return timezone.make_aware(datetime.combine(self.date, time(12, 0)))

    def tag_list(self):
        """Tags without extra queries when ``with_tags()`` prefetched them."""
        return [item.tag for item in self.tagged_items.all()]

    def related_articles(self, limit=3, tags=None, groups=None):
        """Live articles sharing most tags and target groups; ``tags`` and ``groups`` when
        the caller already has them (the page shows them too)."""
        tags = self.tags.all() if tags is None else tags
        groups = self.target_groups.all() if groups is None else groups
        tag_ids = [tag.pk for tag in tags]
        group_ids = [group.pk for group in groups]
        if not tag_ids and not group_ids:
            return ArticlePage.objects.none()
        shared = Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True)
        shared_groups = Count("target_groups", filter=Q(target_groups__in=group_ids), distinct=True)
        return with_tags(
            ArticlePage.objects.live()
            .public()
            .exclude(pk=self.pk)
            .filter(Q(tagged_items__tag_id__in=tag_ids) | Q(target_groups__in=group_ids))
            .annotate(shared=shared + shared_groups)
            .order_by("-shared", "-date")
            .distinct()[:limit]
        )

    def linked_pages(self):
        return [link.page for link in self.page_links.select_related("page") if link.page.live]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tags = list(self.tags.all())
        groups = list(self.target_groups.all())
        context["article_tags"] = tags
        context["article_groups"] = groups
        context["related_articles"] = self.related_articles(tags=tags, groups=groups)
        context["news_index"] = self.news_index()
        return context

    def news_index(self):
        """The news index this page belongs to (its parent), in one query."""
        from .index import NewsIndexPage

        return NewsIndexPage.objects.parent_of(self).first()


class ArticlePageLink(Orderable):
    article = ParentalKey(ArticlePage, related_name="page_links", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A working group or a chapter of the plan this article is about."),
    )

    panels = [LinkedPageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("linked page")
        verbose_name_plural = _("linked pages")

    def clean(self):
        super().clean()
        if self.page_id is None:
            return
        ct = ContentType.objects.get_for_id(self.page.content_type_id)
        if (ct.app_label, ct.model) not in page_links.LINKABLE_PAGE_TYPES:
            raise ValidationError({"page": _("Choose a working group or a chapter of the plan.")})
