"""Every URL pattern × every persona × objects inside and outside their subtree."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.matrix import LOCATIONS, Case, Target, all_cases
from tests.world import PERSONAS, build_world
from xiangzhi.core.models import OrgUnit, RoleAssignment, User
from xiangzhi.core.roles import Role

PERSONA_NAMES = [*PERSONAS, "anonymous"]


def _url_names(patterns, namespace="") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_url_pattern_has_a_matrix_entry():
    missing = _url_names(get_resolver().url_patterns) - set(all_cases())
    assert not missing, f"URL names without a permission-matrix entry: {sorted(missing)}"


def _populate(world) -> None:
    """A plain member user at each location, as the object of user-management URLs."""
    for location in LOCATIONS:
        member = User.objects.create_user(username=f"member_{location}", password="x" * 16)
        RoleAssignment.objects.create(user=member, role=Role.GRID_WORKER, org=world.orgs[location])
        world.users[f"member_{location}"] = member


def _expected(case: Case, world, persona: str, target: Target | None) -> int:
    if persona == "anonymous":
        return case.anonymous
    if case.expect is not None:
        return case.expect(world, persona, target)
    user = world.users[persona]
    if target is not None:
        if not user.can_view(target.org):
            return 404
        checked = OrgUnit.objects.get_parent(target.org) if case.checked_at == "parent" else target.org
    else:
        checked = world.orgs[PERSONAS[persona][1]]
    if case.capability and not user.can(case.capability, checked):
        return 403
    return case.success


def _matrix_params():
    for name, case in sorted(all_cases().items()):
        for index, variant in enumerate(case.variants):
            label = "-".join(str(v) for v in variant.values()) or "-"
            for persona in PERSONA_NAMES:
                for location in LOCATIONS if case.target else [None]:
                    yield pytest.param(
                        name, index, persona, location, id=f"{name}[{label}]-{persona}-{location or 'page'}"
                    )


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "variant", "persona", "location"), list(_matrix_params()))
def test_permission_matrix(client, url_name, variant, persona, location):
    case = all_cases()[url_name]
    world = build_world()
    _populate(world)
    chosen = case.variants[variant]
    case = case.for_variant(chosen)
    target = case.target(world, location, chosen) if case.target else None
    kwargs = target.kwargs if target else dict(chosen)
    if persona != "anonymous":
        client.force_login(world.users[persona])
    url = reverse(url_name, kwargs=kwargs)
    data = target.data if target else {}
    response = client.post(url, data) if case.method == "POST" else client.get(url)
    assert response.status_code == _expected(case, world, persona, target)
