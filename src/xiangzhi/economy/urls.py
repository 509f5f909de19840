from django.urls import path

from xiangzhi.economy import views

urlpatterns = [
    path("", views.economy_home, name="economy-home"),
]
