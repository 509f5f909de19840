from django import template

register = template.Library()


@register.filter
def model_label(obj) -> str:
    """ "app_label.modelname" of a record, as the history and restore URLs expect."""
    return obj._meta.label_lower
