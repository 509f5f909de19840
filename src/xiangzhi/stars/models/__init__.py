from xiangzhi.stars.models.cycle import (
    EVIDENCE_MAX_BYTES,
    Objection,
    StarApplication,
    StarEvidence,
    VetoEvent,
)
from xiangzhi.stars.models.ledgers import StarPlan, StarResult, StarTarget
from xiangzhi.stars.models.standards import Comparison, StarDefinition, StarStandard, StarTask, VetoRule

__all__ = [
    "EVIDENCE_MAX_BYTES",
    "Comparison",
    "Objection",
    "StarApplication",
    "StarDefinition",
    "StarEvidence",
    "StarPlan",
    "StarResult",
    "StarStandard",
    "StarTarget",
    "StarTask",
    "VetoEvent",
    "VetoRule",
]
