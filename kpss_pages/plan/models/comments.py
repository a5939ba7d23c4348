"""Public comments on a draft plan, their moderation and settlement."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class CommentQuerySet(models.QuerySet):
    def settlement_of(self, plan):
        """The approved comments on ``plan`` in the public settlement table's order (its
        page and its CSV)."""
        return (
            self.filter(plan=plan, moderation=Comment.Moderation.APPROVED)
            .select_related("chapter", "measure")
            .order_by("created_at", "pk")
        )


class Comment(models.Model):
    class Moderation(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected (spam or off-topic)")

    class Settlement(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTLY = "partly", _("Partly accepted")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")
        NOTED = "noted", _("Noted")

    plan = models.ForeignKey(
        "kpss_plan.PlanPage",
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    chapter = models.ForeignKey(
        "kpss_plan.PlanChapterPage",
        verbose_name=_("chapter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    measure = models.ForeignKey(
        "kpss_plan.Measure",
        verbose_name=_("measure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    text = models.TextField(pgettext_lazy("plan comment", "comment"))
    consent = models.BooleanField(_("consent to processing personal data"), default=False)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    moderation = models.CharField(
        _("moderation"), max_length=20, choices=Moderation.choices, default=Moderation.PENDING
    )
    settlement = models.CharField(
        _("settlement"), max_length=20, choices=Settlement.choices, blank=True
    )
    justification = models.TextField(_("justification"), blank=True)
    settled_at = models.DateField(_("settled on"), null=True, blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("name", read_only=True), FieldPanel("email", read_only=True)]
                ),
                FieldPanel("organisation"),
                FieldPanel("text"),
            ],
            heading=pgettext_lazy("plan comment", "Comment"),
        ),
        FieldPanel("moderation"),
        MultiFieldPanel(
            [FieldPanel("settlement"), FieldPanel("justification"), FieldPanel("settled_at")],
            heading=_("Settlement"),
        ),
    ]

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("comment on the plan")
        verbose_name_plural = _("comments on the plan")

    def __str__(self):
        return (
            f"{self.subject_label} – {self.created_at:%d. %m. %Y}"
            if self.created_at
            else str(self.subject_label)
        )

    @property
    def subject_label(self):
        if self.measure_id:
            return _("Measure %(number)s") % {"number": self.measure.number}
        if self.chapter_id:
            return self.chapter.title
        return _("The plan as a whole")

    @property
    def public_author(self):
        """What the public table shows: the organisation, never a person's name or e-mail."""
        return self.organisation or _("Member of the public")
