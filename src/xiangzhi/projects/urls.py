from django.urls import path

from xiangzhi.projects import views

urlpatterns = [
    path("", views.projects_home, name="projects-home"),
    path("villages/", views.village_matrix, name="projects-village-matrix"),
    path("projects/<int:pk>/start/", views.project_start_view, name="projects-project-start"),
    path("projects/<int:pk>/complete/", views.project_complete_view, name="projects-project-complete"),
    path("types/", views.project_types, name="projects-types"),
    path("types/<int:pk>/", views.project_type_edit, name="projects-type-edit"),
]
