from django.urls import path

from xiangzhi.safety import views

urlpatterns = [
    path("", views.safety_home, name="safety-home"),
    path("hazards/overdue/", views.overdue_hazards, name="safety-hazards-overdue"),
    path("hazards/<int:pk>/start/", views.hazard_start_view, name="safety-hazard-start"),
    path("hazards/<int:pk>/rectify/", views.hazard_rectify_view, name="safety-hazard-rectify"),
    path("hazards/<int:pk>/recheck/", views.hazard_recheck_view, name="safety-hazard-recheck"),
    path("hazards/<int:pk>/photos/add/", views.hazard_photo_add_view, name="safety-hazard-photo-add"),
    path("photos/<int:pk>/<slug:size>/", views.photo_file, name="safety-photo"),
]
