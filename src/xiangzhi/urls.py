from django.urls import include, path

urlpatterns = [
    path("", include("xiangzhi.core.urls")),
    path("ledgers/", include("xiangzhi.core.ledgers.urls")),
    path("care/", include("xiangzhi.care.urls")),
]

handler404 = "xiangzhi.core.views.errors.not_found"
handler500 = "xiangzhi.core.views.errors.server_error"
