"""The work report (CONTRACT §4) as a plain dict, one selector module per section.

Each section declares its aggregates (``*_figures(scope)``) and reads their rows back
(``*_section(rows)``). All of them run as one SQL statement, compiled once per shape of report
(reports/statement.py), so the cost of a report does not grow with the number of records (only
with what the database has to scan) and hardly with the number of figures.
"""

from django.db.models import Count

from xiangzhi.core.models import OrgLevel
from xiangzhi.reports.scope import ReportScope
from xiangzhi.reports.selectors.care import care_figures, care_section
from xiangzhi.reports.selectors.economy import (
    collective_economy_section,
    economy_figures,
    indicators_section,
)
from xiangzhi.reports.selectors.environment import environment_figures, environment_section
from xiangzhi.reports.selectors.events import events_figures, events_section, review_meetings
from xiangzhi.reports.selectors.points import points_figures, points_section
from xiangzhi.reports.selectors.projects import projects_figures, projects_section
from xiangzhi.reports.selectors.public_security import public_security_figures, public_security_section
from xiangzhi.reports.selectors.safety import safety_figures, safety_section
from xiangzhi.reports.selectors.stars import stars_figures, stars_section
from xiangzhi.reports.statement import Figures, Statement, StatementCache

SCHEMA = "xiangzhi.report/1"
SECTION_FIGURES = (
    care_figures,
    safety_figures,
    public_security_figures,
    environment_figures,
    projects_figures,
    events_figures,
    points_figures,
    economy_figures,
    stars_figures,
)
_statements = StatementCache()


def build_report(scope: ReportScope) -> dict:
    """The report of ``scope`` in the CONTRACT §4 schema, every key present, keys in its order."""
    rows = Rows(report_statement(scope).run(scope.bindings()))
    events = events_section(rows)
    return {
        "schema": SCHEMA,
        "town": {"code": scope.unit.code, "name": scope.unit.name},
        "period": scope.period.as_dict(),
        "villages": rows.one("villages")["n"],
        "stars": stars_section(rows, review_meetings=review_meetings(events)),
        "care": care_section(rows),
        "safety": safety_section(rows),
        "public_security": public_security_section(rows),
        "environment": environment_section(rows),
        "projects": projects_section(rows),
        "events": events,
        "points": points_section(rows),
        "collective_economy": collective_economy_section(rows),
        "indicators": indicators_section(rows),
    }


def report_statement(scope: ReportScope) -> Statement:
    """The report's one statement for the shape of ``scope``, compiled on first use."""
    return _statements.get(scope.shape(), lambda: Statement(report_figures(scope), scope.using))


def report_figures(scope: ReportScope) -> dict[str, Figures]:
    figures = {"villages": Figures(scope.orgs().filter(level=OrgLevel.VILLAGE), {"n": Count("pk")})}
    for section in SECTION_FIGURES:
        figures.update(section(scope))
    return figures


class Rows(dict):
    """The statement's rows by figure name."""

    def one(self, name: str) -> dict:
        """The single row of figures without keys (an aggregate always returns one row)."""
        (row,) = self[name]
        return row
