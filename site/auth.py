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
