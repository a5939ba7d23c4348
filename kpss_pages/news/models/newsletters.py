"""A newsletter issue: the chosen articles and whom it goes to."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from kpss_pages.core.blocks import RICH_TEXT_FEATURES
from kpss_pages.core.page_queries import KpssPageManager
from kpss_pages.core.slugs import AsciiSlugMixin

from .articles import ArticlePage, ArticlePageLink, with_tags
from .subscribers import Subscriber


class NewsletterIssuePage(AsciiSlugMixin, Page):
    """One issue of the e-mail newsletter; its page is the public web version."""

    objects = KpssPageManager()

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    send_requested_at = models.DateTimeField(_("sending requested"), null=True, blank=True)
    queued_at = models.DateTimeField(_("e-mails prepared"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    send_scheduled_at = models.DateTimeField(_("sending scheduled for"), null=True, blank=True)

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

    def chosen_ids(self):
        return list(self.issue_articles.order_by("sort_order").values_list("article_id", flat=True))

    def chosen_articles(self, ids=None):
        """The chosen articles that readers can open, in the editor's order: live and not
        behind a restriction (a draft or unpublished article would be a link to a 404 in
        every copy). Three queries however many were chosen."""
        ids = self.chosen_ids() if ids is None else ids
        visible = {
            article.pk: article
            for article in with_tags(ArticlePage.objects.live().public().filter(pk__in=ids))
        }
        return [visible[pk] for pk in ids if pk in visible]

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
        return list(with_tags(articles))

    def articles(self):
        ids = self.chosen_ids()
        if ids:  # chosen by the editor, even if none is live now
            return self.chosen_articles(ids)
        return [] if self.sent_at else self.default_articles()

    def news_index(self):
        """The news index this issue belongs to (its parent), in one query."""
        from .index import NewsIndexPage

        return NewsIndexPage.objects.parent_of(self).first()

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
        from ..sending import delivery_stats

        return delivery_stats(self)

    def serve_preview(self, request, mode_name):
        if mode_name in ("email_html", "email_text"):
            from django.http import HttpResponse

            from ..emails import render_issue_email

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
