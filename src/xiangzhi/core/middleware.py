"""Security headers Django's SecurityMiddleware does not set.

The Content-Security-Policy allows scripts from the site itself only: every script is vendored
(htmx) and no template has an inline script or event handler, so an injected ``<script>`` or
``onerror=`` does not run even if escaping were ever missed. Inline style attributes stay allowed:
they cannot run code and a few templates use them for indentation.
"""

from django.http import HttpResponseBadRequest
from django.utils.cache import add_never_cache_headers

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every response to a signed-in user.

    Any page or file a signed-in user gets can hold personal data (a list, a detail, an export, a
    report), and township offices share computers: nothing of it may stay in a browser's or a
    proxy's cache, or come back with the Back button after logging out. Marking every
    authenticated response is the rule that cannot be forgotten on a new page. A view that chose
    a private cache for a file of its own (hazard photos) keeps its choice. Static files never get
    here: WhiteNoise, earlier in the chain, serves them cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not _chose_private_cache(response):
            add_never_cache_headers(response)
        return response


def _chose_private_cache(response) -> bool:
    chosen = response.get("Cache-Control", "")
    return "private" in chosen and "public" not in chosen


class NullCharacterMiddleware:
    """A NUL character in a query or form value is answered 400 with a Chinese message.

    No user types one, PostgreSQL refuses it in every text column (a filter ``?q=a%00b`` would be a
    system error there) and Django's forms only refuse it where a form reads the value: one check
    here covers every filter, search box and parameter read straight from the request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        named = _nul_holder(request.GET) or (_nul_holder(request.POST) if _form_post(request) else None)
        if named is not None:
            message = f"参数「{named.replace(chr(0), '')}」不能含有空字符（\\0），无法处理。"
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _form_post(request) -> bool:
    """A POST whose body may be read here. A file upload's is not: reading it would parse the
    upload before its view sets where the file goes (the import keeps it in memory, never in the
    temporary directory); its form fields refuse a NUL themselves."""
    return request.method == "POST" and request.content_type != "multipart/form-data"


def _nul_holder(params) -> str | None:
    """The name of the first parameter whose name or value holds a NUL, else None."""
    for key, values in params.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return key
    return None
