"""Resolving a ledger and its records for a request, always through the scoping mechanism."""

from django.http import Http404

from xiangzhi.core.current import current_org
from xiangzhi.core.ledgers.declaration import get_ledger


def ledger_or_404(name: str):
    try:
        return get_ledger(name)
    except KeyError:
        raise Http404 from None


def scoped_records(ledger, request, *, include_deleted: bool = False):
    """The ledger's records the user may see, inside the org unit they are looking at."""
    manager = ledger.model.all_objects if include_deleted else ledger.model.objects
    records = manager.visible_to(request.user)
    org = current_org(request)
    if org is not None:
        records = records.filter(**{f"{ledger.model.scope_field}__path__startswith": org.path})
    return records.select_related(*ledger.select_related)


def record_or_404(ledger, request, pk: int):
    """A record by pk the user may see — regardless of the org unit currently chosen."""
    record = (
        ledger.model.objects.visible_to(request.user).select_related(*ledger.select_related).filter(pk=pk)
    )
    record = record.first()
    if record is None:
        raise Http404
    return record
