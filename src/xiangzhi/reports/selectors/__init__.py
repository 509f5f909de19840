"""The work report (CONTRACT §4) as a plain dict, one selector module per section.

Each section runs a fixed handful of aggregate queries, so the cost of a report does not grow
with the number of records (only with what the database has to scan).
"""

from xiangzhi.core.models import OrgLevel
from xiangzhi.reports.scope import ReportScope
from xiangzhi.reports.selectors.care import care_section
from xiangzhi.reports.selectors.economy import collective_economy_section, indicators_section
from xiangzhi.reports.selectors.environment import environment_section
from xiangzhi.reports.selectors.events import events_section, review_meetings
from xiangzhi.reports.selectors.points import points_section
from xiangzhi.reports.selectors.projects import projects_section
from xiangzhi.reports.selectors.public_security import public_security_section
from xiangzhi.reports.selectors.safety import safety_section
from xiangzhi.reports.selectors.stars import stars_section

SCHEMA = "xiangzhi.report/1"


def build_report(scope: ReportScope) -> dict:
    """The report of ``scope`` in the CONTRACT §4 schema, every key present, keys in its order."""
    events = events_section(scope)
    return {
        "schema": SCHEMA,
        "town": {"code": scope.unit.code, "name": scope.unit.name},
        "period": scope.period.as_dict(),
        "villages": scope.orgs().filter(level=OrgLevel.VILLAGE).count(),
        "stars": stars_section(scope, review_meetings=review_meetings(events)),
        "care": care_section(scope),
        "safety": safety_section(scope),
        "public_security": public_security_section(scope),
        "environment": environment_section(scope),
        "projects": projects_section(scope),
        "events": events,
        "points": points_section(scope),
        "collective_economy": collective_economy_section(scope),
        "indicators": indicators_section(scope),
    }
