"""Metrics computed from the ledgers, which star tasks and veto items can be bound to."""

from xiangzhi.stars.metrics import development, public_safety  # noqa: F401  (register the metrics)
from xiangzhi.stars.metrics.base import (
    Figure,
    Metric,
    MetricContext,
    Period,
    Villages,
    all_metrics,
    compute_figures,
    get_metric,
    ledger_link,
)
from xiangzhi.stars.metrics.checks import task_problems, veto_problems

__all__ = [
    "Figure",
    "Metric",
    "MetricContext",
    "Period",
    "Villages",
    "all_metrics",
    "compute_figures",
    "get_metric",
    "ledger_link",
    "task_problems",
    "veto_problems",
]
