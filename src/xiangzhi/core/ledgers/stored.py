"""An import writes only records its user could write by hand.

A row whose key names a stored record, deleted ones included, updates that record (CONTRACT §2).
So the importing user needs IMPORT over the unit the record is stored in, not only over the unit
the row names: otherwise a village cadre could overwrite, move into their own village or take
over another village's household just by reusing its 户编号. A deleted record comes back with the
update, so it also needs RESTORE there, as restoring it from the recycle bin would.

The command line acts as the system actor (``system_user()``), which may write anything in the town.
"""

from __future__ import annotations

from functools import cached_property

from xiangzhi.core.roles import Capability

NOT_YOURS = "该编号已用于您无权导入的单位（其他村或网格）的记录，不能在此修改；请换一个编号"
DELETED = "该编号的记录已删除（在回收站中），您无权恢复；请联系乡镇管理员恢复，或换一个编号"


class StoredRecordGuard:
    """Per row, the problem with the record its key names; the keys it refuses are read once per import."""

    def __init__(self, ledger, ctx):
        self.ledger = ledger
        self.ctx = ctx
        self.key_column = ledger.sheet.key[0]

    def problems(self, fields) -> list[tuple[str, str]]:
        key = self.ledger.key_of(fields)
        if key in self._not_importable:
            return [(self.key_column, NOT_YOURS)]
        if key in self._deleted_not_restorable:
            return [(self.key_column, DELETED)]
        return []

    @cached_property
    def _not_importable(self) -> frozenset[tuple]:
        return self._keys_outside(Capability.IMPORT, deleted_only=False)

    @cached_property
    def _deleted_not_restorable(self) -> frozenset[tuple]:
        return self._keys_outside(Capability.RESTORE, deleted_only=True)

    def _keys_outside(self, capability: str, *, deleted_only: bool) -> frozenset[tuple]:
        """Keys of the town's records stored in units where the user lacks ``capability``."""
        ctx = self.ctx
        if ctx.acting_user.can(capability, ctx.town, ledger=self.ledger.name):
            return frozenset()  # the whole town is theirs: no query
        records = self.ledger.model.all_objects.filter(town=ctx.town)
        if deleted_only:
            records = records.filter(deleted_at__isnull=False)
        records = records.exclude(org__in=ctx.units_where(capability).active())
        keys = records.order_by().values_list(*self.ledger.key_attnames)
        return frozenset(keys.iterator(chunk_size=5000))
