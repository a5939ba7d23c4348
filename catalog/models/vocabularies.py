"""Shared vocabularies of the whole site, defined once and used by every app.

The register of social services (MPSV) identifies terms by codes such as
``DruhSocialniSluzby/13``; planning pages use broad target groups that map to the
register's fine-grained ones.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class VocabularyTerm(index.Indexed, models.Model):
    code = models.CharField(
        _("register code"),
        max_length=80,
        blank=True,
        help_text=_("Code in the national register's open data, e.g. DruhSocialniSluzby/13."),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("Empty for codes found by an import that staff have not named yet."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    search_fields = [index.SearchField("name"), index.FilterField("code")]

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name or _("unnamed (%(code)s)") % {"code": self.code}

    @classmethod
    def unique_code_constraint(cls, name):
        return models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name=name)


class ServiceType(VocabularyTerm):
    class Category(models.TextChoices):
        COUNSELLING = "counselling", _("Social counselling")
        CARE = "care", _("Social care services")
        PREVENTION = "prevention", _("Social prevention services")
        RELATED = "related", _("Related services (not registered)")

    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.RELATED
    )
    act_section = models.CharField(
        _("section of Act 108/2006 Sb."), max_length=20, blank=True, help_text=_("E.g. § 49")
    )

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("service type")
        verbose_name_plural = _("service types")
        constraints = [VocabularyTerm.unique_code_constraint("catalog_servicetype_code_uniq")]


class ServiceForm(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("form of provision")
        verbose_name_plural = _("forms of provision")
        constraints = [VocabularyTerm.unique_code_constraint("catalog_serviceform_code_uniq")]


class RegisterTargetGroup(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("register target group")
        verbose_name_plural = _("register target groups")
        constraints = [
            VocabularyTerm.unique_code_constraint("catalog_registertargetgroup_code_uniq")
        ]


class AgeGroup(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("age group")
        verbose_name_plural = _("age groups")
        constraints = [VocabularyTerm.unique_code_constraint("catalog_agegroup_code_uniq")]


class CapacityUnit(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("capacity unit")
        verbose_name_plural = _("capacity units")
        constraints = [VocabularyTerm.unique_code_constraint("catalog_capacityunit_code_uniq")]


class TargetGroup(index.Indexed, models.Model):
    """A broad planning target group (seniors, families with children, …)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=False)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    register_groups = models.ManyToManyField(
        RegisterTargetGroup,
        blank=True,
        related_name="planning_groups",
        verbose_name=_("register target groups"),
        help_text=_("Fine-grained target groups of the register that belong to this group."),
    )

    search_fields = [index.SearchField("name"), index.SearchField("description")]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self):
        return self.name


class Municipality(index.Indexed, models.Model):
    """A municipality of the ORP's administrative district."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    code = models.CharField(
        _("RÚIAN code"),
        max_length=40,
        blank=True,
        help_text=_("Code of the municipality in the register's open data, e.g. Obec/588296."),
    )
    is_partner = models.BooleanField(
        _("partner town"),
        default=False,
        help_text=_("Partner towns have their own territorial working group."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    search_fields = [index.SearchField("name")]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="catalog_municipality_code_uniq"
            )
        ]

    def __str__(self):
        return self.name
