from django.urls import path

from xiangzhi.environment import views

urlpatterns = [
    path("", views.environment_home, name="environment-home"),
]
