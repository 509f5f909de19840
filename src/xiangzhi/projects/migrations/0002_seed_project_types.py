"""Seed the project types of CONTRACT §3; administrators extend the list from the types page."""

from django.db import migrations

CONTRACT_PROJECT_TYPES = ("村道大修", "背街小巷硬化", "污水管网", "河道疏通", "排水沟疏通", "排涝河道", "绿化", "其他")


def seed(apps, schema_editor):
    ProjectType = apps.get_model("projects", "ProjectType")
    for index, name in enumerate(CONTRACT_PROJECT_TYPES, 1):
        # "其他" stays last however many types are added later.
        order = 999 if name == "其他" else index * 10
        ProjectType.objects.get_or_create(name=name, defaults={"order": order, "active": True})


def unseed(apps, schema_editor):
    apps.get_model("projects", "ProjectType").objects.filter(name__in=CONTRACT_PROJECT_TYPES).delete()


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
