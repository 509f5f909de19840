"""Model fields shared by the ledgers."""

from django.db import models

SEPARATOR = "、"


class ChoiceListField(models.CharField):
    """A short list of choice labels stored as one "、"-joined string (类别, 计划创建星 …).

    A JSON column would be the obvious choice, but SQLite cannot filter JSON arrays by element;
    as text, "households of category X" is a plain ``__contains`` on both databases. Labels of
    one list never contain each other, so a substring match is an element match.
    """

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or isinstance(value, list):
            return value
        return [item for item in str(value).split(SEPARATOR) if item]

    def get_prep_value(self, value):
        if isinstance(value, (list, tuple)):
            return SEPARATOR.join(value)
        return value

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj)) or ""
