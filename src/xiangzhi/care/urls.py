from django.urls import path

from xiangzhi.care import views

urlpatterns = [
    path("", views.care_home, name="care-home"),
    path("monthly-visits/", views.monthly_visits, name="care-monthly-visits"),
    path("problems/<int:pk>/start/", views.problem_start_view, name="care-problem-start"),
    path("problems/<int:pk>/resolve/", views.problem_resolve_view, name="care-problem-resolve"),
]
