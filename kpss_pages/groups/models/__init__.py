"""Models of working groups and meetings, one module per concept.

Everything is re-exported here, so ``from kpss_pages.groups.models import MeetingPage``
keeps working wherever a model lives.
"""

from .applications import MembershipApplication, retention_days
from .groups import GroupMember, TaskBlock, WorkingGroupIndexPage, WorkingGroupPage
from .harmonogram_page import HarmonogramPage
from .meetings import MeetingPage, MinutesBlock
from .registrations import Registration, RegistrationQuerySet
from .vocabulary import CALENDAR_SUFFIX, PHASE_ORDER, STEPLEN, Phase, StakeholderCategory

__all__ = [
    "CALENDAR_SUFFIX",
    "PHASE_ORDER",
    "STEPLEN",
    "GroupMember",
    "HarmonogramPage",
    "MeetingPage",
    "MembershipApplication",
    "MinutesBlock",
    "Phase",
    "Registration",
    "RegistrationQuerySet",
    "StakeholderCategory",
    "TaskBlock",
    "WorkingGroupIndexPage",
    "WorkingGroupPage",
    "retention_days",
]
