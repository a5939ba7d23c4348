"""News articles, their index and archive, newsletter issues, subscribers and deliveries."""

import math
import secrets
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kpss_pages.core.blocks import RICH_TEXT_FEATURES
from kpss_pages.core.placement import section_parent_page_types

from .blocks import ArticleStreamBlock

ARTICLES_PER_PAGE = 10
WORDS_PER_MINUTE = 200

# Page types an article may link to, by (app_label, model). The apps are optional: a type
# whose app is not installed simply offers nothing to choose.
LINKABLE_PAGE_TYPES = [("kpss_groups", "workinggrouppage"), ("kpss_plan", "planchapterpage")]
WORKING_GROUP_TYPE = ("kpss_groups", "workinggrouppage")


def content_types_for(pairs):
    """ContentTypes of the given (app_label, model) pairs that exist (lazily, no import)."""
    query = Q(pk__in=[])
    for app_label, model in pairs:
        query |= Q(app_label=app_label, model=model)
    return ContentType.objects.filter(query)


def linkable_page_models():
    """Models of LINKABLE_PAGE_TYPES that exist in this installation (no database query)."""
    models_found = []
    for app_label, model_name in LINKABLE_PAGE_TYPES:
        try:
            models_found.append(apps.get_model(app_label, model_name))
        except LookupError:
            continue
    return models_found


def working_group_choices():
    """limit_choices_to for subscribers' working groups (evaluated when a form is built)."""
    return Q(content_type__in=content_types_for([WORKING_GROUP_TYPE]))


def working_group_pages():
    return (
        Page.objects.live()
        .public()
        .filter(content_type__in=content_types_for([WORKING_GROUP_TYPE]))
        .order_by("title")
    )


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


class NewsIndexPage(RoutablePageMixin, Page):
    """Lists articles with filters by tag and month; hosts the feeds and the issue archive."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    template = "kpss_news/news_index_page.html"
    parent_page_types = section_parent_page_types()
    subpage_types = ["kpss_news.ArticlePage", "kpss_news.NewsletterIssuePage"]

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def articles(self):
        return (
            ArticlePage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("-date", "-pk")
            .prefetch_related("tagged_items__tag")
        )

    def issues(self):
        return (
            NewsletterIssuePage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("-sent_at", "-first_published_at")
        )

    def tags(self):
        """Tags used by live articles of this index, with counts, alphabetically."""
        return (
            Tag.objects.filter(
                kpss_news_articlepagetag_items__content_object__in=self.articles().order_by()
            )
            .annotate(num=Count("pk"))
            .order_by("name")
        )

    def months(self):
        dates = self.articles().order_by().dates("date", "month", order="DESC")
        return list(dates)

    def _listing(self, request, articles, **extra):
        paginator = Paginator(articles, ARTICLES_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page") or 1)
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        context = self.get_context(request)
        context.update(
            page_obj=page_obj,
            articles=page_obj.object_list,
            tags=self.tags(),
            months=self.months(),
            **extra,
        )
        if extra.get("current_tag"):
            context["tag_feed_links"] = self.feed_links(extra["current_tag"])
        return TemplateResponse(request, "kpss_news/news_index_page.html", context)

    @path("")
    def index_route(self, request):
        return self._listing(request, self.articles())

    @path("stitek/<str:tag>/")
    def tag_route(self, request, tag):
        tag_obj = Tag.objects.filter(slug=tag).first()
        if tag_obj is None:
            raise Http404
        return self._listing(
            request, self.articles().filter(tags__slug=tag).distinct(), current_tag=tag_obj
        )

    @path("<int:year>/")
    def year_route(self, request, year):
        if not 1900 <= year <= 2999:
            raise Http404
        return self._listing(
            request,
            self.articles().filter(date__year=year),
            current_period=date(year, 1, 1),
            current_year=year,
        )

    @path("<int:year>/<int:month>/")
    def month_route(self, request, year, month):
        if not (1900 <= year <= 2999 and 1 <= month <= 12):
            raise Http404
        return self._listing(
            request,
            self.articles().filter(date__year=year, date__month=month),
            current_period=date(year, month, 1),
        )

    @path("rss/", name="rss")
    def rss_route(self, request):
        from .feeds import ArticleRssFeed

        return ArticleRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_route(self, request):
        from .feeds import ArticleAtomFeed

        return ArticleAtomFeed(self)(request)

    @path("stitek/<str:tag>/rss/")
    def tag_rss_route(self, request, tag):
        from .feeds import ArticleRssFeed

        return ArticleRssFeed(self, self._tag_or_404(tag))(request)

    @path("stitek/<str:tag>/atom/")
    def tag_atom_route(self, request, tag):
        from .feeds import ArticleAtomFeed

        return ArticleAtomFeed(self, self._tag_or_404(tag))(request)

    @path("zpravodaj/", name="archive")
    def archive_route(self, request):
        context = self.get_context(request)
        context["issues"] = self.issues().filter(sent_at__isnull=False)
        return TemplateResponse(request, "kpss_news/newsletter_archive.html", context)

    @path("odber/")
    def subscribe_route(self, request):
        return redirect("kpss_news:subscribe")

    def _tag_or_404(self, slug):
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404
        return tag

    def feed_links(self, tag=None):
        """Autodiscovery links for the page head."""
        base = self.url or ""
        prefix = f"{base}stitek/{tag.slug}/" if tag else base
        title = f"{self.title} – {tag.name}" if tag else self.title
        return [
            {"type": "application/rss+xml", "href": f"{prefix}rss/", "title": f"{title} (RSS)"},
            {"type": "application/atom+xml", "href": f"{prefix}atom/", "title": f"{title} (Atom)"},
        ]


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


class LinkedPageChooserPanel(PageChooserPanel):
    """Offers only the linkable page types that exist in this installation."""

    def get_form_options(self):
        self.page_type = linkable_page_models() or None
        return super().get_form_options()


class ArticlePage(Page):
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
        """Tags without extra queries when ``tagged_items__tag`` was prefetched."""
        return [item.tag for item in self.tagged_items.all()]

    def related_articles(self, limit=3):
        tag_ids = [tag.pk for tag in self.tags.all()]
        group_ids = [group.pk for group in self.target_groups.all()]
        if not tag_ids and not group_ids:
            return ArticlePage.objects.none()
        shared = Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True)
        shared_groups = Count("target_groups", filter=Q(target_groups__in=group_ids), distinct=True)
        return (
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
        context["related_articles"] = self.related_articles()
        index_page = self.get_parent().specific
        context["news_index"] = index_page
        return context


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
        if (ct.app_label, ct.model) not in LINKABLE_PAGE_TYPES:
            raise ValidationError({"page": _("Choose a working group or a chapter of the plan.")})


class NewsletterIssuePage(Page):
    """One issue of the e-mail newsletter; its page is the public web version."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    send_requested_at = models.DateTimeField(_("sending requested"), null=True, blank=True)
    queued_at = models.DateTimeField(_("e-mails prepared"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel(
            "issue_articles",
            label=_("Articles"),
            help_text=_(
                "Leave empty to include every article published since the last sent issue."
            ),
        ),
    ]
    template = "kpss_news/newsletter_issue_page.html"
    parent_page_types = ["kpss_news.NewsIndexPage"]
    subpage_types = []

    preview_modes = [
        ("", _("Web version")),
        ("email_html", _("E-mail (HTML)")),
        ("email_text", _("E-mail (plain text)")),
    ]

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def chosen_articles(self):
        return [item.article for item in self.issue_articles.select_related("article")]

    def default_articles(self):
        """Articles published since the last issue sent before this one."""
        previous = (
            NewsletterIssuePage.objects.filter(sent_at__isnull=False)
            .exclude(pk=self.pk)
            .order_by("-sent_at")
        )
        if self.sent_at:
            previous = previous.filter(sent_at__lt=self.sent_at)
        last = previous.first()
        articles = ArticlePage.objects.live().public().order_by("-date", "-pk")
        if last is not None:
            articles = articles.filter(first_published_at__gt=last.sent_at)
        return list(articles.prefetch_related("tagged_items__tag"))

    def articles(self):
        return self.chosen_articles() or ([] if self.sent_at else self.default_articles())

    def freeze_articles(self):
        """Store the automatic choice so the web version never changes after sending."""
        if self.issue_articles.exists():
            return
        for order, article in enumerate(self.default_articles()):
            NewsletterIssueArticle.objects.create(issue=self, article=article, sort_order=order)

    def topic_filter(self):
        """Q matching subscribers interested in at least one article of this issue."""
        articles = self.articles()
        article_ids = [a.pk for a in articles]
        group_ids = set(
            ArticlePage.target_groups.through.objects.filter(
                articlepage_id__in=article_ids
            ).values_list("targetgroup_id", flat=True)
        )
        page_ids = set(
            ArticlePageLink.objects.filter(article_id__in=article_ids).values_list(
                "page_id", flat=True
            )
        )
        return Q(all_news=True) | Q(target_groups__in=group_ids) | Q(working_groups__in=page_ids)

    def matching_subscribers(self):
        return Subscriber.objects.filter(confirmed_at__isnull=False).filter(
            pk__in=Subscriber.objects.filter(self.topic_filter()).values("pk")
        )

    def delivery_stats(self):
        from .sending import delivery_stats

        return delivery_stats(self)

    def serve_preview(self, request, mode_name):
        if mode_name in ("email_html", "email_text"):
            from django.http import HttpResponse

            from .emails import render_issue_email

            text, html = render_issue_email(self, subscriber=None, request=request)
            if mode_name == "email_text":
                return HttpResponse(text, content_type="text/plain; charset=utf-8")
            return HttpResponse(html)
        return super().serve_preview(request, mode_name)


class NewsletterIssueArticle(Orderable):
    issue = ParentalKey(
        NewsletterIssuePage,
        verbose_name=_("issue"),
        related_name="issue_articles",
        on_delete=models.CASCADE,
    )
    article = models.ForeignKey(
        ArticlePage, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("article", page_type="kpss_news.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("issue article")
        verbose_name_plural = _("issue articles")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "article"], name="kpss_news_issue_article_uniq"
            )
        ]


def new_key():
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    """An e-mail address subscribed without an account (double opt-in)."""

    email = models.EmailField(_("e-mail"), unique=True)
    key = models.CharField(_("key"), max_length=64, unique=True, default=new_key, editable=False)
    all_news = models.BooleanField(_("all news"), default=True)
    target_groups = models.ManyToManyField(
        "catalog.TargetGroup", blank=True, related_name="+", verbose_name=_("target groups")
    )
    working_groups = models.ManyToManyField(
        "wagtailcore.Page",
        blank=True,
        related_name="+",
        verbose_name=_("working groups"),
        limit_choices_to=working_group_choices,
    )
    created_at = models.DateTimeField(_("subscribed"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        permissions = [("export_subscriber", _("Can export subscribers"))]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def topics_display(self):
        topics = [str(_("All news"))] if self.all_news else []
        topics += [g.name for g in self.target_groups.all()]
        topics += [p.title for p in self.working_groups.all()]
        return ", ".join(topics)

    topics_display.short_description = _("topics")


def unconfirmed_cutoff():
    return timezone.now() - timedelta(days=settings.NEWS_UNCONFIRMED_DAYS)
