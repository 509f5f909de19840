"""Every link a page shows its reader leads somewhere that reader may go.

A button that ends in 403 or 404 (an "add" button for a read-only leader, an "import" button where
no town is chosen) is a dead end for a township user. This walks the demo town as each demo
log-in, following the links of every page it opens, one page per kind of address (record ids and
query strings aside), and fails on any link that answers with an error.
"""

import re
from collections import deque
from urllib.parse import urlsplit

import pytest

from xiangzhi.core.models import User
from xiangzhi.demo.users import LOGINS

LINK = re.compile(r'href="(/[^"#]*)"')
# Not pages of the app: the log-out action, files served as such, Django's own admin site.
SKIPPED = re.compile(r"^/(logout|static|media|admin)/")
# A walk opens about a hundred kinds of page; the cap only stops a runaway walk.
MAX_PAGES = 400


def _kind(url: str) -> str:
    """Two addresses are of one kind when only their record ids or query strings differ."""
    return re.sub(r"\d+", "N", urlsplit(url).path)


def _dead_links(client) -> list[tuple[str, int, str]]:
    """(link, status, the page that showed it) for each link that answered with an error."""
    queue, seen, dead = deque([("/", "")]), set(), []
    while queue and len(seen) < MAX_PAGES:
        url, shown_on = queue.popleft()
        if _kind(url) in seen or SKIPPED.match(url):
            continue
        seen.add(_kind(url))
        response = client.get(url)
        if response.status_code >= 400:
            dead.append((url, response.status_code, shown_on))
        elif response.status_code == 200 and "html" in response.get("Content-Type", ""):
            for link in LINK.findall(response.content.decode()):
                queue.append((link.replace("&amp;", "&"), url))
    return dead


@pytest.mark.django_db
@pytest.mark.parametrize("username", [*(login.username for login in LOGINS), "admin"])
def test_no_page_shows_a_link_its_reader_cannot_follow(demo_db, client, username):
    client.force_login(User.objects.get(username=username))
    assert _dead_links(client) == []
