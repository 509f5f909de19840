"""Steps of the annual cycle as one-liners, so each test reads as the story it checks."""

import datetime as dt

from xiangzhi.stars.models import StarApplication, StarStandard, StarTask
from xiangzhi.stars.services.applications import (
    application_county_review,
    application_publish,
    application_submit,
    application_town_review,
)
from xiangzhi.stars.services.evidence import evidence_add
from xiangzhi.stars.services.outcome import application_award, objection_record, objection_resolve

YEAR = 2023
NOTICE_START = dt.date(2024, 1, 8)  # a Monday: five working days end on Friday the 12th
AFTER_NOTICE = dt.date(2024, 1, 15)


def give_evidence(world, star: str, village=None, user="village_cadre"):
    village = village or world.village
    standard = StarStandard.objects.in_force(village, YEAR)
    for task in StarTask.objects.filter(star__standard=standard, star__star=star, metric=""):
        evidence_add(
            village=village, year=YEAR, task=task, acting_user=world.users[user], text="会议记录已归档"
        )


def submit(world, star: str, village=None, user="village_cadre") -> StarApplication:
    return application_submit(
        village=village or world.village,
        year=YEAR,
        star=star,
        self_assessment="对照标准逐项自评，均已完成",
        acting_user=world.users[user],
    )


def town_pass(world, application, user="town_admin"):
    return application_town_review(
        application=application,
        acting_user=world.users[user],
        expected_version=application.version,
        approve=True,
    )


def town_return(world, application, reason="佐证材料不全", user="town_admin"):
    return application_town_review(
        application=application,
        acting_user=world.users[user],
        expected_version=application.version,
        approve=False,
        comment=reason,
    )


def county_confirm(world, application, user="county_reviewer"):
    return application_county_review(
        application=application,
        acting_user=world.users[user],
        expected_version=application.version,
        approve=True,
    )


def publish(world, application, user="town_admin", starts_on=NOTICE_START):
    return application_publish(
        application=application,
        acting_user=world.users[user],
        expected_version=application.version,
        starts_on=starts_on,
    )


def award(world, application, today=AFTER_NOTICE, user="town_admin"):
    return application_award(
        application=application,
        acting_user=world.users[user],
        expected_version=application.version,
        today=today,
    )


def object_to(world, application, user="town_admin"):
    return objection_record(
        application=application, acting_user=world.users[user], content="群众反映该村垃圾清运不及时"
    )


def resolve(world, objection, upheld=False, user="town_admin"):
    return objection_resolve(
        objection=objection,
        acting_user=world.users[user],
        expected_version=objection.version,
        upheld=upheld,
        resolution="经核实" + ("情况属实" if upheld else "已整改到位"),
    )


def awarded(world, star: str, village=None) -> StarApplication:
    """One star taken through every step to 定星."""
    give_evidence(world, star, village)
    application = submit(world, star, village)
    for step in (town_pass, county_confirm, publish, award):
        application = step(world, application)
    return application


def in_notice(world, star: str) -> StarApplication:
    give_evidence(world, star)
    application = submit(world, star)
    for step in (town_pass, county_confirm, publish):
        application = step(world, application)
    return application
