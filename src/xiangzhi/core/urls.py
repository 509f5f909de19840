from django.contrib.auth import views as auth_views
from django.urls import path

from xiangzhi.core.views import account, history, home, orgs, users

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", account.PasswordChange.as_view(), name="password-change"),
    path("org/switch/", home.org_switch, name="org-switch"),
    path("orgs/", orgs.org_list, name="org-list"),
    path("orgs/<int:pk>/", orgs.org_detail, name="org-detail"),
    path("orgs/<int:pk>/add/", orgs.org_create, name="org-create"),
    path("orgs/<int:pk>/edit/", orgs.org_edit, name="org-edit"),
    path("orgs/<int:pk>/delete/", orgs.org_delete, name="org-delete"),
    path("orgs/<int:pk>/restore/", orgs.org_restore, name="org-restore"),
    path("users/", users.user_list, name="user-list"),
    path("users/add/", users.user_create, name="user-create"),
    path("users/<int:pk>/", users.user_detail, name="user-detail"),
    path("users/<int:pk>/toggle-active/", users.user_toggle_active, name="user-toggle-active"),
    path("assignments/<int:pk>/remove/", users.assignment_remove, name="assignment-remove"),
    path("assignments/<int:pk>/restore/", users.assignment_restore, name="assignment-restore"),
    path("history/<str:label>/<int:pk>/", history.record_history, name="record-history"),
    path("trash/", history.trash, name="trash"),
    path("trash/<str:label>/<int:pk>/restore/", history.restore, name="record-restore"),
]
