"""Generic dataclass <-> JSON codec driven by type hints.

``to_jsonable`` turns frozen dataclasses (nested, with tuples, optionals and Literals)
into plain JSON values; ``from_jsonable(cls, value)`` rebuilds them, checking types and
Literal values on the way, so what comes back equals what went in.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from corroborate.errors import StoreError

__all__ = ["CodecError", "dumps", "from_jsonable", "loads", "to_jsonable"]

T = TypeVar("T")


class CodecError(StoreError):
    """A stored JSON value does not fit the type it is decoded as."""


def to_jsonable(obj: Any) -> Any:
    """Plain JSON value (dict/list/str/int/float/bool/None) for ``obj``."""
    if obj is None or isinstance(obj, str | bool | int | float):
        return obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, tuple | list):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    raise CodecError(f"cannot encode {type(obj).__name__} as JSON: {obj!r}")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _fail(tp: Any, value: Any, where: str) -> CodecError:
    return CodecError(f"{where or 'value'}: expected {tp}, got {type(value).__name__} {value!r}")


def _decode(tp: Any, value: Any, where: str) -> Any:
    if tp is Any:
        return value
    origin = get_origin(tp)
    if origin is Literal:
        if not any(a == value and type(a) is type(value) for a in get_args(tp)):
            raise _fail(tp, value, where)
        return value
    if origin is Union or origin is types.UnionType:
        arms = get_args(tp)
        if value is None and type(None) in arms:
            return None
        errors: list[str] = []
        for arm in arms:
            if arm is type(None):
                continue
            try:
                return _decode(arm, value, where)
            except CodecError as exc:
                errors.append(str(exc))
        raise CodecError("; ".join(errors) or str(_fail(tp, value, where)))
    if origin is tuple:
        if not isinstance(value, list | tuple):
            raise _fail(tp, value, where)
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v, f"{where}[{i}]") for i, v in enumerate(value))
        if len(args) != len(value):
            raise _fail(tp, value, where)
        return tuple(
            _decode(a, v, f"{where}[{i}]") for i, (a, v) in enumerate(zip(args, value, strict=True))
        )
    if origin is list:
        if not isinstance(value, list | tuple):
            raise _fail(tp, value, where)
        (arg,) = get_args(tp) or (Any,)
        return [_decode(arg, v, f"{where}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise _fail(tp, value, where)
        _, varg = get_args(tp) or (str, Any)
        return {k: _decode(varg, v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise _fail(tp.__name__, value, where)
        hints = _hints(tp)
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(tp):
            if not f.init:
                continue
            if f.name in value:
                kwargs[f.name] = _decode(hints[f.name], value[f.name], f"{where}.{f.name}")
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise CodecError(f"{where or tp.__name__}: missing field {f.name!r}")
        return tp(**kwargs)
    if tp is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        raise _fail(tp, value, where)
    if tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise _fail(tp, value, where)
    if tp in (str, bool):
        if type(value) is tp:
            return value
        raise _fail(tp, value, where)
    if tp is type(None):
        if value is None:
            return None
        raise _fail(tp, value, where)
    raise CodecError(f"{where or 'value'}: unsupported type {tp!r}")


def from_jsonable(cls: type[T], value: Any) -> T:
    """Rebuild a ``cls`` (dataclass or any supported type) from a plain JSON value."""
    result: T = _decode(cls, value, "")
    return result


def dumps(obj: Any) -> str:
    """Compact JSON text for ``obj``."""
    return json.dumps(to_jsonable(obj), ensure_ascii=False, separators=(",", ":"))


def loads(cls: type[T], text: str) -> T:
    """Inverse of :func:`dumps`."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CodecError(f"stored JSON is corrupt: {exc}") from exc
    return from_jsonable(cls, value)
