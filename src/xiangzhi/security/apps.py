from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "xiangzhi.security"
    label = "security"
    verbose_name = "平安建设"
