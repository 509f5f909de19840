"""The few URL names the page shell reverses, with dummy views, so the UI tests do not depend on
every app's urls importing cleanly."""

from django.http import HttpResponse
from django.urls import path


def _dummy(request, *args, **kwargs):
    return HttpResponse("")


urlpatterns = [
    path("", _dummy, name="home"),
    path("login/", _dummy, name="login"),
    path("logout/", _dummy, name="logout"),
    path("org/switch/", _dummy, name="org-switch"),
    path("password/", _dummy, name="password-change"),
]
