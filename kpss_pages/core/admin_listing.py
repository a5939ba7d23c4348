"""Listings of the admin in good Czech: Wagtail writes the number of items as "8" plus
the model's plural ("8 přihlášky"), which Czech declines by number (1 přihláška,
2–4 přihlášky, 5+ přihlášek). ``counted_paginator`` gives a listing view the right form."""

from django.utils.functional import cached_property
from wagtail.admin.paginator import WagtailPaginator


def counted_paginator(label):
    """A paginator class for ``IndexView.paginator_class``; ``label(count)`` returns the
    text, e.g. ``lambda n: ngettext("%(count)s item", "%(count)s items", n) % …``."""

    class CountedPaginator(WagtailPaginator):
        @cached_property
        def items_count_label(self):
            return label(self.count)

    return CountedPaginator
