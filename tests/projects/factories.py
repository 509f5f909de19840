"""Record factories of the projects ledger (see tests/factories.py).

A project belongs to a village (or the town); one made "at a grid" belongs to its village.
"""

import itertools

from xiangzhi.projects.models import Project, ProjectStatus

_serial = itertools.count(1)


def make_project(org, **overrides) -> Project:
    n = next(_serial)
    values = {
        "project_no": f"XM{n:05d}",
        "name": f"污水管网{n}",
        "kind": "污水管网",
        "status": ProjectStatus.PLANNED,
    }
    project = Project(**{**values, **overrides})
    project.org = org if org.level == "town" else org.unit_at_level("village")
    project.town = project.org.unit_at_level("town")
    project.save()
    return project


FACTORIES = {"projects": make_project}
