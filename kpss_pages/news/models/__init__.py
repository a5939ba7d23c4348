"""Models of news and the newsletter, one module per concept.

Everything is re-exported here, so ``from kpss_pages.news.models import ArticlePage`` keeps
working wherever a model lives.
"""

from .articles import (
    WORDS_PER_MINUTE,
    ArticlePage,
    ArticlePageLink,
    ArticlePageTag,
    LinkedPageChooserPanel,
    count_words,
)
from .index import ARTICLES_PER_PAGE, NewsIndexPage
from .newsletters import NewsletterIssueArticle, NewsletterIssuePage
from .page_links import (
    LINKABLE_PAGE_TYPES,
    WORKING_GROUP_TYPE,
    content_types_for,
    linkable_page_models,
    working_group_choices,
    working_group_pages,
)
from .subscribers import Subscriber, new_key, unconfirmed_cutoff

__all__ = [
    "ARTICLES_PER_PAGE",
    "LINKABLE_PAGE_TYPES",
    "WORDS_PER_MINUTE",
    "WORKING_GROUP_TYPE",
    "ArticlePage",
    "ArticlePageLink",
    "ArticlePageTag",
    "LinkedPageChooserPanel",
    "NewsIndexPage",
    "NewsletterIssueArticle",
    "NewsletterIssuePage",
    "Subscriber",
    "content_types_for",
    "count_words",
    "linkable_page_models",
    "new_key",
    "unconfirmed_cutoff",
    "working_group_choices",
    "working_group_pages",
]
