"""The whole report as one SQL statement, compiled once per shape of report and then reused.

A report is about twenty small aggregates. Built and compiled one by one through the ORM they cost
~15 ms of Python around ~2 ms of database work (bench/report_bench.py). Django has no compiled or
prepared querysets, and the one package that offered them (django-prepared-queries) stopped at
Django 2.1, so this module does the least that works:

- each section declares its aggregates as ``Figures``: a queryset, the columns it is grouped by
  and the numbers it sums or counts — written with the ORM, from the same filters the ledgers use;
- what varies between two reports of the same shape (the unit, the period) enters those querysets
  as ``Slot`` expressions, placeholders that compile to a parameter bound at each run;
- the figures are compiled once into one ``UNION ALL`` statement, every branch padded to the same
  columns; a run binds the slots, executes the statement once, converts each branch's rows with
  the converters Django itself would apply to that queryset, and returns the rows per figure.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from threading import Lock

from django.db import connections
from django.db.models import CharField, Expression, IntegerField, QuerySet, Value
from django.db.models.functions import Cast

from xiangzhi.reports.numbers import plain

# Columns of every branch: its index, up to MAX_KEYS grouping keys (as text), up to MAX_NUMBERS.
MAX_KEYS = 3
MAX_NUMBERS = 6
# Shapes of report kept compiled (units × reader scopes); a compiled statement is a few kB.
CACHE_SIZE = 64


class Slot(Expression):
    """A value bound at each run of a compiled statement (a report's unit, start, end …)."""

    def __init__(self, name: str, output_field):
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [_Unbound(self.name, self.output_field)]


@dataclass(frozen=True)
class _Unbound:
    """A parameter of the compiled SQL still waiting for its slot's value."""

    name: str
    output_field: object

    def bind(self, values: dict, connection):
        return self.output_field.get_db_prep_value(values[self.name], connection)


class _TypedNull(Cast):
    """Padding: a NULL with a type (PostgreSQL resolves two untyped NULLs of a UNION to text).

    A constant, so never part of GROUP BY (a grouped aggregate over no rows has no row at all).
    """

    def __init__(self, output_field):
        super().__init__(Value(None), output_field)

    def get_group_by_cols(self):
        return []

    def as_sqlite(self, compiler, connection, **extra_context):
        # SQLite takes a UNION's column types from its values: a bare NULL does, and keeps the
        # statement (parsed on every run) short.
        return "NULL", []


@dataclass(frozen=True)
class Figures:
    """One aggregate of the report: ``queryset`` grouped by ``keys``, with named ``numbers``.

    ``keys`` are field names (rows per distinct value, like GROUP BY) or, with no aggregate among
    the numbers, plain columns (one row per record). With no keys the figures are one row.
    """

    queryset: QuerySet
    numbers: dict = field(default_factory=dict)
    keys: tuple[str, ...] = ()

    def __post_init__(self):
        if len(self.keys) > MAX_KEYS or len(self.numbers) > MAX_NUMBERS:
            raise ValueError(f"Figures take at most {MAX_KEYS} keys and {MAX_NUMBERS} numbers")

    def branch(self, index: int) -> QuerySet:
        """The queryset as one branch of the statement: index, keys as text, numbers, padding."""
        # Keys as text, so that every branch's key columns have one type (PostgreSQL).
        keys = {f"k{i}": Cast(key, CharField()) for i, key in enumerate(self.keys)}
        keys.update({f"k{i}": _TypedNull(CharField()) for i in range(len(self.keys), MAX_KEYS)})
        numbers = {f"n{i}": expression for i, expression in enumerate(self.numbers.values())}
        padding = {f"n{i}": _TypedNull(IntegerField()) for i in range(len(numbers), MAX_NUMBERS)}
        columns = ["branch", *keys, *numbers, *padding]
        grouped = self.queryset.order_by().annotate(branch=Value(index), **keys).values("branch", *keys)
        return grouped.annotate(**numbers, **padding).values(*columns)

    def read(self, row: tuple) -> dict:
        """One row of this branch (without its index) as {key name: value, number name: value}."""
        named = dict(zip(self.keys, row[:MAX_KEYS], strict=False))
        numbers = row[MAX_KEYS : MAX_KEYS + len(self.numbers)]
        named.update({name: plain(value) for name, value in zip(self.numbers, numbers, strict=True)})
        return named


class Statement:
    """Figures compiled into one SQL statement; ``run(values)`` returns their rows by name."""

    def __init__(self, figures: dict[str, Figures], using: str):
        self.using = using
        self.figures = list(figures.items())
        queries = [spec.branch(index).query for index, (_, spec) in enumerate(self.figures)]
        # elide_empty=False: a branch that can match nothing compiles to a false predicate
        # instead of raising, so the statement keeps one branch per figure.
        compilers = [query.get_compiler(using, elide_empty=False) for query in queries]
        compiled = [compiler.as_sql() for compiler in compilers]
        self.branch_sql = [sql for sql, _ in compiled]
        self.branch_params = [tuple(params) for _, params in compiled]
        self.sql = " UNION ALL ".join(self.branch_sql)
        self.params = [param for params in self.branch_params for param in params]
        # The converters each branch's own queryset would run (decimals on SQLite, …).
        self.converters = [
            list(compiler.get_converters(_selected(compiler)).items()) for compiler in compilers
        ]

    def bound_params(self, values: dict) -> list:
        """The statement's parameters, each slot bound once however often it occurs.

        A slot's name stands for one value of one type (``ReportScope`` makes them so).
        """
        connection = connections[self.using]
        bound = {}
        params = []
        for param in self.params:
            if isinstance(param, _Unbound):
                if param.name not in bound:
                    bound[param.name] = param.bind(values, connection)
                param = bound[param.name]
            params.append(param)
        return params

    def branches(self, values: dict) -> list[tuple[str, list]]:
        """Each branch with its parameters bound (run alone, one branch is one aggregate)."""
        params = iter(self.bound_params(values))
        return [
            (sql, [next(params) for _ in branch_params])
            for sql, branch_params in zip(self.branch_sql, self.branch_params, strict=True)
        ]

    def run(self, values: dict) -> dict[str, list[dict]]:
        connection = connections[self.using]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self.bound_params(values))
            rows = cursor.fetchall()
        by_branch: list[list] = [[] for _ in self.figures]
        for row in rows:
            by_branch[int(row[0])].append(_converted(row, self.converters[int(row[0])], connection))
        return {
            name: [spec.read(row) for row in by_branch[index]]
            for index, (name, spec) in enumerate(self.figures)
        }


def _converted(row: tuple, converters: list, connection) -> tuple:
    """``row`` without its branch index, through its branch's converters.

    What ``SQLCompiler.apply_converters`` does, for one row and with the connection of the thread
    that runs the report (a compiler keeps the one it was made with).
    """
    values = list(row[1:])
    for position, (functions, expression) in converters:
        value = row[position]
        for function in functions:
            value = function(value, expression, connection)
        values[position - 1] = value
    return tuple(values)


def _selected(compiler) -> list:
    compiler.setup_query()
    return [expression for expression, _, _ in compiler.select]


class StatementCache:
    """Compiled statements by shape, least recently used dropped first; safe across threads."""

    def __init__(self, size: int = CACHE_SIZE):
        self.size = size
        self._statements: OrderedDict = OrderedDict()
        self._lock = Lock()

    def get(self, shape, build) -> Statement:
        with self._lock:
            statement = self._statements.get(shape)
            if statement is not None:
                self._statements.move_to_end(shape)
                return statement
        statement = build()
        with self._lock:
            self._statements[shape] = statement
            while len(self._statements) > self.size:
                self._statements.popitem(last=False)
        return statement

    def clear(self) -> None:
        with self._lock:
            self._statements.clear()
