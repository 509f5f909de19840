from django.urls import path

from xiangzhi.points import views

urlpatterns = [
    path("", views.points_home, name="points-home"),
    path("villages/<int:pk>/", views.points_village, name="points-village"),
    path("villages/<int:pk>/rules/add/", views.rule_add, name="points-rule-add"),
    path("villages/<int:pk>/redeem/", views.redeem, name="points-redeem"),
    path("rules/<int:pk>/edit/", views.rule_edit, name="points-rule-edit"),
    path("entries/<int:pk>/reverse/", views.entry_reverse, name="points-entry-reverse"),
]
