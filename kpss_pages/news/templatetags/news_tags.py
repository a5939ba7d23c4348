"""Template tags other apps use: ``{% load news_tags %}{% articles_about page %}``."""

from django import template

from ..models import ArticlePage, ArticlePageLink

register = template.Library()

ARTICLES_ABOUT_LIMIT = 5


@register.inclusion_tag("kpss_news/includes/articles_about.html", takes_context=True)
def articles_about(context, page, limit=ARTICLES_ABOUT_LIMIT):
    """Live articles that link to ``page`` (a working group, a plan chapter…), newest first."""
    articles = []
    if page is not None and getattr(page, "pk", None):
        linking = ArticlePageLink.objects.filter(page_id=page.pk).values("article_id")
        articles = list(
            ArticlePage.objects.live()
            .public()
            .filter(pk__in=linking)  # a semi-join: no DISTINCT over every column
            .defer_streamfields()
            .order_by("-date", "-pk")[:limit]
        )
    return {"articles": articles, "request": context.get("request"), "about": page}


@register.inclusion_tag("kpss_news/includes/article_card.html", takes_context=True)
def article_card(context, article, heading_level=3):
    return {"article": article, "heading_level": heading_level, "request": context.get("request")}
