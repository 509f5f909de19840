"""Names of the village and grid of many records at once, from one query of the org subtree.

Records point at their lowest unit (a grid or a village); lists and exports show both names.
Walking the tree per record would cost a query per row.
"""

from functools import cached_property

from xiangzhi.core.models import OrgLevel, OrgUnit


class OrgDirectory:
    def __init__(self, root: OrgUnit):
        self.root = root

    @cached_property
    def _units(self) -> dict[int, tuple[str, str, str]]:
        rows = OrgUnit.objects.filter(path__startswith=self._town_path()).values_list(
            "pk", "path", "name", "level"
        )
        return {pk: (path, name, level) for pk, path, name, level in rows}

    @cached_property
    def _by_path(self) -> dict[str, tuple[str, str]]:
        return {path: (name, level) for path, name, level in self._units.values()}

    def _town_path(self) -> str:
        # Below town level, widen to the town so sibling villages' records resolve too.
        if self.root.level in (OrgLevel.VILLAGE, OrgLevel.GRID):
            return (self.root.unit_at_level(OrgLevel.TOWN) or self.root).path
        return self.root.path

    def _at_level(self, org_id: int, level: str) -> str:
        unit = self._units.get(org_id)
        if unit is None:
            return ""
        path = unit[0]
        for end in range(OrgUnit.steplen, len(path) + 1, OrgUnit.steplen):
            name, found_level = self._by_path.get(path[:end], ("", ""))
            if found_level == level:
                return name
        return ""

    def village(self, org_id: int) -> str:
        return self._at_level(org_id, OrgLevel.VILLAGE)

    def grid(self, org_id: int) -> str:
        unit = self._units.get(org_id)
        return unit[1] if unit and unit[2] == OrgLevel.GRID else ""

    def name(self, org_id: int) -> str:
        unit = self._units.get(org_id)
        return unit[1] if unit else ""
