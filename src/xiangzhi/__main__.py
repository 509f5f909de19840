"""The one console entry point: ``xiangzhi`` is Django's manage.py with our settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xiangzhi.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.INSTALLED_APPS  # noqa: B018  (loads the settings: a bad variable fails here)
    except ImproperlyConfigured as error:
        # A wrong environment variable is the operator's to fix: say which, without a traceback.
        print(f"配置错误：{error}（见 .env.example）", file=sys.stderr)
        sys.exit(2)
    from xiangzhi.core.management.utility import XiangzhiUtility

    XiangzhiUtility(sys.argv).execute()


if __name__ == "__main__":
    main()
