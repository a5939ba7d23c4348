"""Services of the catalogue with their places, contact persons and free tags."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from kpss_pages.core.conf import kpss_settings
from kpss_pages.core.safe_values import is_web_url, validate_web_url

from .validators import validate_non_negative, validate_register_id


class TaggedService(TaggedItemBase):
    content_object = ParentalKey(
        "catalog.Service",
        on_delete=models.CASCADE,
        related_name="tagged_items",
        verbose_name=_("service"),
    )

    class Meta:
        verbose_name = _("service tag")
        verbose_name_plural = _("service tags")


# What Service.planning_groups() reads: prefetch it for lists that show the groups.
PLANNING_GROUPS_PREFETCH = ("target_groups", "register_target_groups__planning_groups")


class ServiceQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def with_planning_groups(self):
        return self.prefetch_related(*PLANNING_GROUPS_PREFETCH)

    def for_planning_groups(self, groups):
        """Services for any of the planning ``groups``: the rule of
        ``Service.planning_groups()`` as a filter (the catalogue's filter and counts, a
        working group's list of services)."""
        return self.filter(planning_groups_q(groups))

    def active(self):
        today = timezone.localdate()
        return self.filter(is_ended=False).exclude(valid_to__lt=today)

    def stale(self, months=None):
        return self.filter(
            Q(last_verified__isnull=True) | Q(last_verified__lt=stale_before(months))
        )

    def for_user(self, user):
        """Services a user may manage in the admin: all for municipal staff, otherwise only
        those of the providers the user is attached to."""
        if user.is_superuser or user.has_perm("catalog.manage_all_services"):
            return self
        return self.filter(provider__editors=user)


def planning_groups_q(groups):
    """A filter of services for any of the planning ``groups``, by the rule of
    ``Service.planning_groups()``: chosen directly by staff, or through a register target
    group that maps to one of them. Subqueries, not lists: nothing is read separately."""
    from .vocabularies import TargetGroup

    group_ids = [group.pk for group in groups]
    register_ids = TargetGroup.register_groups.through.objects.filter(
        targetgroup__in=group_ids
    ).values("registertargetgroup_id")
    direct = Service.target_groups.through.objects.filter(targetgroup__in=group_ids)
    mapped = Service.register_target_groups.through.objects.filter(
        registertargetgroup__in=register_ids
    )
    return Q(pk__in=direct.values("service_id")) | Q(pk__in=mapped.values("service_id"))


def stale_before(months=None):
    months = kpss_settings.CATALOG_VERIFY_MONTHS if months is None else months
    return timezone.localdate() - datetime.timedelta(days=round(months * 30.44))


class Service(index.Indexed, ClusterableModel):
    provider = models.ForeignKey(
        "catalog.Provider",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    name = models.CharField(_("name"), max_length=255)
    register_id = models.CharField(
        _("register identifier"),
        max_length=7,
        blank=True,
        validators=[validate_register_id],
        help_text=_(
            "7-digit identifier in the national register; empty for related services "
            "that are not registered (health, housing, volunteer help…)."
        ),
    )
    service_type = models.ForeignKey(
        "catalog.ServiceType",
        verbose_name=_("service type"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    forms = models.ManyToManyField(
        "catalog.ServiceForm",
        blank=True,
        related_name="services",
        verbose_name=_("forms of provision"),
    )
    target_groups = models.ManyToManyField(
        "catalog.TargetGroup",
        blank=True,
        related_name="services",
        verbose_name=_("planning target groups"),
        help_text=_(
            "Broad groups chosen directly; the service also belongs to every group its "
            "register target groups map to."
        ),
    )
    register_target_groups = models.ManyToManyField(
        "catalog.RegisterTargetGroup",
        blank=True,
        related_name="services",
        verbose_name=_("register target groups"),
    )
    age_groups = models.ManyToManyField(
        "catalog.AgeGroup", blank=True, related_name="services", verbose_name=_("age groups")
    )
    age_note = models.CharField(_("age note"), max_length=255, blank=True)
    capacity = models.IntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[validate_non_negative],
        help_text=_("The registered maximum, not the number of free places."),
    )
    capacity_unit = models.ForeignKey(
        "catalog.CapacityUnit",
        verbose_name=_("capacity unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
    )
    nonstop = models.BooleanField(_("non-stop provision"), default=False)
    municipalities = models.ManyToManyField(
        "catalog.Municipality",
        blank=True,
        related_name="services",
        verbose_name=_("municipalities served"),
    )
    description = models.TextField(_("description"), blank=True)
    how_to_apply = models.TextField(_("how to apply"), blank=True)
    fees = models.TextField(_("fees"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    web = models.URLField(_("web"), blank=True, max_length=500, validators=[validate_web_url])
    sign_language_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page with a video in sign language"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A page of this site with a video about the service in Czech sign language."),
    )
    sign_language_url = models.URLField(
        _("video in sign language elsewhere"),
        blank=True,
        max_length=500,
        validators=[validate_web_url],
        help_text=_("The address of such a video on another website; shown as a link."),
    )
    tags = ClusterTaggableManager(
        through=TaggedService,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Free tags such as bezbariérový přístup, znakový jazyk, nonstop, zdarma."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    is_ended = models.BooleanField(_("ended"), default=False)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ServiceQuerySet.as_manager()

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.SearchField("how_to_apply"),
        index.RelatedFields("provider", [index.SearchField("name")]),
        index.RelatedFields("service_type", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.SearchField("group_names"),
        index.RelatedFields("places", [index.SearchField("name"), index.SearchField("city")]),
        index.FilterField("is_ended"),
        index.FilterField("service_type"),
        index.FilterField("provider"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        permissions = [("manage_all_services", _("Can manage the services of all providers"))]
        constraints = [
            models.UniqueConstraint(
                fields=["register_id"],
                condition=~Q(register_id=""),
                name="catalog_service_register_id_uniq",
            )
        ]
        # the public list's default order: the first page is read from the index instead
        # of sorting the whole catalogue on every request
        indexes = [models.Index(fields=["name", "id"], name="catalog_service_name_id")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(
                {"valid_to": _("The end of validity cannot be earlier than its start.")}
            )

    def sign_language_video(self, request=None):
        """``(url, is_external)`` of the service's video in sign language, or ``None``: the
        page of this site when it is live, otherwise the address elsewhere."""
        page = self.sign_language_page
        if page is not None and page.live:
            url = page.get_url(request)
            if url:
                return url, False
        if self.sign_language_url and is_web_url(self.sign_language_url):
            return self.sign_language_url, True
        return None

    def planning_groups(self):
        """The planning groups a service is for: those chosen by staff plus those its
        register target groups map to, each once, in the groups' order. The service page,
        its JSON-LD, the printed catalogue and the exports all read it from here; the other
        direction (a group's services) is ``ServiceQuerySet.for_planning_groups()``."""
        groups = {group.pk: group for group in self.target_groups.all()}
        for register_group in self.register_target_groups.all():
            for group in register_group.planning_groups.all():
                groups.setdefault(group.pk, group)
        return sorted(groups.values(), key=lambda group: (group.order, group.name))

    def group_names(self):
        """Names of the planning and register target groups, for full-text search."""
        names = {group.name for group in self.planning_groups()}
        names.update(group.name for group in self.register_target_groups.all())
        return " ".join(sorted(name for name in names if name))

    @property
    def slug(self):
        return slugify(self.name)[:80] or "sluzba"

    @property
    def is_active(self):
        return not self.is_ended and not (self.valid_to and self.valid_to < timezone.localdate())

    @property
    def is_stale(self):
        return self.last_verified is None or self.last_verified < stale_before()


class ServicePlace(Orderable):
    """A place (facility) where the service is provided."""

    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="places")
    name = models.CharField(_("facility name"), max_length=255, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    city = models.CharField(_("town or village"), max_length=120, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    municipality = models.ForeignKey(
        "catalog.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="places",
    )
    address_code = models.CharField(
        _("RÚIAN address point"),
        max_length=20,
        blank=True,
        help_text=_("Code of the address point (kodAdresnihoMista) from the register."),
    )
    hidden_address = models.BooleanField(
        _("address kept secret"),
        default=False,
        help_text=_("E.g. a shelter for victims of violence: the address is not published."),
    )
    opening_hours = models.TextField(_("opening hours"), blank=True)
    register_key = models.CharField(
        _("register facility key"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("Set for facilities taken from the register; the import keeps them in sync."),
    )
    barrier_free = models.BooleanField(_("barrier-free access"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self):
        return self.name or self.address

    @property
    def address(self):
        if self.hidden_address:
            return ""
        town = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (self.street, town) if part)

    @property
    def osm_url(self):
        from urllib.parse import urlencode

        if not self.address:
            return ""
        return "https://www.openstreetmap.org/search?" + urlencode({"query": self.address})


class ServiceContact(Orderable):
    """A contact person given by role (the name is optional)."""

    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="contacts")
    role = models.CharField(_("role"), max_length=120, help_text=_("E.g. sociální pracovnice"))
    name = models.CharField(pgettext_lazy("person", "name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return f"{self.role}: {self.name}" if self.name else self.role
