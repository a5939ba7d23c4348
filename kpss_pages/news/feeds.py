"""RSS 2.0 and Atom feeds of all articles of a news index, or of one tag."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from kpss_pages.core.public_url import absolute_url

FEED_ITEMS = 20


class ArticleRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page, tag=None):
        super().__init__()
        self.index_page = index_page
        self.tag = tag

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, obj):
        if self.tag:
            return f"{obj.title} – {self.tag.name}"
        return obj.title

    # Links are absolute with the public address (BASE_URL): Django would otherwise prefix
    # the request's host, and a feed reader behind a proxy would get "localhost".
    def link(self, obj):
        url = absolute_url(obj, self.request) or ""
        return f"{url}stitek/{self.tag.slug}/" if self.tag else url

    def feed_url(self, obj):
        return absolute_url(self.request.path)

    def description(self, obj):
        if self.tag:
            return _("Articles tagged “%(tag)s”.") % {"tag": self.tag.name}
        return _("News about community planning of social services.")

    def items(self, obj):
        articles = obj.articles()
        if self.tag:
            articles = articles.filter(tags__slug=self.tag.slug).distinct()
        return articles[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return absolute_url(item, self.request) or ""

    def item_pubdate(self, item):
        return item.published_datetime

    def item_updateddate(self, item):
        return item.last_published_at or item.published_datetime

    def item_categories(self, item):
        return [tag.name for tag in item.tag_list()]

    def item_author_name(self, item):
        return item.author_role or None


class ArticleAtomFeed(ArticleRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
