"""Numbers and JSON from the outside world, parsed strictly: the one place the edges turn text into values.

What reaches here is hostile until proven otherwise. A whole number is ASCII digits only (str.isdigit() accepts
"²" and "①", which int() then refuses), at most MAX_DIGITS of them (Python refuses to convert integers past
4,300 digits); a number is finite (1e400, Infinity and NaN are not numbers a client can mean); JSON is standard
JSON (no NaN or Infinity constants, no float that overflows) nested at most MAX_JSON_DEPTH deep (the parser's
own RecursionError, past about 1,000 levels, is a refusal too). Each refusal is a BadRequest with a message.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from service.errors import BadRequest

MAX_DIGITS = 12  # no count, offset or limit of this service needs more
MAX_JSON_DEPTH = 64  # the deepest documented body (a 1.0-draft match batch) nests 5 deep
_WHOLE = re.compile(rf"[+-]?[0-9]{{1,{MAX_DIGITS}}}", re.ASCII)
_NUMBER = re.compile(rf"[+-]?(?:[0-9]{{1,{MAX_DIGITS}}}(?:\.[0-9]{{0,17}})?|\.[0-9]{{1,17}})"
                     r"(?:[eE][+-]?[0-9]{1,3})?", re.ASCII)


def _shown(value: Any) -> str:
    if isinstance(value, int) and value.bit_length() > 64:  # repr() itself fails past 4,300 digits
        return f"an integer of {value.bit_length()} bits"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def whole_number(value: Any, name: str, low: int, high: int) -> int:
    """An int from a query-string text or a JSON value (an int, or a float with no fraction), within [low, high]."""
    message = f"{name} must be a whole number from {low} to {high}, not {_shown(value)}"
    if isinstance(value, bool):
        raise BadRequest(message)
    if isinstance(value, str):
        if not _WHOLE.fullmatch(value.strip()):
            raise BadRequest(message)
        number = int(value.strip())
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        number = int(value)
    else:
        raise BadRequest(message)
    if not low <= number <= high:
        raise BadRequest(message)
    return number


def finite_number(value: Any, name: str, low: float, high: float) -> float:
    """A float from a query-string text or a JSON number, finite and within [low, high]."""
    message = f"{name} must be a number from {low:g} to {high:g}, not {_shown(value)}"
    if isinstance(value, bool):
        raise BadRequest(message)
    if isinstance(value, str):
        if not _NUMBER.fullmatch(value.strip()):
            raise BadRequest(message)
        number = float(value.strip())
    elif isinstance(value, int):
        if not low <= value <= high:
            raise BadRequest(message)
        number = float(value)
    elif isinstance(value, float):
        number = value
    else:
        raise BadRequest(message)
    if not math.isfinite(number) or not low <= number <= high:
        raise BadRequest(message)
    return number


def _depth_exceeds(value: Any, limit: int) -> bool:
    """Whether lists and objects nest deeper than `limit` in a parsed value (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return False


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"the number {text[:40]} is out of range")
    return number


def loads_strict(text: str | bytes, what: str = "the body") -> Any:
    """Standard JSON, or a BadRequest that says what is wrong with it."""
    try:
        value = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except RecursionError:
        raise BadRequest(f"{what} nests deeper than {MAX_JSON_DEPTH} levels") from None
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise BadRequest(f"{what} is not valid JSON ({str(exc)[:200]})") from None
    if _depth_exceeds(value, MAX_JSON_DEPTH):
        raise BadRequest(f"{what} nests deeper than {MAX_JSON_DEPTH} levels")
    return value
