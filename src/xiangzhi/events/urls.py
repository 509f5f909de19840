from django.urls import path

from xiangzhi.events import views

urlpatterns = [
    path("", views.events_home, name="events-home"),
    path("<int:pk>/action-items/add/", views.action_item_add_view, name="events-action-item-add"),
    path("action-items/<int:pk>/done/", views.action_item_done_view, name="events-action-item-done"),
]
