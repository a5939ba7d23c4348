"""Authentication of the reference site: django-axes throttles logins through web forms."""

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' check before every login through a web form (the Wagtail admin's), which
    refuses a locked-out client with the Czech lockout page. A login without a request (the
    test client's ``login()``, the shell) has no client address to count and is left to the
    next backend instead of failing."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request):
    """The client address django-axes counts: the public forms' (CLIENT_IP_HEADER behind a
    proxy), or None when there is no valid one (the test client's login() has none; the
    attempt log stores addresses in an inet column on PostgreSQL)."""
    import ipaddress

    from kpss_pages.core.public_forms import client_ip as forms_client_ip

    address = forms_client_ip(request) if request is not None else ""
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def lockout_response(request, original_response=None, credentials=None):
    """The Czech page a locked-out client gets (status 429), with the waiting time."""
    import math

    from axes.helpers import get_cool_off, get_failure_limit
    from django.shortcuts import render

    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "axes/lockout.html", context, status=429)
