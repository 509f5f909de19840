from django.urls import path

from xiangzhi.stars.views import cycle, evidence, pages, standards

urlpatterns = [
    path("", pages.stars_home, name="stars-home"),
    path("town/<int:pk>/", pages.town_matrix, name="stars-town"),
    path("town/<int:pk>/notice/", pages.public_notice, name="stars-notice"),
    path("town/<int:pk>/publish/", cycle.publish, name="stars-publish"),
    path("village/<int:pk>/", pages.village_page, name="stars-village"),
    path("village/<int:pk>/apply/", cycle.apply, name="stars-apply"),
    path("village/<int:pk>/veto/", cycle.veto_add, name="stars-veto-add"),
    path(
        "village/<int:pk>/tasks/<int:task>/evidence/", evidence.evidence_add_view, name="stars-evidence-add"
    ),
    path("evidence/<int:pk>/file/", evidence.evidence_file, name="stars-evidence-file"),
    path("evidence/<int:pk>/remove/", evidence.evidence_remove_view, name="stars-evidence-remove"),
    path("applications/<int:pk>/", cycle.application_detail, name="stars-application"),
    path("applications/<int:pk>/town-review/", cycle.town_review, name="stars-town-review"),
    path("applications/<int:pk>/county-review/", cycle.county_review, name="stars-county-review"),
    path("applications/<int:pk>/objections/", cycle.objection_add, name="stars-objection-add"),
    path("applications/<int:pk>/award/", cycle.award, name="stars-award"),
    path("objections/<int:pk>/resolve/", cycle.objection_resolve_view, name="stars-objection-resolve"),
    path("standards/", standards.standard_list, name="stars-standards"),
    path("standards/upload/", standards.standard_upload, name="stars-standard-upload"),
    path("standards/<int:pk>/", standards.standard_detail, name="stars-standard"),
    path("standards/<int:pk>/edit/", standards.standard_edit, name="stars-standard-edit"),
    path("standards/<int:pk>/copy/", standards.standard_copy_view, name="stars-standard-copy"),
    path("standards/<int:pk>/download/", standards.standard_download, name="stars-standard-download"),
    path("definitions/<int:pk>/edit/", standards.definition_edit, name="stars-definition-edit"),
    path("definitions/<int:pk>/tasks/add/", standards.task_add, name="stars-task-add"),
    path("definitions/<int:pk>/veto-rules/add/", standards.veto_rule_add, name="stars-veto-rule-add"),
    path("tasks/<int:pk>/edit/", standards.task_edit, name="stars-task-edit"),
    path("tasks/<int:pk>/delete/", standards.task_delete, name="stars-task-delete"),
    path("veto-rules/<int:pk>/edit/", standards.veto_rule_edit, name="stars-veto-rule-edit"),
    path("veto-rules/<int:pk>/delete/", standards.veto_rule_delete, name="stars-veto-rule-delete"),
]
