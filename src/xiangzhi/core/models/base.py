"""The base of every org-owned record: scoping, soft delete, optimistic locking and history.

Every ledger model inherits ``LedgerModel`` and so gets, with no code of its own:
- ``Model.objects.visible_to(user)`` (the only way views, exports and reports read it);
- per-record history (django-simple-history), including rows written in bulk by importers;
- soft delete with restore (``deleted_at``), so nothing is ever hard-deleted from the UI;
- a ``version`` counter that refuses a save based on a stale copy.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from simple_history.models import HistoricalRecords

from xiangzhi.core.pii.masking import free_text_fields, mask_free_text, masked_notice
from xiangzhi.core.scoping import restrict_filter, scope_filter
from xiangzhi.core.tabular.converters import TOO_LARGE

TOO_SMALL = "数值过小"


def portable_integer_range(field) -> tuple[int | None, int | None]:
    """The values an integer column holds on every supported database.

    Django validates against the database in use, and SQLite stores any 64-bit integer in a
    "small integer" column; PostgreSQL refuses it at the INSERT. Checking the narrower range
    everywhere keeps a value that SQLite takes from failing later on PostgreSQL.
    """
    if field.primary_key or field.is_relation:
        return None, None
    return BaseDatabaseOperations.integer_field_ranges.get(field.get_internal_type(), (None, None))


def integer_range_problem(field, value) -> str | None:
    low, high = portable_integer_range(field)
    if high is None or not isinstance(value, int) or isinstance(value, bool):
        return None
    if value > high:
        return TOO_LARGE
    return TOO_SMALL if value < low else None


# A key unique "per town" (户编号 …) is named with its place, not as a field the user never typed.
_KEY_PLACES = {"town": "本乡镇", "org": "本单位"}


def typed_label(model, name: str) -> str:
    """The label of what the user typed for a model field: a blind index (``id_number_index``,
    core/pii/fields.py) is the ID number it was computed from, not "身份证号索引"."""
    if name.endswith("_index"):
        source = name.removesuffix("_index")
        if any(field.name == source for field in model._meta.fields):
            name = source
    return str(model._meta.get_field(name).verbose_name)


def _typed_key_labels(model, names) -> str:
    return "、".join(typed_label(model, name) for name in names if name not in _KEY_PLACES)


class ScopedQuerySet(models.QuerySet):
    """Records limited to a user, in the manner of NetBox's ``RestrictedQuerySet``: one filter
    in the same query, never a loop over records or units in Python."""

    def visible_to(self, user):
        return self.filter(scope_filter(user, self.model.scope_field))

    def restrict(self, user, capability: str, ledger: str | None = None):
        """The records in units where ``user`` holds ``capability`` (core/roles.py)."""
        return self.filter(restrict_filter(user, capability, self.model.scope_field, ledger=ledger))


class LiveManager(models.Manager.from_queryset(ScopedQuerySet)):
    """Records that are not deleted."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class AllRecordsManager(models.Manager.from_queryset(ScopedQuerySet)):
    """Every record, deleted ones included (restore pages, history)."""


class RecordHistory(HistoricalRecords):
    """django-simple-history with only the index its readers use: the record's id.

    History is read one record at a time (the history page and restore filter by the record's
    id), never by org, date or blind index. The live table's other indexes, copied onto the
    history table as ``no_db_index`` would otherwise leave them, cost every write and serve no
    query: on a 100,000-row import, the history's copy of the blind index alone (random keys)
    was a fifth of the database time.
    """

    def copy_fields(self, model):
        fields = super().copy_fields(model)
        for name, field in fields.items():
            field.db_index = name == model._meta.pk.name
        return fields


class LedgerModel(models.Model):
    # The FK to OrgUnit that decides who may see a record (the lowest unit it belongs to).
    scope_field = "org"
    # The FK to a parent record whose unit this record always shares (core/services/followers.py).
    org_follows: str | None = None

    org = models.ForeignKey(
        "core.OrgUnit",
        verbose_name="所属组织",
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The town the record belongs to: ledger keys (户编号, 隐患编号 …) are unique per town, and
    # reports aggregate per town without walking the tree.
    town = models.ForeignKey(
        "core.OrgUnit",
        verbose_name="所属乡镇",
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    version = models.PositiveIntegerField("版本", default=1, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    deleted_at = models.DateTimeField("删除时间", null=True, blank=True, editable=False, db_index=True)

    history = RecordHistory(inherit=True)

    objects = LiveManager()
    all_objects = AllRecordsManager()

    class Meta:
        abstract = True
        base_manager_name = "all_objects"

    def clean_fields(self, exclude=None) -> None:
        """Django's field checks, and a number outside what the column holds on every database.
        Too large is said first, as "数值过大", rather than PostgreSQL's "at most 32767" that SQLite
        never says; too small comes after Django's own "不能小于 0", which says more."""
        skipped = set(exclude or ())
        errors = self._out_of_range(skipped, TOO_LARGE)
        try:
            super().clean_fields(skipped | set(errors))
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        errors.update(self._out_of_range(skipped | set(errors), TOO_SMALL))
        if errors:
            raise ValidationError(errors)

    def _out_of_range(self, skipped: set, wanted: str) -> dict:
        found = {}
        for field in self._meta.concrete_fields:
            if (
                field.name not in skipped
                and integer_range_problem(field, getattr(self, field.attname)) == wanted
            ):
                found[field.name] = [ValidationError(wanted, code="out_of_range")]
        return found

    def validate_constraints(self, exclude=None) -> None:
        super().validate_constraints(exclude)
        self._refuse_deleted_twin(exclude or set())

    def _refuse_deleted_twin(self, exclude) -> None:
        """Django checks unique constraints through the default manager, which hides deleted
        records; the database does not, so a key still held by a record in the recycle bin would
        fail at the INSERT as an IntegrityError. Say so, and where to find that record."""
        for constraint in self._meta.total_unique_constraints:
            fields = [self._meta.get_field(name) for name in constraint.fields]
            if any(field.name in exclude for field in fields):
                continue
            values = {field.attname: getattr(self, field.attname) for field in fields}
            if None in values.values():
                continue  # NULLs never collide
            twins = type(self).all_objects.filter(deleted_at__isnull=False, **values).exclude(pk=self.pk)
            if twins.exists():
                shown = _typed_key_labels(type(self), constraint.fields)
                raise ValidationError(f"回收站中有一条{shown}相同的已删除记录：请先恢复它，或修改{shown}。")

    def unique_error_message(self, model_class, unique_check):
        """ "本乡镇已有身份证号相同的家庭成员", not Django's "包含 所属乡镇 和 身份证号索引 的 … 已经存在"."""
        place = next((_KEY_PLACES[name] for name in unique_check if name in _KEY_PLACES), "")
        shown = _typed_key_labels(model_class, unique_check)
        return ValidationError(
            f"{place}已有{shown}相同的{model_class._meta.verbose_name}：请修改{shown}，或编辑已有的那条记录。",
            code="unique_together" if len(unique_check) > 1 else "unique",
        )

    def clean(self) -> None:
        super().clean()
        self._mask_free_text()
        if self.org_id and not self.town_id:
            self.town = self.org.unit_at_level("town")
        if self.org_id and self.town_id and not self.org.path.startswith(self.town.path):
            raise ValidationError({"org": "所属组织不在该乡镇之内"})

    def _mask_free_text(self) -> None:
        """ID and mobile numbers typed into notes are masked before any save (core/pii/masking.py),
        so neither the record nor its history holds them; what was hidden is kept for the page to
        tell the user."""
        model = type(self)
        values = {name: getattr(self, name) for name in free_text_fields(model)}
        for name, kinds in mask_free_text(model, values).items():
            setattr(self, name, values[name])
            self.__dict__.setdefault("_masked_free_text", {})[name] = kinds

    def masked_notices(self) -> list[str]:
        """「情况记录中的身份证号已隐藏」 for each field masked since this object was loaded."""
        masked = self.__dict__.get("_masked_free_text", {})
        return [masked_notice(typed_label(type(self), name), kinds) for name, kinds in masked.items()]
