"""Every route × every persona with odd input: no answer is ever a system error (status ≥ 500).

Routes come from Django's resolver; their path parameters are filled with real objects of the
test world by the permission matrix's targets (tests/matrix.py), which must cover every URL name
(tests/core/test_permission_matrix.py checks that). Each persona sends one GET with odd query
values and one POST with odd form values: for the field names the page's own form declares
(read from its HTML) and for names every page might read. Values rotate deterministically over
routes, personas and fields, and so do a route's variants (one per ledger …) over the personas,
so the test stays bounded (well under two minutes) and fails the same way every run.
"""

import re
import zlib
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.matrix import all_cases
from tests.world import PERSONAS, build_world
from xiangzhi.core.models import RoleAssignment, User
from xiangzhi.core.roles import Role

pytestmark = pytest.mark.django_db

ODD_VALUES = (
    "9" * 5000,  # a number no column holds (and past int()'s 4,300-digit limit)
    "١٢٣",  # Arabic-Indic digits: int() takes them, a regex of [0-9] does not
    "x" * 10_240,
    '{"a": ' * 40 + "1" + "}" * 40,  # nested JSON
    "[" * 2000,
    "abc\x00def",  # NUL: PostgreSQL refuses it in text
    "\ud800",  # a lone surrogate: not encodable as UTF-8
    "2023-13-45",
    "-1",
    "0",
    "1e400",
    " ",
)
COMMON_NAMES = ("next", "year", "q", "page", "org", "file", "from", "to", "pk", "version", "at", "ledger")
ODD_FILES = (b"[" * 100_000, b'{"year": ' + b"9" * 5000 + b"}", b"PK\x03\x04broken", b"\x00" * 64)
_FIELD_NAMES = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')
_FILE_INPUTS = re.compile(
    r'<input\b[^>]*type="file"[^>]*name="([^"]+)"|<input\b[^>]*name="([^"]+)"[^>]*type="file"'
)


def _url_names(patterns, namespace="") -> list[str]:
    names = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names += _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(namespace + pattern.name)
    return sorted(set(names))


def _encoded(value: str) -> str:
    # WTF-8 for a lone surrogate: the bytes a broken client really sends.
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def _query(names, seed: int) -> str:
    return "&".join(
        f"{quote(n)}={_encoded(ODD_VALUES[(seed + i) % len(ODD_VALUES)])}" for i, n in enumerate(names)
    )


def _page_fields(html: str) -> tuple[list[str], list[str]]:
    names = [n for n in dict.fromkeys(_FIELD_NAMES.findall(html)) if n != "csrfmiddlewaretoken"]
    files = [a or b for a, b in _FILE_INPUTS.findall(html)]
    return names, files


def _post(client, url, names, files, target_data, seed):
    if files:  # multipart: the test client encodes text as UTF-8, so no lone surrogate here
        data = {
            n: ODD_VALUES[(seed + i) % len(ODD_VALUES)].replace("\ud800", "\ufffd")
            for i, n in enumerate(names)
        }
        for i, name in enumerate(files):
            content = ODD_FILES[(seed + i) % len(ODD_FILES)]
            data[name] = SimpleUploadedFile(f"odd{seed % 3}.{('json', 'xlsx', 'csv')[seed % 3]}", content)
        return client.post(url, {**target_data, **data})
    body = _query(names, seed)
    known = "&".join(f"{quote(k)}={quote(str(v))}" for k, v in target_data.items())
    return client.post(
        url, "&".join(p for p in (known, body) if p), content_type="application/x-www-form-urlencoded"
    )


def _seed(*parts) -> int:
    return zlib.crc32("|".join(map(str, parts)).encode())


def test_no_route_answers_odd_input_with_a_system_error(client):
    client.raise_request_exception = False  # collect every 500, not only the first
    world = build_world()
    for location in ("grid", "grid2", "other_grid"):  # objects of the user pages (tests/matrix.py)
        member = User.objects.create_user(username=f"member_{location}", password="x" * 16)
        RoleAssignment.objects.create(user=member, role=Role.GRID_WORKER, org=world.orgs[location])
        world.users[f"member_{location}"] = member
    cases = all_cases()
    failures = []
    for url_name in _url_names(get_resolver().url_patterns):
        learned: list[str] = []  # the field names of the route's page, as the personas see it
        for number, persona in enumerate(PERSONAS):
            # Each try starts from the same world: a POST that deleted the grid or removed an
            # assignment must not leave the tries after it with nothing to reach.
            with transaction.atomic():
                failures += _fuzz(client, world, url_name, cases[url_name], number, persona, learned)
                transaction.set_rollback(True)
    assert failures == [], "\n".join(failures)


def _fuzz(client, world, url_name, case, number: int, persona: str, learned: list[str]) -> list[str]:
    """One GET with odd query values (the names every page might read, and the fields an earlier
    persona's page showed), then one POST with odd values for the fields of this page."""
    failures = []
    variant = case.variants[(_seed(url_name) + number) % len(case.variants)]
    target = case.target(world, "grid", variant) if case.target else None
    url = reverse(url_name, kwargs=target.kwargs if target else dict(variant))
    seed = _seed(url_name, persona)
    client.force_login(world.users[persona])
    page = client.get(url, QUERY_STRING=_query(dict.fromkeys([*COMMON_NAMES, *learned]), seed))
    if page.status_code >= 500:
        failures.append(f"GET {url} as {persona}: {page.status_code}")
    names, files = _page_fields(page.content.decode(errors="replace")) if _is_page(page) else ([], [])
    learned += [name for name in names if name not in learned]
    data = target.data if target else {}  # what the route needs to get past its first check
    fields = [n for n in dict.fromkeys([*names, *COMMON_NAMES]) if n not in files and n not in data]
    client.force_login(world.users[persona])  # a GET of the logout page could have ended it
    posted = _post(client, url, fields, files, data, seed)
    if posted.status_code >= 500:
        failures.append(f"POST {url} as {persona}: {posted.status_code}")
    return failures


def _is_page(response) -> bool:
    html = response.get("Content-Type", "").startswith("text/html")
    return response.status_code == 200 and not response.streaming and html
