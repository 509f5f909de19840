"""The org tree: 省 > 市 > 县 > 乡镇 > 村 > 网格.

A materialised path (django-treebeard's MP_Node) makes "everything under X" a single indexed
``path LIKE 'xxxx%'`` query, which is the operation every scoped read performs; nested sets would
make inserts rewrite half the table, and adjacency lists need recursive CTEs for every read.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Concat, Length
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet


class OrgLevel(models.TextChoices):
    PROVINCE = "province", "省"
    CITY = "city", "市"
    COUNTY = "county", "县"
    TOWN = "town", "乡镇"
    VILLAGE = "village", "村"
    GRID = "grid", "网格"


# Which levels may stand directly above each level (None = may be a root).
ALLOWED_PARENTS: dict[str, set[str | None]] = {
    OrgLevel.PROVINCE: {None},
    OrgLevel.CITY: {None, OrgLevel.PROVINCE},
    OrgLevel.COUNTY: {None, OrgLevel.CITY},
    OrgLevel.TOWN: {None, OrgLevel.COUNTY},
    OrgLevel.VILLAGE: {OrgLevel.TOWN},
    OrgLevel.GRID: {OrgLevel.VILLAGE, OrgLevel.GRID},
}

LEVEL_BY_LABEL = {label: value for value, label in OrgLevel.choices}


def parent_level_error(level: str, parent_level: str | None) -> str | None:
    """Return a Chinese message when ``level`` may not sit under ``parent_level``."""
    if parent_level in ALLOWED_PARENTS[level]:
        return None
    label = OrgLevel(level).label
    if parent_level is None:
        return f"{label}必须有上级"
    return f"{label}不能设在{OrgLevel(parent_level).label}之下"


class OrgUnitQuerySet(MP_NodeQuerySet):
    def visible_to(self, user):
        from xiangzhi.core.scoping import scope_filter

        return self.filter(scope_filter(user, "path", is_path=True))

    def restrict(self, user, capability: str, ledger: str | None = None):
        """The units in whose subtree ``user`` holds ``capability``: "where may this user edit /
        import / restore" as one query (NetBox's ``RestrictedQuerySet.restrict``)."""
        from xiangzhi.core.scoping import restrict_filter

        return self.filter(restrict_filter(user, capability, "path", is_path=True, ledger=ledger))

    def active(self):
        return self.filter(deleted_at__isnull=True)


class OrgUnitManager(MP_NodeManager):
    def get_queryset(self):
        return OrgUnitQuerySet(self.model).order_by("path")

    def visible_to(self, user):
        return self.get_queryset().visible_to(user)

    def restrict(self, user, capability: str, ledger: str | None = None):
        return self.get_queryset().restrict(user, capability, ledger)

    def active(self):
        return self.get_queryset().active()


class OrgUnit(MP_Node):
    steplen = 4
    code = models.CharField("编码", max_length=32, unique=True)
    name = models.CharField("名称", max_length=100)
    level = models.CharField("层级", max_length=16, choices=OrgLevel.choices)
    deleted_at = models.DateTimeField("删除时间", null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["numchild"])

    objects = OrgUnitManager()

    class Meta:
        verbose_name = "组织机构"
        verbose_name_plural = "组织机构"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        parent = OrgUnit.objects.get_parent(self) if self.pk else None
        message = parent_level_error(self.level, parent.level if parent else None)
        if self.pk and message:
            raise ValidationError({"level": message})

    @classmethod
    def children_of(cls, parent_path) -> Q:
        """Units right under the unit whose path is the expression ``parent_path`` (an OuterRef …).

        treebeard's children interval, built in SQL: an indexed range scan of the paths, where a
        ``LIKE`` against another row's path cannot use the index and reads every unit.
        """
        first, last = (Value(cls.alphabet[i] * cls.steplen) for i in (0, -1))
        return Q(
            path__range=(Concat(parent_path, first), Concat(parent_path, last)),
            depth=Length(parent_path) / cls.steplen + 1,
        )

    def unit_at_level(self, level: str) -> "OrgUnit | None":
        """This unit or the ancestor at ``level`` (e.g. the village of a grid)."""
        if self.level == level:
            return self
        return OrgUnit.objects.get_ancestors(self).filter(level=level).first()
