"""Models of the community plan: pages, priorities and measures, monitoring, comments,
surveys and the commission's activity plan."""

from .activity import ActivityPlanPage, PlannedActivity
from .comments import Comment
from .measures import Indicator, Measure, Priority
from .monitoring import IndicatorValue, MeasureStatus, MonitoringStatus, YearReport
from .plan import PlanChapterPage, PlanIndexPage, PlanPage, PlanStatus
from .survey import SurveyField, SurveyPage

__all__ = [
    "ActivityPlanPage",
    "Comment",
    "Indicator",
    "IndicatorValue",
    "Measure",
    "MeasureStatus",
    "MonitoringStatus",
    "PlanChapterPage",
    "PlanIndexPage",
    "PlanPage",
    "PlanStatus",
    "PlannedActivity",
    "Priority",
    "SurveyField",
    "SurveyPage",
    "YearReport",
]
