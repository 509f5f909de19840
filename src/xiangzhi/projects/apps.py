from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "xiangzhi.projects"
    label = "projects"
    verbose_name = "基础设施项目"
