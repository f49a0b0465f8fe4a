"""Insert many rows at once with their history rows: the demo generator and importers use
this instead of saving one object at a time.

Django's `bulk_create` and simple-history's `bulk_history_create` spend most of their time
preparing every value through its field and building a historical model instance per row
(80 % of an import's time, measured in bench/README.md). Here the row tuples are built
directly, with a converter only for the field types whose database value differs from the
Python one, primary keys are reserved up front so the history rows and the caller can use
them, and the driver writes them: `executemany` on SQLite, `COPY` on PostgreSQL. The history
rows say what a single save would have said: the same actor, reason, time and type "+"."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, connections, models
from django.utils import timezone

from politzek.registry.fields import WebAddressField

# Field types whose Python value (already the attribute's type) is what the driver binds;
# exact types, since a subclass (PartialDateField is a CharField) may convert.
_AS_IS = {
    models.AutoField, models.BigAutoField, models.BooleanField, models.CharField, models.TextField,
    models.IntegerField, models.BigIntegerField, models.PositiveIntegerField, models.PositiveSmallIntegerField,
    models.SmallIntegerField, models.ForeignKey, models.OneToOneField, models.URLField, models.SlugField,
    WebAddressField,
}
_DATE_TIME_TYPES = (models.DateTimeField, models.DateField)
Converter = Callable[[Any], Any] | None


def _converter(field: models.Field, database: Any) -> Converter:
    if type(field) in _AS_IS:
        return None
    last: list[Any] = [object(), None]

    def convert(value: Any) -> Any:
        # Runs of one value (the batch's timestamp, a shared date) convert once.
        if value is not last[0]:
            last[0], last[1] = value, field.get_db_prep_save(value, database)
        return last[1]

    return convert


def _stamp_auto_times(fields: Sequence[models.Field], values: Sequence[dict[str, Any]], now: Any) -> None:
    """What `pre_save` would do for auto_now / auto_now_add fields."""
    for field in fields:
        if isinstance(field, _DATE_TIME_TYPES) and (field.auto_now or field.auto_now_add):
            for row in values:
                if field.auto_now or row.get(field.attname) is None:
                    row[field.attname] = now


def _take_related_keys(fields: Sequence[models.Field], objects: Sequence[models.Model]) -> None:
    """A foreign key given as an object saved after it was assigned still holds no id: take
    it from the object now, as `bulk_create` does."""
    for field in fields:
        if field.is_relation:
            for obj in objects:
                if getattr(obj, field.attname) is None and field.is_cached(obj):
                    related = field.get_cached_value(obj)
                    if related is not None:
                        setattr(obj, field.attname, related.pk)


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` primary keys no row has or had: inside the caller's transaction on SQLite (the
    sequence table remembers ids of deleted rows, which must not be reused because their
    history keeps them), from the identity sequence on PostgreSQL."""
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [table, pk, count])
            return [row[0] for row in cursor.fetchall()]
        quoted = connection.ops.quote_name(table)
        cursor.execute(
            f"SELECT max(coalesce((SELECT max({connection.ops.quote_name(pk)}) FROM {quoted}), 0),"
            " coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))", [table])
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + count))


def write_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Append rows of database values to a table with the driver's fastest path."""
    ops = connection.ops
    names = ", ".join(ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {ops.quote_name(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["?"] * len(columns))
        cursor.cursor.executemany(f"INSERT INTO {ops.quote_name(table)} ({names}) VALUES ({marks})", rows)


def _default(field: models.Field) -> Callable[[], Any]:
    if callable(field.default) and field.has_default():
        return field.get_default
    value = field.get_default()
    return lambda: value


def _rows(fields: Sequence[models.Field], values: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
    database = connections[connection.alias]  # the connection itself, not the per-thread proxy
    for field in fields:  # what a model instance would have had from its defaults
        missing = [row for row in values if field.attname not in row]
        if missing:
            default = _default(field)
            for row in missing:
                row[field.attname] = default()
    getters = [(field.attname, _converter(field, database)) for field in fields]
    return [
        tuple(row[name] if convert is None else convert(row[name]) for name, convert in getters)
        for row in values
    ]


def insert_values(model: type[models.Model], values: Sequence[dict[str, Any]], actor: str, reason: str) -> list[int]:
    """Insert rows given as {attribute name: value} (defaults fill the rest; each dict gets
    its new primary key) and, for models with history, one history row each. Returns the new
    primary keys in order. The fast path for imports: no model instance per row."""
    if not values:
        return []
    meta = model._meta
    fields = list(meta.concrete_fields)
    now = timezone.now()
    _stamp_auto_times(fields, values, now)
    ids = reserve_ids(model, len(values))
    for row, pk in zip(values, ids, strict=True):
        row[meta.pk.attname] = pk
    rows = _rows(fields, values)
    write_rows(meta.db_table, [field.column for field in fields], rows)
    history = getattr(model, "history", None)
    if history is not None:
        _write_history(history.model, fields, rows, actor, reason, now)
    return ids


def bulk_insert(model: type[models.Model], objects: Sequence[models.Model], actor: str, reason: str) -> int:
    """Insert unsaved model instances (their primary keys are set afterwards) and, for models
    with history, one history row each. Returns the number of rows written."""
    if not objects:
        return 0
    _take_related_keys(model._meta.concrete_fields, objects)
    insert_values(model, [obj.__dict__ for obj in objects], actor, reason)  # an instance keeps its columns there
    for obj in objects:
        obj._state.adding, obj._state.db = False, connection.alias
    return (1 if getattr(model, "history", None) is None else 2) * len(objects)


def _write_history(historical: type[models.Model], fields: Sequence[models.Field], rows: list[tuple[Any, ...]],
                   actor: str, reason: str, now: Any) -> None:
    """One "+" history row per inserted row, taking the tracked values from the row itself."""
    position = {field.attname: i for i, field in enumerate(fields)}
    history_fields = [f for f in historical._meta.concrete_fields if f.attname != "history_id"]
    extras = {
        "history_actor": actor, "history_change_reason": reason, "history_type": "+", "history_user_id": None,
        "history_redaction": False,
        "history_date": historical._meta.get_field("history_date").get_db_prep_save(now, connection),
    }
    plan = [(position.get(f.attname), extras.get(f.attname)) for f in history_fields]
    unknown = [f.attname for f, (at, _v) in zip(history_fields, plan, strict=True)
               if at is None and f.attname not in extras]
    if unknown:
        raise LookupError(f"{historical.__name__}: no value for history columns {unknown}")
    write_rows(historical._meta.db_table, [f.column for f in history_fields],
               [tuple(row[at] if at is not None else value for at, value in plan) for row in rows])
