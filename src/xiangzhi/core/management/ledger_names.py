from xiangzhi.core.ledgers import all_ledgers, get_ledger
from xiangzhi.core.management.base import EXIT_USAGE, CommandFailed


def ledger_or_fail(name: str):
    try:
        return get_ledger(name)
    except KeyError:
        names = "、".join(["orgs", *(ledger.name for ledger in all_ledgers())])
        raise CommandFailed(f"没有名为「{name}」的台账。可用的台账：{names}", EXIT_USAGE) from None
