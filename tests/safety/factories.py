"""Record factories of the safety ledgers for the permission matrix and the safety tests.

Each record sits at the org unit it is given: an inspection's premises and a hazard's inspection
are made there too, so the record's org is the one the caller asked for.
"""

import datetime as dt
import io
import itertools

from django.core.files.base import ContentFile
from PIL import Image

from xiangzhi.safety.models import Hazard, HazardPhoto, HazardStatus, Inspection, Premises, PremisesKind

_serial = itertools.count(1)


def _save(record, org):
    record.org = org
    record.town = org.unit_at_level("town")
    record.save()
    return record


def make_premises(org, **overrides) -> Premises:
    n = next(_serial)
    values = {
        "premises_no": f"CS{n:05d}",
        "name": f"测试饭店{n}",
        "kind": PremisesKind.NINE_SMALL,
        "subtype": "小餐饮",
        "manager": "王五",
        "phone": "13912345678",
        **overrides,
    }
    return _save(Premises(**values), org)


def make_inspection(org, premises=None, **overrides) -> Inspection:
    n = next(_serial)
    values = {
        "inspection_no": f"PC{n:05d}",
        "inspected_on": dt.date(2023, 7, 14),
        "person_times": 3,
        "inspectors": "李四、王五",
        **overrides,
    }
    return _save(Inspection(premises=premises or make_premises(org), **values), org)


def make_hazard(org, inspection=None, **overrides) -> Hazard:
    n = next(_serial)
    values = {
        "hazard_no": f"YH{n:05d}",
        "category": "电气线路",
        "description": "后厨电线私拉乱接",
        "grade": "一般",
        "deadline": dt.date(2023, 7, 21),
        "status": HazardStatus.PENDING,
        **overrides,
    }
    return _save(Hazard(inspection=inspection or make_inspection(org), **values), org)


def jpeg_bytes(size=(64, 48), color="red", exif=None, fmt="JPEG") -> bytes:
    """A small real image, optionally with EXIF (e.g. GPS) as a camera would write it."""
    out = io.BytesIO()
    params = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, color).save(out, fmt, **params)
    return out.getvalue()


def make_photo(hazard, kind="整改前") -> HazardPhoto:
    photo = HazardPhoto(hazard=hazard, kind=kind)
    n = next(_serial)
    photo.image.save(f"p{n}.jpg", ContentFile(jpeg_bytes()), save=False)
    photo.thumbnail.save(f"p{n}_thumb.jpg", ContentFile(jpeg_bytes((16, 12))), save=False)
    photo.save()
    return photo


FACTORIES = {"premises": make_premises, "inspections": make_inspection, "hazards": make_hazard}
