"""The signed-in user's own account: changing their password (ASVS 2.1.5)."""

from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.views import PasswordChangeView
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy

from xiangzhi.core.services.users import record_password_change


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """The old password is checked through ``authenticate()``, not ``user.check_password()``:
    django-axes then counts a wrong one with the log-in failures of that user name and address
    (5 lock both for 15 minutes), so a left-open session cannot be used to guess the password."""

    def __init__(self, user, *args, request=None, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        checked = authenticate(self.request, username=self.user.get_username(), password=old_password)
        if checked is None or checked.pk != self.user.pk:
            raise ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old_password


class PasswordChange(PasswordChangeView):
    """Django's view (old password, new one twice, the password policy, session kept valid)."""

    form_class = ThrottledPasswordChangeForm
    template_name = "core/form_page.html"
    success_url = reverse_lazy("home")
    extra_context = {"title": "修改密码"}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        response = super().form_valid(form)
        record_password_change(self.request.user)
        messages.success(self.request, "密码已修改")
        return response
