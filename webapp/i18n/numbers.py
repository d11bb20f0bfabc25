"""Numbers as trainees type them: "1.200", "1,200", "950円", "¥950", "950 yen", "１２００".

A Vietnamese or Indonesian "1.200" is one thousand two hundred (the full stop groups digits
there), while the same text is one point two in English or Japanese. Reading typed numbers by
the trainee's locale is the job of the shells that know it (the phone form, chat adapters); the
JSON API takes JSON numbers. When a text could be read two ways and both fit the question's
range, the reader says so and the shell asks the trainee instead of guessing.
"""

import re
import unicodedata
from dataclasses import dataclass

from babel.numbers import get_decimal_symbol, get_group_symbol

# Words and signs for the yen that trainees add to an amount, in the shipped languages.
YEN_WORDS = ("円", "¥", "yen", "jpy", "yên", "เยน", "យ៉េន", "ယန်း", "येन", "иен", "日元", "日圓")
SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
NUMBER = re.compile(r"^[0-9][0-9.,]*$")


@dataclass(frozen=True)
class TypedNumber:
    """What a typed text means: one value, or the readings the trainee must choose from."""

    readings: tuple[float, ...]  # one value, or two to confirm (the locale's reading first)

    @property
    def value(self) -> float | None:
        return self.readings[0] if len(self.readings) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.readings) > 1


def ascii_digits(text: str) -> str:
    """Full-width, Burmese, Khmer, Thai, Devanagari... digits as 0-9; full-width ，．as , ."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        str(unicodedata.decimal(ch)) if unicodedata.category(ch) == "Nd" else ch for ch in text
    )


def strip_units(text: str) -> str:
    lowered = text.lower()
    for word in YEN_WORDS:
        lowered = lowered.replace(word, "")
    return SPACES.sub("", lowered)


def read_number(
    text: str, locale: str, minimum: float | None = None, maximum: float | None = None
) -> TypedNumber | None:
    """The number(s) `text` can mean for a trainee writing in `locale`; None if it is not one.

    Readings outside [minimum, maximum] are dropped when another reading remains, so "1.200"
    for an hourly wage of at least 100 yen is simply 1,200."""
    cleaned = strip_units(ascii_digits(text))
    if not NUMBER.match(cleaned):
        return None
    readings = _readings(cleaned, get_decimal_symbol(locale), get_group_symbol(locale))
    if not readings:
        return None
    fitting = tuple(
        r
        for r in readings
        if (minimum is None or r >= minimum) and (maximum is None or r <= maximum)
    )
    return TypedNumber(fitting or readings[:1])


def _readings(text: str, decimal: str, group: str) -> tuple[float, ...]:
    marks = {ch for ch in text if ch in ".,"}
    if not marks:
        return (float(text),)
    if len(marks) == 2:
        # Both marks: the last one is the decimal point, the other groups digits.
        point = max(".,", key=text.rfind)
        whole, _, fraction = text.rpartition(point)
        grouped = _grouped(whole, "," if point == "." else ".")
        return (float(f"{grouped}.{fraction}"),) if grouped is not None and fraction else ()
    mark = marks.pop()
    if text.count(mark) > 1:  # 1.200.000: only grouping uses a mark twice
        grouped = _grouped(text, mark)
        return (float(grouped),) if grouped is not None else ()
    whole, _, fraction = text.partition(mark)
    as_decimal = float(f"{whole}.{fraction}") if fraction else None
    as_grouped = _grouped(text, mark)
    if as_grouped is None or as_decimal is None:
        only = as_decimal if as_decimal is not None else as_grouped
        return (float(only),) if only is not None else ()
    # One mark with three digits after it: "1.200". The locale says which reading comes first;
    # where the mark is the locale's group sign, the grouping is the only reading.
    if mark == group and mark != decimal:
        return (float(as_grouped),)
    return (as_decimal, float(as_grouped))


def _grouped(text: str, mark: str) -> str | None:
    """Digits grouped by threes with `mark` ("1.200.000"), as plain digits; else None."""
    groups = text.split(mark)
    head, rest = groups[0], groups[1:]
    if not head or len(head) > 3 or (head.startswith("0") and rest):
        return None
    if any(len(group) != 3 or not group.isdigit() for group in rest):
        return None
    return "".join(groups)
