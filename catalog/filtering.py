"""Parsing of the public catalogue's query string, filtering and facet counts.

Every facet is a list of values (OR within a facet, AND across facets). Unknown or
malformed values are dropped, so any query string gives a normal page. All counts are
computed with a fixed number of queries, whatever the number of services.
"""

import hashlib
import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count
from django.http import QueryDict
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from kpss_pages.core.safe_values import strip_control_characters

from .cache_version import catalogue_version
from .models import (
    Municipality,
    RegisterTargetGroup,
    Service,
    ServiceForm,
    ServiceType,
    TaggedService,
    TargetGroup,
)
from .models.services import planning_groups_q

MAX_QUERY_LENGTH = 200
CACHE_SECONDS = 600
# Saving a service moves the catalogue version at once, but the search index is updated by
# a background task moments later: what depends on a full-text query is kept only briefly.
SEARCH_CACHE_SECONDS = 60
WORDS_RE = re.compile(r"[^\w\s-]|_")
MAX_VALUES = 50

SORTS = {
    "nazev": (_("name"), ["name", "pk"]),
    "druh": (_("service type"), ["service_type__order", "service_type__name", "name", "pk"]),
    "overeno": (_("recently verified"), ["-last_verified", "name", "pk"]),
}
RELEVANCE = "relevance"


@dataclass
class Facet:
    param: str
    label: str
    options: list = field(default_factory=list)  # [(value, label, count, selected)]
    options_html: str = ""

    def __post_init__(self):
        # The checkboxes are built once, here, rather than in a template loop: a national
        # catalogue has hundreds of municipalities, and the whole facet list is cached.
        self.options_html = format_html_join(
            "\n",
            '<li><input type="checkbox" name="{0}" value="{1}" id="f-{0}-{2}"{3}> '
            '<label for="f-{0}-{2}">{4} '
            '<span class="catalog-facet__count">({5})</span></label></li>',
            (
                (self.param, value, number, mark_safe(" checked") if selected else "", label, count)
                for number, (value, label, count, selected) in enumerate(self.options, start=1)
            ),
        )

    @property
    def selected(self):
        return [option for option in self.options if option[3]]


def _ints(values):
    result = []
    for value in values[:MAX_VALUES]:
        value = value.strip()
        if value.isascii() and value.isdigit() and len(value) < 12:
            result.append(int(value))
    return result


def _slugs(values):
    """Slugs as the database may compare them: control characters (a NUL byte is an error
    on PostgreSQL) removed, length bounded."""
    result = []
    for value in values[:MAX_VALUES]:
        value = strip_control_characters(value[:200]).strip()[:100]
        if value:
            result.append(value)
    return result


class CatalogFilter:
    """The state of the catalogue list as given by GET parameters."""

    def __init__(self, params):
        # Only words reach the search backend: punctuation and control characters could
        # form a query syntax that the backend rejects.
        self.query = " ".join(WORDS_RE.sub(" ", params.get("q", "")[:MAX_QUERY_LENGTH]).split())
        self.types = set(
            ServiceType.objects.filter(pk__in=_ints(params.getlist("druh"))).values_list(
                "pk", flat=True
            )
        )
        self.forms = set(
            ServiceForm.objects.filter(pk__in=_ints(params.getlist("forma"))).values_list(
                "pk", flat=True
            )
        )
        self.groups = list(
            TargetGroup.objects.filter(slug__in=_slugs(params.getlist("skupina"))).prefetch_related(
                "register_groups"
            )
        )
        self.register_groups = set(
            RegisterTargetGroup.objects.filter(pk__in=_ints(params.getlist("cilova"))).values_list(
                "pk", flat=True
            )
        )
        self.municipalities = set(
            Municipality.objects.filter(slug__in=_slugs(params.getlist("obec"))).values_list(
                "slug", flat=True
            )
        )
        self.tags = set(
            Tag.objects.filter(slug__in=_slugs(params.getlist("stitek"))).values_list(
                "slug", flat=True
            )
        )
        sort = params.get("razeni", "")
        if sort not in SORTS and not (sort == RELEVANCE and self.query):
            sort = RELEVANCE if self.query else "nazev"
        self.sort = sort
        self._search_ids = None
        self._version = None

    @property
    def group_slugs(self):
        return {group.slug for group in self.groups}

    @property
    def is_filtered(self):
        return bool(
            self.query
            or self.types
            or self.forms
            or self.groups
            or self.register_groups
            or self.municipalities
            or self.tags
        )

    def selection(self):
        """The selection in words, for the cover of its PDF: [(label, [names])] in the order
        of the list's filters, with the names people know instead of slugs and ids."""
        parts = []
        if self.query:
            parts.append((_("search for"), [f"„{self.query}“"]))
        for label, values in (
            (_("service type"), ServiceType.objects.filter(pk__in=self.types)),
            (_("target group"), self.groups),
            (_("form of provision"), ServiceForm.objects.filter(pk__in=self.forms)),
            (
                _("target group in the register"),
                RegisterTargetGroup.objects.filter(pk__in=self.register_groups),
            ),
            (_("municipality"), Municipality.objects.filter(slug__in=self.municipalities)),
            (_("tag"), Tag.objects.filter(slug__in=self.tags).order_by("name")),
        ):
            names = [getattr(value, "name", None) or str(value) for value in values]
            if names:
                parts.append((label, names))
        return parts

    def params(self):
        """The recognised parameters of this state as a query string dictionary (unknown
        parameters and values that match nothing left out): links of a cached list."""
        params = QueryDict(mutable=True)
        if self.query:
            params["q"] = self.query
        for name, values in (
            ("druh", sorted(self.types)),
            ("forma", sorted(self.forms)),
            ("skupina", sorted(self.group_slugs)),
            ("cilova", sorted(self.register_groups)),
            ("obec", sorted(self.municipalities)),
            ("stitek", sorted(self.tags)),
        ):
            if values:
                params.setlist(name, [str(value) for value in values])
        if self.sort != (RELEVANCE if self.query else "nazev"):
            params["razeni"] = self.sort
        return params

    def cache_key(self):
        return "|".join(
            [
                self.query.lower(),
                ",".join(map(str, sorted(self.types))),
                ",".join(map(str, sorted(self.forms))),
                ",".join(sorted(self.group_slugs)),
                ",".join(map(str, sorted(self.register_groups))),
                ",".join(sorted(self.municipalities)),
                ",".join(sorted(self.tags)),
            ]
        )

    # --- filtering ---------------------------------------------------------------------------
    def search_ids(self):
        """Primary keys matching the full-text query, best first; cached per catalogue
        version (any saved service changes it)."""
        if self._search_ids is None:

            def run():
                services = Service.objects.filter(is_ended=False).only("pk")
                ids = [s.pk for s in services.search(self.query, operator="and")]
                if not ids:
                    # a word not typed out ("senio"): complete it from the services' names
                    ids = [s.pk for s in services.autocomplete(self.query, operator="and")]
                return ids

            self._search_ids = cache.get_or_set(
                self.version_key("search", self.query.lower()), run, SEARCH_CACHE_SECONDS
            )
        return self._search_ids

    @property
    def cache_seconds(self):
        return SEARCH_CACHE_SECONDS if self.query else CACHE_SECONDS

    def version_key(self, kind, text):
        """A cache key for ``text`` under the current catalogue version."""
        if self._version is None:
            self._version = catalogue_version()
        digest = hashlib.sha256(f"{self._version}|{text}".encode()).hexdigest()
        return f"catalog:{kind}:{digest}"

    def queryset(self, exclude=None):
        # Each facet is a semi-join on its link table (service_id IN (SELECT ...)), which both
        # databases answer from an index; joins through the service table made PostgreSQL
        # hash every link row on each request.
        qs = Service.objects.active()
        if self.query:
            qs = qs.filter(pk__in=self.search_ids())
        if self.types and exclude != "druh":
            qs = qs.filter(service_type__in=self.types)
        if self.forms and exclude != "forma":
            qs = qs.filter(pk__in=_linked("forms", serviceform__in=self.forms))
        if self.groups and exclude != "skupina":
            qs = qs.for_planning_groups(self.groups)
        if self.register_groups and exclude != "cilova":
            qs = qs.filter(
                pk__in=_linked(
                    "register_target_groups", registertargetgroup__in=self.register_groups
                )
            )
        if self.municipalities and exclude != "obec":
            qs = qs.filter(
                pk__in=_linked("municipalities", municipality__slug__in=self.municipalities)
            )
        if self.tags and exclude != "stitek":
            qs = qs.filter(
                pk__in=TaggedService.objects.filter(tag__slug__in=self.tags).values(
                    "content_object_id"
                )
            )
        return qs

    def results(self):
        qs = self.queryset()
        if self.sort == RELEVANCE:
            return qs, self.search_ids()
        return qs.order_by(*SORTS[self.sort][1]), None

    # --- facets ------------------------------------------------------------------------------
    def facet_counts(self):
        """Counts per facet value (each facet ignores its own selection), computed with a
        fixed number of aggregate queries."""
        return {
            "druh": dict(
                self.queryset(exclude="druh")
                .values_list("service_type")
                .annotate(n=Count("pk"))
                .order_by()
            ),
            "forma": self._m2m_counts("forma", "forms"),
            "cilova": self._m2m_counts("cilova", "register_target_groups"),
            "obec": self._m2m_counts("obec", "municipalities"),
            "stitek": self._m2m_counts("stitek", "tags"),
            "skupina": self._group_counts(),
        }

    def facets(self):
        """The facets with their options, counts and checkboxes, cached per catalogue
        version and filter state (the selection is part of the state)."""
        return cache.get_or_set(
            self.version_key("facets", self.cache_key()), self._build_facets, self.cache_seconds
        )

    def _build_facets(self):
        counts = self.facet_counts()
        type_counts, form_counts = counts["druh"], counts["forma"]
        register_counts, municipality_counts = counts["cilova"], counts["obec"]
        tag_counts, group_counts = counts["stitek"], counts["skupina"]

        types = ServiceType.objects.filter(pk__in=type_counts.keys())
        tags = Tag.objects.filter(pk__in=tag_counts.keys()).order_by("name")
        return [
            Facet(
                "druh",
                _("Service type"),
                [(t.pk, str(t), type_counts[t.pk], t.pk in self.types) for t in types],
            ),
            Facet(
                "skupina",
                _("Target group"),
                [
                    (g.slug, g.name, group_counts.get(g.pk, 0), g.slug in self.group_slugs)
                    for g in TargetGroup.objects.all()
                    if group_counts.get(g.pk) or g.slug in self.group_slugs
                ],
            ),
            Facet(
                "forma",
                _("Form of provision"),
                [
                    (f.pk, str(f), form_counts.get(f.pk, 0), f.pk in self.forms)
                    for f in ServiceForm.objects.all()
                    if form_counts.get(f.pk) or f.pk in self.forms
                ],
            ),
            Facet(
                "obec",
                _("Municipality"),
                [
                    (
                        m.slug,
                        m.name,
                        municipality_counts.get(m.pk, 0),
                        m.slug in self.municipalities,
                    )
                    for m in Municipality.objects.all()
                    if municipality_counts.get(m.pk) or m.slug in self.municipalities
                ],
            ),
            Facet(
                "stitek",
                _("Tag"),
                [(t.slug, t.name, tag_counts[t.pk], t.slug in self.tags) for t in tags],
            ),
            Facet(
                "cilova",
                _("Target group in the register"),
                [
                    (r.pk, str(r), register_counts.get(r.pk, 0), r.pk in self.register_groups)
                    for r in RegisterTargetGroup.objects.all()
                    if register_counts.get(r.pk) or r.pk in self.register_groups
                ],
            ),
        ]

    def _m2m_counts(self, param, relation):
        return dict(
            self.queryset(exclude=param)
            .filter(**{f"{relation}__isnull": False})
            .values_list(relation)
            .annotate(n=Count("pk", distinct=True))
            .order_by()
        )

    def _group_counts(self):
        """Planning groups count a service once, whether linked directly or through a
        register target group: one conditional count per group, in a single query."""
        groups = list(TargetGroup.objects.prefetch_related("register_groups"))
        if not groups:
            return {}
        totals = self.queryset(exclude="skupina").aggregate(
            **{f"g{g.pk}": Count("pk", filter=planning_groups_q([g])) for g in groups}
        )
        return {g.pk: totals[f"g{g.pk}"] for g in groups if totals[f"g{g.pk}"]}


def _linked(relation, **lookups):
    """Ids of services linked through the many-to-many ``relation`` to matching rows."""
    through = Service._meta.get_field(relation).remote_field.through
    return through.objects.filter(**lookups).values("service_id")
