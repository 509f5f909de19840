"""Records whose unit is their parent's: a household's members and visits are where it is.

A ledger model says so with ``org_follows = "<its foreign key>"``; its form and import take the
unit from the parent. When the parent moves to another grid or village of the town, by its form
or by an import, its followers move with it, each with a history row: otherwise the old grid would
keep seeing them and the new one would not.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from xiangzhi.core.services.dependants import is_ledger_model


@cache
def follower_links(model) -> tuple[tuple[type, str], ...]:
    """(follower model, attname of its link) for every model whose unit follows ``model``."""
    links = []
    for candidate in apps.get_models():
        link = getattr(candidate, "org_follows", None)
        if link and is_ledger_model(candidate):
            field = candidate._meta.get_field(link)
            if field.related_model is model:
                links.append((candidate, field.attname))
    return tuple(links)


def carry_followers(model, moves: dict[int, int], *, acting_user, reason: str) -> None:
    """Give the followers of each moved record (pk -> its new unit's id) that unit too."""
    now = timezone.now()
    for follower, attname in follower_links(model):
        moved = []
        # Locked: the version written is the one read plus one, so no save may come in between.
        followers = follower.all_objects.select_for_update().filter(**{f"{attname}__in": list(moves)})
        for record in followers.order_by("pk"):
            new_org_id = moves[getattr(record, attname)]
            if record.org_id != new_org_id:
                record.org_id, record.version, record.updated_at = new_org_id, record.version + 1, now
                moved.append(record)
        bulk_update_with_history(
            moved,
            follower,
            ["org", "version", "updated_at"],
            default_user=acting_user,
            default_change_reason=reason,
            default_date=now,
            manager=follower.all_objects,
        )
