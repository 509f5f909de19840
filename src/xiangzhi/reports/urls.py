from django.urls import path

from xiangzhi.reports import views

urlpatterns = [
    path("", views.report_index, name="reports-index"),
    path("<str:code>/", views.report_page, name="reports-report"),
    path("<str:code>/report.docx", views.report_docx, name="reports-docx"),
    path("<str:code>/report.json", views.report_json, name="reports-json"),
    path("<str:code>/records/<slug:ledger>/", views.report_records, name="reports-records"),
]
