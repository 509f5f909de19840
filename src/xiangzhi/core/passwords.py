"""Password rules (OWASP ASVS L2, 2.1): long passwords, no composition rules, no common ones.

Django 5.2's Chinese catalogue misses the "too short" message (its msgid changed from
``%(min_length)d`` to ``%d``), so users would read it in English; this validator says it in Chinese.
"""

from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return f"密码太短：至少需要 {self.min_length} 个字符。"

    def get_help_text(self) -> str:
        return f"密码至少需要 {self.min_length} 个字符。"
