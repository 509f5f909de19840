"""Where each figure of the report leads: the ledger list, filtered to the records it counts.

A link names a ledger and FilterSet parameters. Ledgers spell their filters differently
(``held_after`` here, ``year`` there), so each figure lists alternatives, best first; the first one
the ledger's FilterSet fully understands is used. When none is, the first (the exact one) is kept
and ``Link.exact`` is False: the list then shows more records than the figure counts, and
``missing_filters()`` names what the ledger would need.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xiangzhi.core.ledgers import get_ledger
from xiangzhi.reports.period import Period


@dataclass(frozen=True)
class Link:
    ledger: str
    params: dict[str, str] = field(default_factory=dict)
    exact: bool = True
    # False where the figure is a sum (persons, m³ …): the list shows the records summed.
    counts_records: bool = True

    def missing_filters(self) -> list[str]:
        return sorted(set(self.params) - _known_filters(self.ledger))


def _known_filters(ledger_name: str) -> set[str]:
    try:
        filterset = get_ledger(ledger_name).filterset_class
    except KeyError:
        return set()
    return set(filterset.base_filters) if filterset else set()


def pick(ledger: str, *alternatives: dict, counts_records: bool = True) -> Link:
    known = _known_filters(ledger)
    for params in alternatives:
        if set(params) <= known:
            return Link(ledger, _text(params), True, counts_records)
    return Link(ledger, _text(alternatives[0]), False, counts_records)


def _text(params: dict) -> dict[str, str]:
    return {name: str(value) for name, value in params.items()}


def dated(period: Period, prefix: str, year_param: str | None = None, **fixed) -> list[dict]:
    """Alternatives for "dated inside the period": <prefix>_after/_before, or a year filter."""
    options = [{**fixed, f"{prefix}_after": period.start, f"{prefix}_before": period.end}]
    if year_param and period.is_calendar_year:
        options.append({**fixed, year_param: period.year})
    return options


def care_links(period: Period) -> dict[str, Link]:
    register = {"in_register_on": period.end}
    return {
        "households": pick("households", register),
        "persons": pick("households", register, counts_records=False),
        "visits": pick("visits", *dated(period, "visited")),
        "problems_raised": pick("problems", *dated(period, "raised")),
        "problems_resolved": pick("problems", *dated(period, "resolved", status="已解决")),
        "practical_matters": pick("matters", *dated(period, "completed", "year")),
    }


def safety_links(period: Period) -> dict[str, Link]:
    found = {"found_after": period.start, "found_before": period.end}
    inspections = dated(period, "inspected")
    return {
        "inspections": pick("inspections", *inspections),
        "inspector_person_times": pick("inspections", *inspections, counts_records=False),
        "hazards_found": pick("hazards", found),
        "hazards_rectified": pick("hazards", {**found, "rectified_by": period.end}),
        "hazards_open": pick("hazards", {**found, "open_on": period.end}),
        "hazards_overdue": pick("hazards", {**found, "overdue_on": period.end}),
        # A share of the hazards found: the list holds them all.
        "rectification_rate": pick("hazards", found, counts_records=False),
    }


def public_security_links(period: Period) -> dict[str, Link]:
    teams = {"founded_by": period.end}
    return {
        "cameras": pick("cameras", {"standing_on": period.end}),
        "patrol_teams": pick("patrols", teams),
        "patrol_members": pick("patrols", teams, counts_records=False),
        "disputes": pick("disputes", *dated(period, "registered")),
        "disputes_resolved": pick("disputes", *dated(period, "resolved", status="已化解")),
    }


def courtyard_link(period: Period, rating: str) -> Link:
    return pick("courtyards", {"year": period.year, "rating": rating})


def cleanup_link(period: Period, kind: str) -> Link:
    return pick("cleanups", *dated(period, "cleaned", "year", kind=kind), counts_records=False)


def project_links(period: Period, kind: str) -> dict[str, Link]:
    done = dated(period, "completed", "completed_year", kind=kind, status="已完工")
    building = {"kind": kind, "building_on": period.end}
    counted = {"kind": kind, "counted_after": period.start, "counted_before": period.end}
    return {
        "completed": pick("projects", *done),
        "in_progress": pick("projects", building),
        "villages_completed": pick("projects", *done, counts_records=False),
        "villages_in_progress": pick("projects", building, counts_records=False),
        # Lengths and investments add up what was completed or under construction.
        "length_m": pick("projects", counted, counts_records=False),
        "investment_wan": pick("projects", counted, counts_records=False),
    }


def event_link(period: Period, *kinds: str, counts_records: bool = True) -> Link:
    """Events of the period, of one kind, of several (``kinds=a,b``) or of any."""
    # One kind through the filter bar's own menu; several through the hidden ``kinds``.
    fixed: dict = {}
    if len(kinds) > 1:
        fixed = {"kinds": ",".join(kinds)}
    elif kinds:
        fixed = {"kind": kinds[0]}
    return pick("events", *dated(period, "held", "year", **fixed), counts_records=counts_records)


def points_link(period: Period, *, counts_records: bool = True) -> Link:
    return pick("points", *dated(period, "entry", "year"), counts_records=counts_records)


def star_links(period: Period, ledger: str, level: int | None = None, star: str | None = None) -> Link:
    params = {"year": period.year}
    if level is not None:
        params["level"] = level
    if star is not None:
        params["star"] = star
    # A target (五星1个) is a number in one record, not a count of records.
    return pick(ledger, params, counts_records=ledger != "star_targets")


def income_link(period: Period, *, at_least: int | None = None) -> Link:
    params = {"year": period.year}
    if at_least is not None:
        params["at_least"] = at_least
    return pick("collective_income", params, counts_records=at_least is not None)


def indicator_link(period: Period, name: str, code: str) -> Link:
    # The free-text search also matches the period code: the fallback while there is no period filter.
    return pick("indicators", {"name": name, "period": code}, {"name": name, "q": code}, counts_records=False)
