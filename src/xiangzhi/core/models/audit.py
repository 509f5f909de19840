from django.conf import settings
from django.db import models


class AuditKind(models.TextChoices):
    """Every kind of business event, one list: a kind is chosen here, never spelled at a call site.

    The values are stored in existing rows and read by tests and reports; never rename one.
    """

    ORG_DELETED = "org.deleted", "删除组织"
    ORG_RESTORED = "org.restored", "恢复组织"
    USER_ROLE_ADDED = "user.role_added", "授予角色"
    USER_ROLE_REMOVED = "user.role_removed", "撤销角色"
    USER_ROLE_RESTORED = "user.role_restored", "恢复角色"
    USER_PASSWORD_RESET = "user.password_reset", "重置密码"
    USER_PASSWORD_CHANGED = "user.password_changed", "修改密码"
    DEMO_LOADED = "demo.loaded", "加载演示数据"
    PII_REVEALED = "pii.revealed", "查看完整个人信息"
    PII_EXPORTED = "pii.exported", "导出完整个人信息"
    PROBLEM_STARTED = "problem.started", "问题开始办理"
    PROBLEM_RESOLVED = "problem.resolved", "问题已解决"
    HAZARD_STARTED = "hazard.started", "隐患开始整改"
    HAZARD_RECTIFIED = "hazard.rectified", "隐患已整改"
    HAZARD_CLOSED = "hazard.closed", "隐患复查销号"
    HAZARD_RECHECK_FAILED = "hazard.recheck_failed", "隐患复查未通过"
    HAZARD_PHOTO_ADDED = "hazard.photo_added", "上传隐患照片"
    DISPUTE_RESOLVED = "dispute.resolved", "纠纷已化解"
    DISPUTE_ESCALATED = "dispute.escalated", "纠纷已上报"
    ACTION_ITEM_ASSIGNED = "action_item.assigned", "交办事项"
    ACTION_ITEM_DONE = "action_item.done", "事项办结"
    POINTS_REDEEMED = "points.redeemed", "积分兑换"
    POINTS_REVERSED = "points.reversed", "积分冲正"
    PROJECT_STARTED = "project.started", "项目开工"
    PROJECT_COMPLETED = "project.completed", "项目竣工"
    PROJECT_TYPE_CREATED = "project_type.created", "新增项目类型"
    PROJECT_TYPE_UPDATED = "project_type.updated", "修改项目类型"
    STARS_APPLICATION_SUBMITTED = "stars.application_submitted", "提交创星申请"
    STARS_APPLICATION_TOWN_PASSED = "stars.application_town_passed", "镇初审通过"
    STARS_APPLICATION_COUNTY_CONFIRMED = "stars.application_county_confirmed", "县审核通过"
    STARS_APPLICATION_RETURNED = "stars.application_returned", "创星申请退回"
    STARS_NOTICE_PUBLISHED = "stars.notice_published", "发布公示"
    STARS_OBJECTION_RECORDED = "stars.objection_recorded", "登记公示异议"
    STARS_OBJECTION_RESOLVED = "stars.objection_resolved", "处理公示异议"
    STARS_STAR_AWARDED = "stars.star_awarded", "授星"
    STARS_VETO_RECORDED = "stars.veto_recorded", "登记否决事项"
    STARS_STAR_WITHDRAWN = "stars.star_withdrawn", "摘星"
    STARS_EVIDENCE_ADDED = "stars.evidence_added", "上传佐证材料"
    STARS_EVIDENCE_REMOVED = "stars.evidence_removed", "撤回佐证材料"
    STARS_STANDARD_LOADED = "stars.standard_loaded", "载入评星标准"
    STARS_STANDARD_CHANGED = "stars.standard_changed", "修改评星标准"


class AuditEvent(models.Model):
    """A typed business event written by a service (submitted, approved, revealed, imported...).

    Field-level history lives in each model's history table; this records *why* and *what kind*.
    """

    kind = models.CharField("事件类型", max_length=64, choices=AuditKind.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    org = models.ForeignKey(
        "core.OrgUnit", verbose_name="所属组织", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_type = models.CharField("对象类型", max_length=100, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    detail = models.JSONField("详情", default=dict, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计事件"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_type}#{self.object_id}"
