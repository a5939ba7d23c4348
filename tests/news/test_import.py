from datetime import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from kpss_pages.core.models import OutgoingEmail
from kpss_pages.news.importing import import_subscribers
from kpss_pages.news.models import Subscriber

CSV = (
    "E-mail;Datum souhlasu;Zdroj souhlasu\n"
    "jana@example.org;2. 8. 2021;Formulář na starém webu obce Kopřivnice\n"
    "petr@example.org;;\n"
    "neni-adresa;1. 1. 2020;web\n"
    "jana@example.org;3. 3. 2022;web\n"
    "eva@example.org;31. 2. 2020;web\n"
    "olga@example.org;1. 1. 2020;\n"
    "stary@example.org;1. 1. 2020;web\n"
)


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1250"])
def test_import_with_consent_confirms_without_consent_invites_and_reports_the_rest(
    encoding, django_capture_on_commit_callbacks
):
    Subscriber.objects.create(email="stary@example.org", confirmed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=False):
        report = import_subscribers(CSV.encode(encoding))
    jana = Subscriber.objects.get(email="jana@example.org")
    assert jana.is_confirmed and jana.consent_source == "Formulář na starém webu obce Kopřivnice"
    assert timezone.localtime(jana.consent_at).date() == datetime(2021, 8, 2).date()
    petr = Subscriber.objects.get(email="petr@example.org")
    assert not petr.is_confirmed and petr.consent_at is None
    assert OutgoingEmail.objects.get().to == "petr@example.org"  # the double opt-in e-mail
    assert OutgoingEmail.objects.get().kind == OutgoingEmail.Kind.SUBSCRIPTION_CONFIRM
    assert (report.confirmed, report.invited) == (1, 1)
    errors = {line: message for line, _email, message, _ok in report.errors}
    assert errors == {
        4: "Neplatná e-mailová adresa.",
        5: "Adresa je v souboru víckrát.",
        6: "Neznámé datum „31. 2. 2020“; použijte např. 2. 8. 2024.",
        7: "Souhlas potřebuje datum i zdroj.",
        8: "Adresa už odebírá; ponechána beze změny.",
    }
    assert Subscriber.objects.count() == 3


@pytest.mark.django_db
def test_import_comma_separated_dry_run_and_command(tmp_path, capsys):
    path = tmp_path / "odberatele.csv"
    path.write_text("a@example.org,2024-05-01,starý web\nb@example.org,,\n", encoding="utf-8")
    call_command("import_subscribers", str(path), "--dry-run")
    assert Subscriber.objects.count() == 0
    assert "Potvrzených se souhlasem: 1, k potvrzení e-mailem: 1, chyb: 0" in (
        capsys.readouterr().out
    )
    call_command("import_subscribers", str(path))
    assert Subscriber.objects.filter(confirmed_at__isnull=False).count() == 1
    assert Subscriber.objects.count() == 2


@pytest.mark.django_db
def test_import_writes_nothing_when_a_write_fails(monkeypatch):
    import kpss_pages.news.importing as importing

    def broken(subscriber):
        raise RuntimeError("outbox down")

    monkeypatch.setattr(importing, "queue_confirmation", broken)
    with pytest.raises(RuntimeError):
        import_subscribers(b"a@example.org;1. 1. 2020;web\nb@example.org;;\n")
    assert Subscriber.objects.count() == 0


@pytest.mark.django_db
def test_admin_import_screen_reports_per_row_and_needs_permission(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import UserFactory

    url = "/admin/zpravodaj/import-odberatelu/"
    client.force_login(UserFactory(username="bezprav", is_staff=True))
    assert client.get(url).status_code in (302, 403)
    client.force_login(UserFactory(username="spravce", is_superuser=True, is_staff=True))
    data = "e-mail;datum;zdroj\na@example.org;1. 1. 2020;starý web\nšpatně;;\n".encode("cp1250")
    page = client.post(
        url, {"file": SimpleUploadedFile("o.csv", data), "dry_run": "on"}
    ).content.decode()
    assert "Neplatná e-mailová adresa." in page and "nic neuloženo" in page
    assert Subscriber.objects.count() == 0
    page = client.post(url, {"file": SimpleUploadedFile("o.csv", data)}).content.decode()
    assert "Potvrzených s dřívějším souhlasem: 1" in page
    assert Subscriber.objects.get().consent_source == "starý web"
