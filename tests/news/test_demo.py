from kpss_pages.core.models import OutgoingEmail
from kpss_pages.news.models import ArticlePage, NewsletterIssuePage, Subscriber


def test_demo_loads_articles_and_sent_issues(client, demo):
    counts = (
        ArticlePage.objects.count(),
        NewsletterIssuePage.objects.count(),
        Subscriber.objects.count(),
        OutgoingEmail.objects.filter(kind="newsletter_issue").count(),
    )
    assert counts[0] == 12
    assert counts[1] == 2 and counts[2] >= 2 and counts[3] >= 2
    assert NewsletterIssuePage.objects.filter(sent_at__isnull=False).count() == 2
    assert all(a.tags.exists() for a in ArticlePage.objects.all())
    assert OutgoingEmail.objects.filter(state="sent").count() == counts[3]
    table_article = client.get("/aktuality/vysledky-ankety/").content.decode()
    assert "<table" in table_article and "&#x27;data&#x27;" not in table_article
    html = client.get("/aktuality/").content.decode()
    assert "Zpráva o naplňování komunitního plánu za rok 2025" in html
    assert 'href="/aktuality/"' in client.get("/").content.decode()  # in the menu
    assert (
        "Zpravodaj komunitního plánování 1/2025"
        in client.get("/aktuality/zpravodaj/").content.decode()
    )
