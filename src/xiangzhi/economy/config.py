"""Configuration of the economy module: policy figures that may change without a code change."""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from xiangzhi.env import env_str

DEFAULT_INCOME_THRESHOLD_WAN = Decimal("10")


def income_threshold_wan() -> Decimal:
    """The collective income (万元) at which a village counts as a strong one (the report's 10万元).

    ``XIANGZHI_INCOME_THRESHOLD_WAN`` in the settings wins over the environment variable of the
    same name; both fail loudly on a value that is not a positive number.
    """
    raw = getattr(settings, "XIANGZHI_INCOME_THRESHOLD_WAN", None)
    if raw is None:
        raw = env_str("XIANGZHI_INCOME_THRESHOLD_WAN", str(DEFAULT_INCOME_THRESHOLD_WAN))
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        raise ImproperlyConfigured(f"XIANGZHI_INCOME_THRESHOLD_WAN must be a number, got {raw!r}") from None
    if not value.is_finite() or value <= 0:
        raise ImproperlyConfigured(f"XIANGZHI_INCOME_THRESHOLD_WAN must be positive, got {raw!r}")
    return value
