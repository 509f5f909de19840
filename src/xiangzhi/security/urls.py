from django.urls import path

from xiangzhi.security import views

urlpatterns = [
    path("", views.security_home, name="security-home"),
    path("disputes/<int:pk>/resolve/", views.dispute_resolve_view, name="security-dispute-resolve"),
    path("disputes/<int:pk>/escalate/", views.dispute_escalate_view, name="security-dispute-escalate"),
]
