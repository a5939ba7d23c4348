"""Vocabularies shared by groups, meetings and applications."""

from django.db import models
from django.utils.translation import gettext_lazy as _

CALENDAR_SUFFIX = "kalendar.ics"
STEPLEN = 4  # treebeard's path step: a page's parent path is path[:-STEPLEN]


class StakeholderCategory(models.TextChoices):
    """The five sides of community planning (seed 003)."""

    COMMISSIONER = "commissioner", _("Commissioner of social services")
    PROVIDER = "provider", _("Provider of social services")
    USER = "user", _("User of social services")
    PROFESSIONAL = "professional", _("Professional public")
    PUBLIC = "public", _("General public")


class Phase(models.TextChoices):
    ANALYTICAL = "analytical", _("Analytical phase")
    PROPOSAL = "proposal", _("Proposal phase")
    IMPLEMENTATION = "implementation", _("Implementation")
    OTHER = "other", _("Other meetings")


PHASE_ORDER = [Phase.ANALYTICAL, Phase.PROPOSAL, Phase.IMPLEMENTATION, Phase.OTHER]
