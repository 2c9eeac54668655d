"""Dates as the site writes them: 17 December 2008; partial dates as far as known (April 2016, 2010)."""

from __future__ import annotations

from datetime import date
from functools import cache

from .model import PartialDate


@cache  # a site writes the same few thousand dates hundreds of thousands of times
def long_date(value: date | PartialDate) -> str:
    if isinstance(value, PartialDate):
        if value.day:
            value = value.earliest()
        elif value.month:
            return f"{value.earliest():%B %Y}"
        else:
            return str(value.year)
    return f"{value.day} {value:%B %Y}"
