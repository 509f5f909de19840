"""Security headers Django's SecurityMiddleware does not set.

The Content-Security-Policy allows scripts from the site itself only: every script is vendored
(htmx) and no template has an inline script or event handler, so an injected ``<script>`` or
``onerror=`` does not run even if escaping were ever missed. Inline style attributes stay allowed:
they cannot run code and a few templates use them for indentation.
"""

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
