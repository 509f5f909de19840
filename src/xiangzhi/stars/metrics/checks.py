"""Whether a task or veto item is well formed: its metric exists and fits its indicator type."""

from xiangzhi.stars.choices import IndicatorType
from xiangzhi.stars.metrics.base import get_metric


def task_problems(indicator_type: str, metric_code: str, threshold) -> dict[str, str]:
    problems: dict[str, str] = {}
    if indicator_type not in IndicatorType.values:
        return {"indicator_type": f"指标类型应为：{'、'.join(IndicatorType.labels)}"}
    metric = get_metric(metric_code) if metric_code else None
    if metric_code and metric is None:
        problems["metric"] = f"没有名为「{metric_code}」的台账指标"
    needs_number = indicator_type != IndicatorType.BOOL
    if needs_number and threshold is None:
        problems["threshold"] = "数值或评分类任务须填写达标值"
    if not needs_number and threshold is not None:
        problems["threshold"] = "达标/未达标类任务不填达标值"
    if metric is not None and (metric.kind == "bool") == needs_number:
        wanted = "达标/未达标" if metric.kind == "bool" else "数值或评分"
        problems["indicator_type"] = f"台账指标「{metric.label}」只能用于{wanted}类任务"
    return problems


def veto_problems(metric_code: str) -> dict[str, str]:
    """A veto item bound to a metric fires when the figure is above 0, so it needs a count."""
    if not metric_code:
        return {}
    metric = get_metric(metric_code)
    if metric is None:
        return {"metric": f"没有名为「{metric_code}」的台账指标"}
    if metric.kind != "number":
        return {"metric": f"否决事项只能绑定计数类指标（大于 0 即触发），「{metric.label}」不是"}
    return {}
