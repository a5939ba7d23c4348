"""The news index: listing, filters, feeds and the newsletter archive."""

from datetime import date

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, Site

from kpss_pages.core.blocks import RICH_TEXT_FEATURES
from kpss_pages.core.page_queries import KpssPageManager
from kpss_pages.core.placement import section_parent_page_types
from kpss_pages.core.routing import PathRoutingMixin
from kpss_pages.core.slugs import AsciiSlugMixin

from .articles import LISTED_FIELDS, ArticlePage, with_tags
from .newsletters import NewsletterIssuePage

ARTICLES_PER_PAGE = 10


class NewsIndexPage(AsciiSlugMixin, PathRoutingMixin, RoutablePageMixin, Page):
    """Lists articles with filters by tag and month; hosts the feeds and the issue archive."""

    objects = KpssPageManager()
    kpss_site_section = True  # one per site, linked from other pages (site_pages.py)

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    template = "kpss_news/news_index_page.html"
    parent_page_types = section_parent_page_types()
    subpage_types = ["kpss_news.ArticlePage", "kpss_news.NewsletterIssuePage"]

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def articles(self):
        """Live, public articles, newest first, with their tags; only what listings, feeds
        and the home page show is loaded (``LISTED_FIELDS``: the lead, not the body)."""
        return with_tags(
            ArticlePage.objects.live()
            .public()
            .descendant_of(self)
            .only(*LISTED_FIELDS)
            .order_by("-date", "-pk")
        )

    def issues(self):
        return (
            NewsletterIssuePage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("-sent_at", "-first_published_at")
        )

    def tags(self, articles=None):
        """Tags used by live articles of this index, with counts, alphabetically
        (``articles``: ``self.articles()`` when the caller has it already)."""
        articles = self.articles() if articles is None else articles
        return (
            Tag.objects.filter(
                kpss_news_articlepagetag_items__content_object__in=articles.order_by()
            )
            .annotate(num=Count("pk"))
            .order_by("name")
        )

    def months(self, articles=None):
        articles = self.articles() if articles is None else articles
        return list(articles.order_by().dates("date", "month", order="DESC"))

    def _listing(self, request, articles, all_articles=None, **extra):
        paginator = Paginator(articles, ARTICLES_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page") or 1)
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        context = self.get_context(request)
        tags = list(self.tags(all_articles))
        months = self.months(all_articles)
        context.update(
            page_obj=page_obj,
            articles=page_obj.object_list,
            tags=tags,
            months=months,
            **extra,
        )
        context.update(self._sidebar_links(request, tags, months, extra))
        if extra.get("current_tag"):
            context["tag_feed_links"] = self.feed_links(extra["current_tag"])
        return TemplateResponse(request, "kpss_news/news_index_page.html", context)

    def _sidebar_links(self, request, tags, months, extra):
        """The addresses and labels of the topic and month lists, as ``routablepageurl``
        and ``|date:"F Y"`` would write them, with the index's address looked up once
        instead of once per link."""
        base = self.relative_url(Site.find_for_request(request), request)
        if not base.endswith("/"):
            base += "/"
        current_tag = extra.get("current_tag")
        current_month = None if extra.get("current_year") else extra.get("current_period")
        return {
            "tag_links": [
                (tag, base + self.reverse_subpage("tag_route", args=[tag.slug]), tag == current_tag)
                for tag in tags
            ],
            "month_links": [
                (
                    base + self.reverse_subpage("month_route", args=[month.year, month.month]),
                    f"{MONTHS[month.month]} {month.year}",
                    month == current_month,
                )
                for month in months
            ],
        }

    @path("")
    def index_route(self, request):
        articles = self.articles()
        return self._listing(request, articles, all_articles=articles)

    @path("stitek/<str:tag>/")
    def tag_route(self, request, tag):
        tag_obj = Tag.objects.filter(slug=tag).first()
        if tag_obj is None:
            raise Http404
        articles = self.articles()
        return self._listing(
            request,
            articles.filter(tags__slug=tag).distinct(),
            all_articles=articles,
            current_tag=tag_obj,
        )

    @path("<int:year>/")
    def year_route(self, request, year):
        if not 1900 <= year <= 2999:
            raise Http404
        articles = self.articles()
        return self._listing(
            request,
            articles.filter(date__year=year),
            all_articles=articles,
            current_period=date(year, 1, 1),
            current_year=year,
        )

    @path("<int:year>/<int:month>/")
    def month_route(self, request, year, month):
        if not (1900 <= year <= 2999 and 1 <= month <= 12):
            raise Http404
        articles = self.articles()
        return self._listing(
            request,
            articles.filter(date__year=year, date__month=month),
            all_articles=articles,
            current_period=date(year, month, 1),
        )

    @path("rss/", name="rss")
    def rss_route(self, request):
        from ..feeds import ArticleRssFeed

        return ArticleRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_route(self, request):
        from ..feeds import ArticleAtomFeed

        return ArticleAtomFeed(self)(request)

    @path("stitek/<str:tag>/rss/")
    def tag_rss_route(self, request, tag):
        from ..feeds import ArticleRssFeed

        return ArticleRssFeed(self, self._tag_or_404(tag))(request)

    @path("stitek/<str:tag>/atom/")
    def tag_atom_route(self, request, tag):
        from ..feeds import ArticleAtomFeed

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
