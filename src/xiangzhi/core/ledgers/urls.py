from django.urls import path

from xiangzhi.core.ledgers import import_views, reveal, views

urlpatterns = [
    path("import-jobs/<uuid:job>/", import_views.import_job, name="import-job"),
    path("import-jobs/<uuid:job>/confirm/", import_views.import_confirm, name="import-confirm"),
    path("import-jobs/<uuid:job>/errors.xlsx", import_views.import_error_workbook, name="import-errors"),
    path("<slug:ledger>/", views.ledger_list, name="ledger-list"),
    path("<slug:ledger>/add/", views.ledger_create, name="ledger-create"),
    path("<slug:ledger>/export/", views.ledger_export, name="ledger-export"),
    path("<slug:ledger>/template/", views.ledger_template, name="ledger-template"),
    path("<slug:ledger>/import/", import_views.import_upload, name="ledger-import"),
    path("<slug:ledger>/<int:pk>/", views.ledger_detail, name="ledger-detail"),
    path("<slug:ledger>/<int:pk>/edit/", views.ledger_edit, name="ledger-edit"),
    path("<slug:ledger>/<int:pk>/delete/", views.ledger_delete, name="ledger-delete"),
    path("<slug:ledger>/<int:pk>/reveal/<slug:field>/", reveal.ledger_reveal, name="ledger-reveal"),
]
