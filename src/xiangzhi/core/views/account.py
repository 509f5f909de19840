"""The signed-in user's own account: changing their password (ASVS 2.1.5)."""

from django.contrib import messages
from django.contrib.auth.views import PasswordChangeView
from django.urls import reverse_lazy

from xiangzhi.core.services.users import record_password_change


class PasswordChange(PasswordChangeView):
    """Django's view (old password, new one twice, the password policy, session kept valid)."""

    template_name = "core/form_page.html"
    success_url = reverse_lazy("home")
    extra_context = {"title": "修改密码"}

    def form_valid(self, form):
        response = super().form_valid(form)
        record_password_change(self.request.user)
        messages.success(self.request, "密码已修改")
        return response
