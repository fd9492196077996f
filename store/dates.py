"""How a stored date is written for people and for other tools.

The store keeps every date as a string that sorts in calendar order ("2023", "2023-07", "2023-07-14") beside
its precision, so the chronology is one ORDER BY. A quarter, half or season is stored as its first month
("2023-07", precision "quarter"): it sorts where it begins. Written out, it says what it is, in the ISO 8601 /
TimeML form analysts' tools read: "2023-Q3", "2023-H2", "2023-SU".
"""
from __future__ import annotations

import calendar
import datetime as dt

_SEASON_CODES = {1: "WI", 3: "SP", 6: "SU", 9: "FA"}
_SEASON_NAMES = {"WI": "Winter", "SP": "Spring", "SU": "Summer", "FA": "Autumn"}


def _part_of_year(date: str, precision: str | None) -> str | None:
    """The code of a quarter, half or season stored as its first month ("Q3", "H2", "SU"); None otherwise."""
    month = int(date[5:7])
    if precision == "quarter":
        return f"Q{(month - 1) // 3 + 1}"
    if precision == "half":
        return "H1" if month <= 6 else "H2"
    if precision == "season":
        return _SEASON_CODES.get(month)
    return None


def written_date(date: str | None, precision: str | None) -> str | None:
    """The date as exports write it: "2023-04-16", "2023-04", "2023", "2023-Q2", "2023-H1", "2023-SP"."""
    if not date or len(date) < 7:
        return date
    part = _part_of_year(date, precision)
    return f"{date[:4]}-{part}" if part else date


def date_label(date: str | None, precision: str | None) -> str:
    """The date as a reader sees it: "2023-04-16", "2023-W15" (a week), "Apr 2023", "Q2 2023", "H1 2023",
    "Summer '23", "2023", "1990s", "mid-1990s", "undated"."""
    if not date:
        return "undated"
    if precision == "decade":  # stored as the year it stands for: 1990, 1995 (mid-1990s), 1998 (late 1990s)
        return {"5": f"mid-{date[:3]}0s", "8": f"late {date[:3]}0s"}.get(date[3:4], f"{date[:3]}0s")
    if precision == "week" and len(date) == 10:  # stored as its Monday; a reader should not take it for a day
        year, week, _ = dt.date.fromisoformat(date).isocalendar()
        return f"{year}-W{week:02d}"
    if len(date) != 7:
        return date
    year, part = date[:4], _part_of_year(date, precision)
    if part in _SEASON_NAMES:
        return f"{_SEASON_NAMES[part]} '{year[2:]}"  # ten characters, as wide as a day: the timeline's column
    if part:
        return f"{part} {year}"
    return f"{calendar.month_abbr[int(date[5:7])]} {year}"
