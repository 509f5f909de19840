"""Two people (or a person and an import) changing the same thing at the same moment, on both
databases: nothing is lost, no version is written twice, nobody gets a server error, and whoever
loses is told so in Chinese. Each race runs a bounded number of rounds in real threads with their
own connections (tests/core/racing.py)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.core.racing import racing
from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.core.services import orgs as org_services

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 8
DELETED_MEANWHILE = "已被他人删除"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _live_children(unit: OrgUnit) -> list[str]:
    stored = OrgUnit.objects.get(pk=unit.pk)
    return sorted(OrgUnit.objects.get_children(stored).values_list("name", flat=True))


# -- org edit against the tree -----------------------------------------------------------------


def test_an_edit_from_a_stale_copy_keeps_the_grid_added_meanwhile(world):
    """The edit form's copy of the village was read before a grid was added under it."""
    stale = OrgUnit.objects.get(pk=world.village.pk)
    admin = world.users["town_admin"]
    org_services.org_create(
        acting_user=admin, parent=world.village, code="410811101200099", name="新网格", level=OrgLevel.GRID
    )

    org_services.org_update(acting_user=admin, unit=stale, name="桥湾新村", code=stale.code)
    org_services.org_create(
        acting_user=admin, parent=world.village, code="410811101200098", name="又一网格", level=OrgLevel.GRID
    )

    village = OrgUnit.objects.get(pk=world.village.pk)
    assert (village.name, village.numchild) == ("桥湾新村", 3)
    assert _live_children(village) == ["又一网格", "新网格", "村0网格"]


def test_an_edit_from_a_stale_copy_does_not_undo_a_delete(world):
    grid = OrgUnit.objects.get(pk=world.grid.pk)
    admin = world.users["town_admin"]
    org_services.org_delete(acting_user=admin, unit=OrgUnit.objects.get(pk=grid.pk))

    with pytest.raises(Exception, match=DELETED_MEANWHILE):
        org_services.org_update(acting_user=admin, unit=grid, name="改名网格", code=grid.code)

    stored = OrgUnit.objects.get(pk=grid.pk)
    assert stored.deleted_at is not None and stored.name == "村0网格"


def test_org_edit_racing_grid_adds_keeps_every_grid(world, tmp_path):
    with racing(tmp_path) as race:
        admin = world.users["town_admin"]
        editor, adder = _client(admin), _client(admin)
        edit_url = reverse("org-edit", args=[world.village.pk])
        add_url = reverse("org-create", args=[world.village.pk])
        for n in range(ROUNDS):
            outcomes = race.run(
                lambda n=n: editor.post(edit_url, {"code": world.village.code, "name": f"桥湾村{n}"}),
                lambda n=n: adder.post(
                    add_url, {"code": f"41081110120001{n:02d}", "name": f"新网格{n}", "level": OrgLevel.GRID}
                ),
            )
            assert [o.error for o in outcomes] == [None, None]
            assert [o.value.status_code for o in outcomes] == [302, 302]

        village = OrgUnit.objects.get(pk=world.village.pk)
        assert village.name == f"桥湾村{ROUNDS - 1}"
        assert village.numchild == ROUNDS + 1
        assert _live_children(village) == sorted(["村0网格", *(f"新网格{n}" for n in range(ROUNDS))])
        page = editor.get(reverse("org-detail", args=[village.pk])).content.decode()
        assert all(f"新网格{n}" in page for n in range(ROUNDS))


def test_org_edit_racing_a_delete_never_undoes_it(world, tmp_path):
    with racing(tmp_path) as race:
        admin = world.users["town_admin"]
        editor, deleter = _client(admin), _client(admin)
        for n in range(ROUNDS):
            grid = org_services.org_create(
                acting_user=admin,
                parent=world.village,
                code=f"41081110120002{n:02d}",
                name=f"待删网格{n}",
                level=OrgLevel.GRID,
            )
            edited, deleted = race.run(
                lambda grid=grid: editor.post(
                    reverse("org-edit", args=[grid.pk]), {"code": grid.code, "name": f"{grid.name}改"}
                ),
                lambda grid=grid: deleter.post(reverse("org-delete", args=[grid.pk])),
            )
            assert (edited.error, deleted.error) == (None, None)
            assert deleted.value.status_code == 302
            # Edited first (302), refused as deleted (200 with the reason) or no longer found (404).
            assert edited.value.status_code in (302, 200, 404)
            if edited.value.status_code == 200:
                assert DELETED_MEANWHILE in edited.value.content.decode()
            assert OrgUnit.objects.filter(pk=grid.pk, deleted_at__isnull=False).exists(), f"round {n}"
