from django.urls import include, path

urlpatterns = [
    path("", include("xiangzhi.core.urls")),
    path("ledgers/", include("xiangzhi.core.ledgers.urls")),
    path("care/", include("xiangzhi.care.urls")),
    path("safety/", include("xiangzhi.safety.urls")),
    path("security/", include("xiangzhi.security.urls")),
    path("environment/", include("xiangzhi.environment.urls")),
    path("projects/", include("xiangzhi.projects.urls")),
    path("events/", include("xiangzhi.events.urls")),
    path("points/", include("xiangzhi.points.urls")),
    path("economy/", include("xiangzhi.economy.urls")),
    path("stars/", include("xiangzhi.stars.urls")),
    path("reports/", include("xiangzhi.reports.urls")),
]

handler404 = "xiangzhi.core.views.errors.not_found"
handler500 = "xiangzhi.core.views.errors.server_error"
