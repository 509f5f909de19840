"""Records that cannot exist without another record: a household's members and visits, a premises'
inspections, an inspection's hazards, a 讲评会's action items.

A dependant is a ledger record whose required (non-null) foreign key points at another ledger
record, its parent. Deleting a parent deletes its live dependants with it, at the same moment;
restoring the parent restores exactly the dependants deleted at that moment, not those deleted on
their own before. A dependant cannot be restored while its parent is in the recycle bin.
(An optional link, such as a problem's household, is a reference between two records that each
stand alone, and is left as it is.)
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from django.db.models import F, Q


def is_ledger_model(model) -> bool:
    from xiangzhi.core.models import LedgerModel

    return issubclass(model, LedgerModel)


@cache
def dependant_links(model) -> tuple[tuple[type, str], ...]:
    """(dependant model, its foreign key's attname) for every required link to ``model``."""
    return tuple(
        (relation.related_model, relation.field.attname)
        for relation in model._meta.related_objects
        if relation.one_to_many and not relation.field.null and is_ledger_model(relation.related_model)
    )


@cache
def parent_links(model) -> tuple:
    """The required foreign keys from ``model`` to another ledger record (its parents)."""
    return tuple(
        field
        for field in model._meta.concrete_fields
        if field.many_to_one and not field.null and is_ledger_model(field.related_model)
    )


def dependants(record, *, deleted_at) -> Iterator:
    """Locked dependants of ``record`` (and theirs, depth first) whose ``deleted_at`` is the one given:
    None for the live ones, the parent's moment of deletion for those deleted with it."""
    for model, attname in dependant_links(type(record)):
        children = model.all_objects.select_for_update().filter(
            **{attname: record.pk, "deleted_at": deleted_at}
        )
        for child in children.order_by("pk"):
            yield child
            yield from dependants(child, deleted_at=deleted_at)


def deleted_with_a_parent(model) -> Q:
    """Deleted records of ``model`` that went to the recycle bin together with their parent."""
    together = Q()
    for field in parent_links(model):
        together |= Q(**{f"{field.name}__deleted_at": F("deleted_at")})
    return together


def deleted_parent(record):
    """The parent of ``record`` that is in the recycle bin, if any."""
    for field in parent_links(type(record)):
        parents = field.related_model.all_objects.filter(deleted_at__isnull=False)
        parent = parents.filter(pk=getattr(record, field.attname)).first()
        if parent is not None:
            return parent
    return None
