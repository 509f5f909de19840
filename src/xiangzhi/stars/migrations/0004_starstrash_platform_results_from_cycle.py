"""Results of a year whose cycle runs in the platform are made what 定星 awarded.

Before this version a village cadre or a town admin could type or import a 评星结果 for such a
year (a village once gave itself five stars). The result of every platform year (a standard in
force for the village that year, see stars/cycle_years.py) is set to the stars its awarded
applications hold, with a history row saying why; results of earlier years are left alone.
"""

from django.db import migrations
from django.db.models import Q
from django.utils import timezone

STEPLEN = 4  # OrgUnit.steplen: the length of one level of the tree path
REASON = "按定星结果更正：本平台开展评定的年度，评星结果只来自定星"
STAR_ORDER = ["支部过硬星", "产业兴旺星", "生态宜居星", "平安法治星", "文明幸福星"]


def _in_force(standards, path: str, year: int) -> bool:
    ancestors = [path[:end] for end in range(STEPLEN, len(path) + 1, STEPLEN)]
    return standards.filter(Q(org__isnull=True) | Q(org__path__in=ancestors), year=year).exists()


def reconcile(result_model, history_model, standard_model, application_model) -> int:
    """Set each live platform-year result to its awarded stars; returns how many changed."""
    changed = 0
    now = timezone.now()
    for result in result_model.objects.filter(deleted_at__isnull=True).select_related("org"):
        if not _in_force(standard_model.objects, result.org.path, result.year):
            continue
        awarded = application_model.objects.filter(org_id=result.org_id, year=result.year, status="awarded")
        stars = sorted(set(awarded.values_list("star", flat=True)), key=STAR_ORDER.index)
        if list(result.stars) == stars:
            continue
        result.stars, result.level, result.version, result.updated_at = stars, len(stars), result.version + 1, now
        result.save(update_fields=["stars", "level", "version", "updated_at"])
        fields = {f.attname: getattr(result, f.attname) for f in result_model._meta.concrete_fields}
        history_model.objects.create(
            **fields, history_date=now, history_type="~", history_change_reason=REASON, history_user=None
        )
        changed += 1
    return changed


def forwards(apps, schema_editor):
    reconcile(
        apps.get_model("stars", "StarResult"),
        apps.get_model("stars", "HistoricalStarResult"),
        apps.get_model("stars", "StarStandard"),
        apps.get_model("stars", "StarApplication"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("stars", "0003_starstrash_standard_parts_to_trash"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
