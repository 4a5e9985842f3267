"""Records in and out: validation by pydantic, and a fast decoder for data already validated.

The domain's records and results are frozen dataclasses. Input from a person
or a file ce-tui did not seal is checked by :func:`validate`, one pydantic
``TypeAdapter`` per type, built on first use: pydantic is imported then, not
before. Data ce-tui validated and sealed itself (the store, the shipped rules
and catalog) is read back by :func:`decode`, which only converts JSON values
to their Python types (ISO dates, credit amounts, tuples), so reading and
evaluating a store never imports pydantic. :func:`jsonable` is the way back
to JSON for results.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from ce_tui.domain.models import number_json

if TYPE_CHECKING:
    from pydantic import TypeAdapter

T = TypeVar("T")

Decoder = Callable[[Any], Any]
"""A function from a JSON value to its Python value."""


_ADAPTERS: dict[object, TypeAdapter[Any]] = {}
"""The adapter of each type validated so far."""

_DECODERS: dict[object, Decoder] = {}
"""The decoder of each dataclass decoded so far."""

READ_BACK_CACHE = 256
"""Most distinct JSON values of one field a marker's read-back remembers (credit amounts).

The read-back of a marker is a pure function to an immutable value, and it
reads validated values only, where equal JSON values of one type are the
same amount; ``typed`` keeps 1 and 1.0 apart.
"""


def adapter(kind: Any) -> TypeAdapter[Any]:
    """The pydantic adapter of a type (built once; pydantic is imported here)."""
    found = _ADAPTERS.get(kind)
    if found is None:
        from pydantic import TypeAdapter

        found = _ADAPTERS[kind] = TypeAdapter(kind)
    return found


def validate(kind: type[T], raw: object) -> T:
    """`raw` validated as `kind`; raises pydantic's ValidationError listing every problem."""
    result: T = adapter(kind).validate_python(raw)
    return result


def dump(obj: object) -> Any:
    """A record as JSON-ready values, the way pydantic writes them (the store's form)."""
    return adapter(type(obj)).dump_python(obj, mode="json")


def required_fields(kind: type[Any]) -> frozenset[str]:
    """The fields of a record that have no default."""
    return frozenset(
        f.name
        for f in dataclasses.fields(kind)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )


def jsonable(value: Any) -> Any:
    """A result (dataclasses, dates, amounts, tuples) as JSON-ready values.

    Amounts are numbers: whole ones ints, others floats, as in the store.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return number_json(value)
    if isinstance(value, tuple | list):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    return value


def decode(kind: type[T], raw: Mapping[str, Any]) -> T:
    """A record from JSON that ce-tui validated before: values converted, nothing checked.

    Raises TypeError, ValueError or KeyError on data of another shape: callers
    that cannot be sure of their input validate it instead.
    """
    result: T = decoder(kind)(raw)
    return result


def decoder(kind: Any) -> Decoder:
    """The :func:`decode` function of one dataclass: convert the fields that need it, construct."""
    found = _DECODERS.get(kind)
    if found is None:
        found = _DECODERS[kind] = _make_decoder(kind)
    return found


def _make_decoder(kind: Any) -> Decoder:
    """Build the decoder of a dataclass: a function written out from its fields, compiled once.

    This is how ``dataclasses`` makes a class's ``__init__``, and for the same
    reason: reading 10,000 claims through straight-line code takes a third less
    time than a loop over a plan of the same fields. The source is made of the
    class's own field names (checked to be identifiers) and nothing else;
    every value the function uses is passed to it by name.

    The JSON object must hold every field, as ce-tui writes them (TypeError
    if it holds another number of keys, KeyError if one is missing: with as
    many keys as fields and none missing, none is unknown). For each field,
    in order, the value is converted and checked by its type's converter
    (see :func:`_converter`), and set through the slot's own setter: a
    frozen dataclass's ``__init__`` goes through ``object.__setattr__``, a
    third of reading a store, and these records have no ``__post_init__`` to
    skip. Only a field whose default is None may be null: every converter
    refuses None, and a field without one is checked.
    """
    assert "__slots__" in vars(kind) and not hasattr(kind, "__post_init__")
    hints = typing.get_type_hints(kind, include_extras=True)
    fields = dataclasses.fields(kind)
    scope: dict[str, Any] = {"kind": kind, "make": object.__new__, "misfit": _misfit}
    body = [f"    if len(raw) != {len(fields)}:", "        misfit(kind, raw)"]
    body.append("    record = make(kind)")
    for n, field in enumerate(fields):
        if not field.name.isidentifier() or field.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{kind.__name__}.{field.name}: not a field the decoder reads")
        convert = _converter(_not_none(hints[field.name]))
        scope[f"set_{n}"] = vars(kind)[field.name].__set__
        scope[f"convert_{n}"] = convert if convert is not None else _present
        if field.default is None:
            body += [
                f"    value = raw[{field.name!r}]",
                f"    set_{n}(record, None if value is None else convert_{n}(value))",
            ]
        else:
            body.append(f"    set_{n}(record, convert_{n}(raw[{field.name!r}]))")
    source = "\n".join(["def build(raw):", *body, "    return record"])
    exec(compile(source, f"<decoder of {kind.__name__}>", "exec"), scope)
    build: Decoder = scope["build"]
    return build


def _misfit(kind: type[Any], raw: Any) -> None:
    """Raise TypeError: `raw` does not hold exactly the fields of `kind`."""
    names = {field.name for field in dataclasses.fields(kind)}
    keys = set(raw) if isinstance(raw, dict) else set()
    raise TypeError(
        f"{kind.__name__}: not its fields (unknown {sorted(keys - names)}, "
        f"missing {sorted(names - keys)})"
    )


def _present(value: T) -> T:
    """`value` as it is, once it is known not to be null (TypeError if it is)."""
    if value is None:
        raise TypeError("a stored value is null where the field may not be")
    return value


def _not_none(hint: Any) -> Any:
    """`hint` without its `| None`: a record's decoder deals with null before converting."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(options) == 1:
            return options[0]
    return hint


def _converter(hint: Any) -> Decoder | None:
    """How to turn the JSON value of a field of type `hint` into Python, checking it.

    A sealed file is one ce-tui wrote, but anyone can recompute a seal, so each
    value is checked for its type and bounds as it is converted (cheaply, without
    pydantic): a value of another shape raises ValueError or TypeError and the
    caller validates the whole file instead. None: the value is taken as it is.
    """
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        base, *marks = typing.get_args(hint)
        for mark in marks:
            # A marker says how to read its values back and check them (credits, days, text).
            read_back: Decoder | None = getattr(mark, "decode", None)
            if read_back is None:
                continue
            if not getattr(mark, "repeats", False):
                return read_back  # ids, titles, digests: mostly distinct, a cache only costs
            # A store repeats a few amounts and days thousands of times (18
            # distinct amounts in the benchmark's 10,000 claims): each is read
            # back once and the immutable value shared, fewer objects to make.
            return functools.lru_cache(maxsize=READ_BACK_CACHE, typed=True)(read_back)
        checks = [mark.check for mark in marks if hasattr(mark, "check")]  # bounds
        convert = _converter(base)
        if not checks:
            return convert
        check: Decoder = checks[0]
        if convert is None:
            return check
        return lambda value: check(convert(value))
    if origin is typing.Literal:
        allowed = frozenset(typing.get_args(hint))

        def one_of(value: Any) -> Any:
            """`value` if it is one of the allowed strings (an unhashable one: TypeError)."""
            if value in allowed:  # only a str equals one of these str values
                return value
            raise ValueError(f"a stored value is not one of {sorted(allowed)}: {value!r:.40}")

        return one_of
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        inner = _converter(options[0]) if len(options) == 1 else None
        if inner is None:
            return None
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        item = _converter(typing.get_args(hint)[0])
        if item is None:
            return lambda values: tuple(_checked(values, type(values) in (list, tuple)))
        return lambda values: tuple(map(item, _checked(values, type(values) in (list, tuple))))
    if origin is dict:
        value_of = _converter(typing.get_args(hint)[1])
        if value_of is None:
            return lambda values: dict(_checked(values, type(values) is dict))
        return lambda values: {
            key: value_of(item) for key, item in _checked(values, type(values) is dict).items()
        }
    if hint is bool:
        return lambda value: _checked(value, type(value) is bool)
    if hint is str:
        return lambda value: _checked(value, type(value) is str)
    if hint is date:
        return date.fromisoformat
    if hint is Decimal:
        return lambda value: Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if hint is float:
        return float
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        record = decoder(hint)
        return lambda value: record(_checked(value, type(value) is dict))
    return None


def _checked(value: T, ok: bool) -> T:
    """`value` when `ok`, else ValueError: a stored value is not of its field's type."""
    if not ok:
        raise ValueError(f"a stored value is not of its field's type: {value!r:.40}")
    return value
