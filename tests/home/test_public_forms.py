from django.core.cache import cache
from django.test import RequestFactory

from kpss_pages.core.public_forms import client_ip, honeypot_field, rate_limited


def _request(ip="192.0.2.1", **meta):
    return RequestFactory().post("/", REMOTE_ADDR=ip, **meta)


def test_rate_limit_counts_per_scope_and_client(settings):
    cache.clear()
    request = _request()
    assert [rate_limited(request, "x", limit=2) for _ in range(3)] == [False, False, True]
    assert rate_limited(request, "other", limit=2) is False
    assert rate_limited(_request("192.0.2.2"), "x", limit=2) is False


def test_client_ip_behind_proxy_takes_the_address_the_proxy_added(settings):
    forged_then_real = "203.0.113.9, 198.51.100.7"
    request = _request(HTTP_X_FORWARDED_FOR=forged_then_real)
    settings.CLIENT_IP_HEADER = ""
    assert client_ip(request) == "192.0.2.1"
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    assert client_ip(request) == "198.51.100.7"


def test_honeypot_field_is_optional_and_out_of_the_tab_order():
    field = honeypot_field()
    assert field.required is False
    assert field.widget.attrs["tabindex"] == "-1"
    assert str(field.label) == "Toto pole nevyplňujte"
