"""Whatever is typed into a ledger's add form, the answer is the form again with its errors, and
nothing is written: never an error page (the hazard form once broke on a 20-digit inspection id)."""

import pytest
from django.urls import reverse

from tests.factories import RECORD_FACTORIES
from tests.ledgers.support import GARBAGE
from tests.world import ledger_writer
from xiangzhi.core.ledgers import all_ledgers, get_ledger
from xiangzhi.core.ledgers.forms import form_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("ledger", [ledger.name for ledger in all_ledgers()])
def test_no_typed_value_breaks_an_add_form(world, client_for, ledger):
    declaration = get_ledger(ledger)
    client = client_for(ledger_writer(ledger))
    names = list(form_for(declaration).base_fields)
    before = declaration.model.all_objects.count()
    for value in GARBAGE:
        response = client.post(reverse("ledger-create", args=[ledger]), dict.fromkeys(names, value))
        assert response.status_code == 200, (value, names)
    assert declaration.model.all_objects.count() == before


@pytest.mark.parametrize("ledger", sorted(RECORD_FACTORIES))
def test_no_typed_value_breaks_an_edit_form(world, client_for, ledger):
    record = RECORD_FACTORIES[ledger](world.grid)
    declaration = get_ledger(ledger)
    client = client_for(ledger_writer(ledger))
    names = [name for name in form_for(declaration).base_fields if name != "version"]
    for value in GARBAGE:
        form = {**dict.fromkeys(names, value), "version": record.version}
        response = client.post(reverse("ledger-edit", args=[ledger, record.pk]), form)
        assert response.status_code == 200, (value, names)
    stored = declaration.model.all_objects.get(pk=record.pk)
    assert (stored.version, stored.history.count()) == (record.version, record.history.count())
