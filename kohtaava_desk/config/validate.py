"""Check one TOML layer against the schema, keeping every valid value and reporting every bad one."""

from __future__ import annotations

import dataclasses
import difflib
import math
import typing
from functools import cache
from typing import Any

from .problems import Problem
from .schema import Texts


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@cache
def _fields(cls: type) -> dict[str, dataclasses.Field]:
    return {f.name: f for f in dataclasses.fields(cls)}


def _describe(tp: Any) -> str:
    if tp is bool:
        return "true or false"
    if tp is int:
        return "a whole number"
    if tp is float:
        return "a finite number"
    if tp is str:
        return "a text in quotes"
    if typing.get_origin(tp) is tuple:
        (inner, _) = typing.get_args(tp)
        return "a list of " + {int: "whole numbers", float: "numbers", str: "texts in quotes"}[inner]
    return "a table"


def _type_ok(value: Any, tp: Any) -> bool:
    if tp is bool:
        return isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if tp is float:
        # TOML allows nan and inf; no setting of ours means either.
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if tp is str:
        return isinstance(value, str)
    return False


def _range_text(lo: float | None, hi: float | None) -> str:
    return f"between {lo:g} and {hi:g}"


def validate_table(data: dict, cls: type, file: str, prefix: str = "") -> tuple[dict, list[Problem]]:
    """Return (the valid subset of data, problems). Missing keys are fine: layers are partial."""
    clean: dict[str, Any] = {}
    problems: list[Problem] = []
    fields = _fields(cls)
    hints = _hints(cls)
    for key, value in data.items():
        path = f"{prefix}{key}"
        if key not in fields:
            hint = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
            allowed = ", ".join(fields)
            msg = f"unknown key; did you mean '{prefix}{hint[0]}'?" if hint else f"unknown key; allowed here: {allowed}"
            problems.append(Problem(file, path, msg))
            continue
        tp = hints[key]
        meta = fields[key].metadata
        if dataclasses.is_dataclass(tp):
            if not isinstance(value, dict):
                problems.append(Problem(file, path, "must be a table ([section] or { ... })", value))
                continue
            sub, sub_problems = validate_table(value, tp, file, f"{path}.")
            problems += sub_problems
            if sub:
                clean[key] = sub
            continue
        if typing.get_origin(tp) is tuple:
            (inner, _) = typing.get_args(tp)
            if not isinstance(value, list) or not all(_type_ok(v, inner) for v in value):
                problems.append(Problem(file, path, f"must be {_describe(tp)}", value))
                continue
            if meta.get("items"):
                lo, hi = meta["items"]
                bad = [v for v in value if not lo <= v <= hi]
                if bad or not value:
                    problems.append(Problem(file, path, f"every item must be {_range_text(lo, hi)} and the list non-empty", value))
                    continue
            clean[key] = list(value)
            continue
        if not _type_ok(value, tp):
            problems.append(Problem(file, path, f"must be {_describe(tp)}", value))
            continue
        lo, hi, choices = meta.get("lo"), meta.get("hi"), meta.get("choices")
        if lo is not None and not lo <= value <= hi:
            problems.append(Problem(file, path, f"must be {_range_text(lo, hi)}", value))
            continue
        if choices and value not in choices:
            problems.append(Problem(file, path, "allowed values: " + ", ".join(choices), value))
            continue
        if cls is Texts and not value.strip():
            problems.append(Problem(file, path, "must not be empty", value))
            continue
        clean[key] = value
    return clean, problems


def missing_keys(data: dict, cls: type, prefix: str = "") -> list[str]:
    """Keys the schema has but data lacks (only the complete defaults layer must have them all)."""
    out: list[str] = []
    for name in _fields(cls):
        tp = _hints(cls)[name]
        path = f"{prefix}{name}"
        if name not in data:
            out.append(path)
        elif dataclasses.is_dataclass(tp) and isinstance(data[name], dict):
            out += missing_keys(data[name], tp, f"{path}.")
    return out


def build(cls: type, data: dict) -> Any:
    """Turn a complete, validated nested dict into frozen dataclasses."""
    kwargs = {}
    for name, tp in _hints(cls).items():
        if name not in _fields(cls):
            continue
        value = data[name]
        if dataclasses.is_dataclass(tp):
            value = build(tp, value)
        elif typing.get_origin(tp) is tuple:
            value = tuple(value)
        elif tp is float:
            value = float(value)
        kwargs[name] = value
    return cls(**kwargs)
