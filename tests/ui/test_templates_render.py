"""The page shell renders in Chinese, offline (no external asset URL), for anonymous and signed-in users.

No database: users are AnonymousUser or a stand-in object, and the navigation context is passed in
directly instead of coming from the context processor.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import django_filters
import pytest
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.template.loader import get_template, render_to_string
from django.test import RequestFactory

pytestmark = pytest.mark.urls("tests.ui.urls")

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "src" / "xiangzhi" / "core" / "templates"


@dataclass
class OrgChoice:
    pk: int
    name: str
    depth_indent: int
    selected: bool


@dataclass
class Org:
    name: str


class StaffUser:
    """Enough of a user for the shell: it only asks is_authenticated and prints the user."""

    is_authenticated = True
    is_anonymous = False

    def __str__(self):
        return "王网格"


def anonymous_request(path="/", data=None):
    request = RequestFactory().get(path, data or {})
    request.user = AnonymousUser()
    return request


def assert_offline(html: str) -> None:
    assert "http://" not in html
    assert "https://" not in html
    for url in re.findall(r'(?:src|href|action)="([^"]*)"', html):
        assert not url.startswith("//"), f"protocol-relative URL {url}"


def signed_in_context(**overrides):
    request = RequestFactory().get("/care/households/", {"village": "3"})
    context = {
        "request": request,
        "user": StaffUser(),
        "csrf_token": "t" * 32,
        "current_org": Org("宁郭镇"),
        "nav_modules": [
            {"label": "首页", "url": "/", "active": False},
            {"label": "六帮六助", "url": "/care/", "active": True},
        ],
        "org_switch_choices": [
            OrgChoice(1, "宁郭镇", 0, False),
            OrgChoice(2, "东王庄村", 1, True),
        ],
        "demo_data": True,
    }
    context.update(overrides)
    return context


def test_static_assets_are_vendored_locally():
    assert finders.find("xiangzhi/app.css")
    htmx = finders.find("xiangzhi/vendor/htmx-2.0.11.min.js")
    assert htmx
    assert 'version:"2.0.11"' in Path(htmx).read_text(encoding="utf-8")
    assert finders.find("xiangzhi/vendor/htmx.LICENSE.txt")


def test_stylesheet_has_no_external_urls_or_web_fonts():
    css = Path(finders.find("xiangzhi/app.css")).read_text(encoding="utf-8")
    assert "http" not in css
    assert "@import" not in css
    assert "@font-face" not in css
    assert "Microsoft YaHei" in css


def test_base_for_anonymous_user_is_chinese_and_offline():
    html = render_to_string("base.html", request=anonymous_request())
    assert '<html lang="zh-Hans">' in html
    assert 'name="viewport"' in html
    assert "· 乡治</title>" in html
    assert 'href="/static/xiangzhi/app.css"' in html
    assert '<script src="/static/xiangzhi/vendor/htmx-2.0.11.min.js" defer></script>' in html
    assert "X-CSRFToken" in html
    assert "退出" not in html
    assert "演示数据" not in html
    assert_offline(html)


def test_base_for_signed_in_user_shows_switcher_nav_logout_and_demo_banner():
    html = render_to_string("base.html", signed_in_context())
    assert "当前为演示数据（宁郭镇示例），数据均为虚构" in html
    assert 'action="/org/switch/"' in html
    assert 'name="next" value="/care/households/?village=3"' in html
    assert '<option value="2" selected>　东王庄村</option>' in html
    assert '<option value="1">宁郭镇</option>' in html
    assert html.count('action="/logout/"') == 2  # desktop top bar and phone menu
    assert 'method="post" action="/logout/"' in html
    assert html.count('href="/care/" aria-current="page"') == 2
    assert "<details" in html and "<summary>菜单</summary>" in html
    assert "王网格" in html
    assert_offline(html)


def test_single_org_user_sees_the_org_name_instead_of_a_switcher():
    html = render_to_string(
        "base.html",
        signed_in_context(org_switch_choices=[OrgChoice(2, "东王庄村", 0, True)], demo_data=False),
    )
    assert "org-switch" not in html.replace("{% url 'org-switch' %}", "")
    assert '<span class="org-name">宁郭镇</span>' in html
    assert "演示数据" not in html


def test_switcher_choices_may_be_a_callable_evaluated_once():
    calls = []

    def choices():
        calls.append(1)
        return [OrgChoice(1, "宁郭镇", 0, True), OrgChoice(2, "东王庄村", 1, False)]

    html = render_to_string("base.html", signed_in_context(org_switch_choices=choices))
    assert "东王庄村" in html
    assert len(calls) == 1


def test_messages_render_with_their_level():
    messages = [Message(constants.SUCCESS, "已保存"), Message(constants.ERROR, "导入失败：第 3 行有误")]
    html = render_to_string("base.html", signed_in_context(messages=messages))
    assert '<li class="message success" role="status">已保存</li>' in html
    assert 'class="message error" role="alert"' in html


def test_login_page():
    request = anonymous_request("/login/", {"next": "/care/"})
    form = AuthenticationForm(request, data={"username": "", "password": ""})
    form.is_valid()
    form.add_error(None, "用户名或密码不正确")
    html = render_to_string("registration/login.html", {"form": form, "next": "/care/"}, request=request)
    for text in ("用户名", "密码", "登录", "用户名或密码不正确", "登录 · 乡治"):
        assert text in html
    assert 'name="next" value="/care/"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="username"' in html and 'type="password"' in html
    assert_offline(html)


@pytest.mark.parametrize(
    ("template", "text"),
    [
        ("404.html", "页面不存在或您无权查看"),
        ("403.html", "没有执行此操作的权限"),
        ("400.html", "请求有误"),
        ("403_csrf.html", "页面已过期"),
        (
            "registration/locked_out.html",
            "登录或修改密码时密码错误次数过多，账户已暂时锁定，请 15 分钟后再试或联系管理员。",
        ),
    ],
)
def test_error_pages(template, text):
    html = render_to_string(template, request=anonymous_request())
    assert text in html
    assert "乡治" in html
    assert_offline(html)


def test_error_pages_also_render_without_a_request():
    # Django renders 400 and the CSRF page without context processors in some paths.
    for template in ("400.html", "403_csrf.html"):
        assert "乡治" in get_template(template).render()


def test_500_page_is_standalone_and_needs_no_context():
    source = (TEMPLATES_DIR / "500.html").read_text(encoding="utf-8")
    assert "{%" not in source and "{{" not in source
    html = get_template("500.html").render()
    assert "系统出错了，请稍后再试；问题已记录。" in html
    assert '<html lang="zh-Hans">' in html
    assert_offline(html)


def test_pagination_keeps_filters_and_replaces_page():
    request = anonymous_request("/care/", {"village": "3", "page": "2"})
    page = Paginator(list(range(95)), 20).page(2)
    html = render_to_string("core/includes/_pagination.html", {"page_obj": page}, request=request)
    assert 'href="?village=3&amp;page=3"' in html
    assert 'href="?village=3&amp;page=1"' in html
    assert 'href="?village=3&amp;page=5"' in html
    assert "第 2 / 5 页，共 95 条" in html


def test_pagination_is_silent_on_a_single_page():
    page = Paginator([1, 2], 20).page(1)
    html = render_to_string("core/includes/_pagination.html", {"page_obj": page}, request=anonymous_request())
    assert "上一页" not in html
    assert "共 2 条" in html


class VisitForm(forms.Form):
    household = forms.CharField(label="户主", help_text="填写户主姓名")
    visited_on = forms.DateField(label="走访日期")
    urgent = forms.BooleanField(label="紧急", required=False)
    kind = forms.ChoiceField(label="类型", choices=[("a", "低保"), ("b", "特困")], widget=forms.RadioSelect)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("该记录已被他人修改，请刷新后重试")


def test_form_include_renders_labels_help_errors_and_hidden_fields():
    form = VisitForm(data={"household": "", "visited_on": "明天", "kind": "a", "version": "7"})
    form.is_valid()
    html = render_to_string("core/includes/_form.html", {"form": form})
    assert html.index("该记录已被他人修改") < html.index("户主")
    assert '<label for="id_household">户主<span class="req" aria-hidden="true">*</span></label>' in html
    assert 'id="id_household_helptext"' in html and "填写户主姓名" in html
    assert 'aria-describedby="id_household_helptext id_household_error"' in html
    assert 'class="errorlist"' in html
    assert '<input type="hidden" name="version" value="7"' in html
    assert "<legend>类型" in html
    assert 'class="field field-checkbox"' in html


class HouseholdFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(label="户主")
    kind = django_filters.ChoiceFilter(label="类型", choices=[("a", "低保"), ("b", "特困")])

    class Meta:
        model = Group  # any model: the bar only renders the form, the queryset is never read
        fields: ClassVar[list[str]] = []


def test_filter_bar_is_a_get_form_with_filter_and_reset():
    request = anonymous_request("/care/", {"name": "王"})
    filterset = HouseholdFilter(request.GET, queryset=Group.objects.none())
    html = render_to_string("core/includes/_filters.html", {"filter": filterset}, request=request)
    assert 'method="get"' in html
    assert "筛选" in html and "重置" in html
    assert 'href="/care/"' in html
    assert 'value="王"' in html
    assert '<label for="id_kind">类型</label>' in html


def test_empty_state_has_a_default_and_an_optional_action():
    assert "暂无数据" in render_to_string("core/includes/_empty.html")
    html = render_to_string(
        "core/includes/_empty.html",
        {"message": "本月尚无走访记录", "action_url": "/care/visits/add/", "action_label": "登记走访"},
    )
    assert "本月尚无走访记录" in html and 'href="/care/visits/add/"' in html
