# The newsletter's own delivery records move into the shared outbox (kpss_core).

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def deliveries_to_outbox(apps, schema_editor):
    """Keep who received which issue, so "send to new matching subscribers" never sends an
    issue twice after the upgrade. Only the record moves (no address, no text); deliveries
    that were still waiting or failed are simply queued again by the next send."""
    Delivery = apps.get_model("kpss_news", "Delivery")
    OutgoingEmail = apps.get_model("kpss_core", "OutgoingEmail")
    ContentType = apps.get_model("contenttypes", "ContentType")
    NewsletterIssuePage = apps.get_model("kpss_news", "NewsletterIssuePage")
    if not Delivery.objects.exists():
        return
    issue_type, _ = ContentType.objects.get_or_create(
        app_label="kpss_news", model="newsletterissuepage"
    )
    rows = []
    for delivery in Delivery.objects.filter(
        status__in=["sent", "sending"], subscriber__isnull=False
    ).select_related("issue"):
        rows.append(
            OutgoingEmail(
                kind="newsletter_issue",
                subject=delivery.issue.title[:500],
                key=f"newsletter:{delivery.issue_id}:{delivery.subscriber_id}",
                bulk=True,
                # "sending": interrupted before the upgrade, perhaps sent; never sent again.
                state="sent" if delivery.status == "sent" else "failed",
                attempts=delivery.attempts,
                last_error=delivery.last_error,
                created_at=delivery.created_at,
                claimed_at=delivery.claimed_at,
                sent_at=delivery.sent_at,
                content_type_id=issue_type.pk,
                object_id=delivery.issue_id,
            )
        )
    OutgoingEmail.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    NewsletterIssuePage.objects.filter(send_requested_at__isnull=False).update(
        queued_at=models.F("send_requested_at")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('kpss_core', '0003_outgoing_email'),
        ('kpss_news', '0003_block_templates'),
    ]

    operations = [
        migrations.AddField(
            model_name='newsletterissuepage',
            name='queued_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='e-mails prepared'),
        ),
        migrations.RunPython(deliveries_to_outbox, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='Delivery',
        ),
        migrations.AlterField(
            model_name='newsletterissuearticle',
            name='issue',
            field=modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='issue_articles', to='kpss_news.newsletterissuepage', verbose_name='issue'),
        ),
    ]
