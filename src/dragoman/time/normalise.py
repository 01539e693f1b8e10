"""Values of time expressions: English phrase + anchor date + tense -> TimeML value.

``normalise("on Monday", date(2012, 8, 29), "past")`` -> ``("DATE", "2012-08-27")``.
Pure functions, no spaCy: the finder (:mod:`dragoman.time.timex`) supplies the tense of
the governing verb and the value of the last date mentioned (``reference``, for
anaphoric phrases such as "a year earlier" or "the quarter").
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from dragoman.time import calendar as cal

__all__ = ["Context", "lexicon", "normalise"]

Result = tuple[str, str]


@functools.cache
def lexicon() -> dict[str, Any]:
    """The word lists of ``time/data/lexicon.json``."""
    text = resources.files("dragoman.time").joinpath("data/lexicon.json").read_text("utf-8")
    return dict(json.loads(text))


@dataclass(frozen=True)
class Context:
    anchor: date | None
    tense: str | None = None  # "past", "present", "future" or None
    reference: str | None = None  # value of the last date mentioned before


def normalise(text: str, anchor: date | None = None, tense: str | None = None,
              reference: str | None = None) -> Result | None:
    """(type, value) of a time expression, or None when it is not one we can value."""
    ctx = Context(anchor, tense, reference)
    for phrase in _variants(text):
        try:
            found = _first(phrase, ctx)
        except (ValueError, OverflowError):  # a date outside years 1..9999
            return None
        if found:
            return found
    return None


@functools.lru_cache(maxsize=8192)
def _variants(text: str) -> tuple[str, ...]:
    """The phrases :func:`normalise` tries in turn: the cleaned text, then with one more
    modifier stripped each time (at most five); text alone decides them."""
    out = []
    phrase = clean(text)
    for n in range(5):
        if n and phrase in ("the year", "the month", "the week", "the quarter"):
            phrase = "this " + phrase[4:]
        out.append(phrase)
        stripped = strip_modifier(phrase)
        if stripped == phrase:
            break
        phrase = stripped
    return tuple(out)


def clean(text: str) -> str:
    """Lower case, one space, straight quotes, no trailing punctuation or possessive."""
    t = text.lower().replace("\u2019", "'").replace("`", "'")
    t = re.sub(r"\s+", " ", t).strip(" ,;:!?\"()")
    t = re.sub(r"\bfiscal (?=quarter|first|second|third|fourth|half)", "", t)
    t = re.sub(r"(?<!the )\bfiscal (?=year)", "", t)
    t = re.sub(r"(?<!\b[ap]\.m)\.$", "", t).strip()
    if not t.startswith("new year"):
        t = re.sub(r"'s?$", "", t)
    return t.strip()


def strip_modifier(phrase: str) -> str:
    """The phrase without its first modifier word(s) ("nearly", "mid-", "since" ...)."""
    for mod in _MODIFIERS():
        if phrase.startswith(mod + " ") or (mod.endswith(("mid", "early", "late")) and
                                             phrase.startswith(mod + "-")):
            return phrase[len(mod) + 1:].strip()
    return phrase


@functools.cache
def _MODIFIERS() -> list[str]:
    return sorted(lexicon()["modifiers"], key=len, reverse=True)


def _alt(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def _re() -> dict[str, str]:
    lex = lexicon()
    return {
        "month": rf"(?P<month>{_alt(lex['months'])})\.?",
        "wd": rf"(?P<wd>{_alt(lex['weekdays'])})\.?",
        "num": rf"(?P<num>\d+(?:\.\d+)?|{_alt(list(lex['numbers']) + lex['vague_numbers'])}"
               rf"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]\w+)",
        "unit": r"(?P<unit>second|minute|hour|day|night|week|fortnight|month|quarter|year"
                r"|decade|century|centurie|weekend|season)s?",
        "pod": rf"(?P<pod>{_alt(lex['parts_of_day'])})",
        "season": rf"(?P<season>{_alt(lex['seasons'])})",
        "year": r"(?P<year>(?:1[0-9]|20)\d\d)",
    }


@functools.cache
def _rx() -> dict[str, re.Pattern[str]]:
    """The rules' patterns that hold lexicon words, compiled once."""
    r = _re()
    pre = rf"(?:{r['wd']},? )?(?:the )?"
    return {
        "day_word": re.compile(rf"(?P<w>today|tonight|yesterday|tomorrow|the day before yesterday|"
                               rf"the day after tomorrow|this|last)(?: {r['pod']})?"),
        "pod": re.compile(rf"(?:this |mid[- ]?|late |early ){r['pod']}"),
        "weekday": re.compile(rf"(?:(?P<rel>last|next|this|coming|past|every|each) )?{r['wd']}"
                              rf"(?P<plural>s)?(?: {r['pod']}(?P<pods>s)?)?"),
        "month_day": re.compile(rf"{pre}{r['month']} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                                rf"(?:,? {r['year']})?"),
        "day_month": re.compile(rf"{pre}(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{r['month']}"
                                rf"(?:,? {r['year']})?"),
        "month": re.compile(rf"(?:(?P<rel>last|next|this|that|the same|past) )?{r['month']}"
                            rf"(?:,? (?:of )?(?:{r['year']}|(?P<yrel>last|next|this) year))?"),
        "season": re.compile(rf"(?:(?P<rel>last|next|this past|this|the|that|past|coming) )?"
                             rf"{r['season']}(?:,? (?:of )?{_YEAR_TEXT})?"),
        "year_season": re.compile(rf"(?:the )?{_YEAR_TEXT}'?s? {r['season']}"),
    }


def _first(phrase: str, ctx: Context) -> Result | None:
    for rule in _rules():
        found = rule(phrase, ctx)
        if found:
            return found
    return None


# --- words with fixed meanings ----------------------------------------------------

def _fixed(phrase: str, ctx: Context) -> Result | None:
    lex = lexicon()
    if phrase in lex["present_ref"]:
        return "DATE", "PRESENT_REF"
    if phrase in lex["past_ref"]:
        return "DATE", "PAST_REF"
    if phrase in lex["future_ref"]:
        return "DATE", "FUTURE_REF"
    if phrase in lex["sets"]:
        return ("SET" if lex["sets"][phrase] else "DATE"), lex["sets"][phrase]
    return _period(phrase, ctx) or _holiday(phrase, ctx)


_PERIOD = re.compile(r"(?:the )?(?:(?:end|beginning|start|middle|rest|remainder|close|balance)"
                     r" of )?(?:the )?(?:full |whole |entire |calendar )?(?P<u>year|month|week)"
                     r"(?:-to-date)?")


def _period(phrase: str, ctx: Context) -> Result | None:
    """"the end of the year", "the full year", "year-end": the period itself."""
    if ctx.anchor is None:
        return None
    if phrase in ("year-end", "the year-end"):
        return "DATE", f"{ctx.anchor.year:04d}-12-31"
    if phrase in ("year end", "the fiscal year"):
        return "DATE", cal.year(ctx.anchor)
    m = _PERIOD.fullmatch(phrase)
    if not m or phrase == "the " + m["u"]:
        return None
    return "DATE", {"year": cal.year, "month": cal.month, "week": cal.week}[m["u"]](ctx.anchor)


_HOLIDAY = re.compile(r"(?:(?P<rel>last|next|this) )?(?P<name>.+?)(?: (?P<year>\d{4}))?")


def _holiday(phrase: str, ctx: Context) -> Result | None:
    m = _HOLIDAY.fullmatch(phrase)
    if not m or m["name"] not in lexicon()["holidays"]:
        return None
    rule = lexicon()["holidays"][m["name"]]
    if m["year"]:
        y = int(m["year"])
    elif ctx.anchor:
        y = ctx.anchor.year + {"last": -1, "next": 1}.get(m["rel"] or "", 0)
    else:
        return None
    d = _holiday_date(rule, y)
    if ctx.anchor and not m["year"] and not m["rel"]:
        if ctx.tense == "future" and d < ctx.anchor:
            d = _holiday_date(rule, y + 1)
        elif ctx.tense != "future" and d > ctx.anchor:
            d = _holiday_date(rule, y - 1)
    return "DATE", cal.day(d)


def _holiday_date(rule: Any, y: int) -> date:
    if isinstance(rule, list):
        return date(y, rule[0], rule[1])
    if rule == "thanksgiving":
        return cal.nth_weekday(y, 11, 3, 4)
    if rule == "labor day":
        return cal.nth_weekday(y, 9, 0, 1)
    if rule == "memorial day":
        return cal.nth_weekday(y, 5, 0, -1)
    easter = cal.easter(y)
    return cal.shift_days(easter, -2) if rule == "good friday" else easter


# --- days, weekdays, clock times -----------------------------------------------------

_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
              "the day before yesterday": -2, "the day after tomorrow": 2,
              "this": 0, "last": -1, "overnight": 0}


def _day_word(phrase: str, ctx: Context) -> Result | None:
    m = _rx()["day_word"].fullmatch(phrase)
    if not m:
        m = _rx()["pod"].fullmatch(phrase)
        if m and ctx.anchor and m["pod"] not in ("overnight", "daytime"):
            day_ = _day_of(None, ctx)
            return _with_pod(day_, m["pod"]) if day_ else None
        return None
    if not ctx.anchor or (m["w"] in ("this", "last") and not m["pod"]):
        return None
    d = cal.shift_days(ctx.anchor, _DAY_WORDS[m["w"]])
    pod = m["pod"] or ("night" if m["w"] == "tonight" else None)
    return _with_pod(cal.day(d), pod)


def _with_pod(value: str, pod: str | None) -> Result:
    if not pod:
        return "DATE", value
    code = lexicon()["parts_of_day"][pod]
    return "TIME", f"{value}T{code}"


def _weekday(phrase: str, ctx: Context) -> Result | None:
    m = _rx()["weekday"].fullmatch(phrase)
    if not m:
        return None
    wd = lexicon()["weekdays"][m["wd"]]
    if m["rel"] in ("every", "each") or m["plural"] or m["pods"]:
        code = lexicon()["parts_of_day"].get(m["pod"] or "", "")
        return "SET", f"XXXX-WXX-{wd + 1}" + (f"T{code}" if code else "")
    if not ctx.anchor:
        return None
    direction = {"last": -2, "past": -2, "next": 2, "coming": 1, "this": 0}.get(m["rel"] or "", 0)
    if direction == 0:
        direction = 1 if ctx.tense == "future" else -1
    pod = m["pod"] if m["pod"] in ("evening", "afternoon") else None
    return _with_pod(cal.day(cal.weekday_near(ctx.anchor, wd, direction)), pod)


def _clock(phrase: str, ctx: Context) -> Result | None:
    phrase = re.sub(r"^(\d{1,2}) (?:o'clock )?in the (morning|afternoon|evening|night)",
                    lambda x: x[1] + (" am" if x[2] == "morning" else " pm"), phrase)
    m = re.fullmatch(r"(?P<h>\d{1,2})(?::(?P<mi>\d\d))? ?(?P<ap>a\.?m\.?|p\.?m\.?|am|pm|o'clock)?"
                     r"(?: (?P<zone>[a-z]{2,4}))?(?: (?P<rest>.+))?", phrase)
    if not m or not (m["ap"] or m["mi"]):
        return _noon(phrase, ctx)
    h, mi = int(m["h"]), int(m["mi"] or 0)
    if m["ap"] and m["ap"].startswith("p") and h < 12:
        h += 12
    if m["ap"] and m["ap"].startswith("a") and h == 12:
        h = 0
    if h > 24 or mi > 59:
        return None
    base = _day_of(m["rest"], ctx)
    if base is None:
        return None
    return "TIME", f"{base}T{h:02d}:{mi:02d}"


def _noon(phrase: str, ctx: Context) -> Result | None:
    m = re.fullmatch(r"(?P<w>noon|midday|midnight|mid-day)(?: (?P<rest>.+))?", phrase)
    if not m:
        return None
    base = _day_of(m["rest"], ctx)
    if base is None:
        return None
    return "TIME", base + "T" + lexicon()["parts_of_day"][m["w"]]


def _day_of(rest: str | None, ctx: Context) -> str | None:
    """The day a clock time falls on: its own day words, else the reference day."""
    if rest:
        found = _first(strip_modifier(rest), ctx)
        return found[1][:10] if found and re.match(r"\d{4}-\d\d-\d\d", found[1]) else None
    if ctx.reference and re.match(r"\d{4}-\d\d-\d\d", ctx.reference):
        return ctx.reference[:10]
    return cal.day(ctx.anchor) if ctx.anchor else None


# --- calendar dates, months, years -------------------------------------------------------

def _month_day(phrase: str, ctx: Context) -> Result | None:
    m = _rx()["month_day"].fullmatch(phrase) or _rx()["day_month"].fullmatch(phrase)
    if not m:
        return None
    mo, d = lexicon()["months"][m["month"]], int(m["day"])
    if not 1 <= d <= 31:
        return None
    if m["year"]:
        y = int(m["year"])
    elif ctx.anchor:
        y = cal.year_near(ctx.anchor, mo, d, ctx.tense)
    else:
        return "DATE", f"XXXX-{mo:02d}-{d:02d}"
    return "DATE", f"{y:04d}-{mo:02d}-{d:02d}"


def _month(phrase: str, ctx: Context) -> Result | None:
    m = _rx()["month"].fullmatch(phrase)
    if not m or (m["month"] == "may" and not (m["year"] or m["rel"] or m["yrel"])
                 and phrase == "may" and ctx.tense is None):
        return None
    mo = lexicon()["months"][m["month"]]
    if m["year"]:
        return "DATE", f"{m['year']}-{mo:02d}"
    if not ctx.anchor:
        return "DATE", f"XXXX-{mo:02d}"
    y = ctx.anchor.year
    if m["yrel"]:
        y += {"last": -1, "next": 1}.get(m["yrel"], 0)
    elif m["rel"] in ("last", "past"):
        y -= 1 if mo >= ctx.anchor.month else 0
    elif m["rel"] == "next":
        y += 1 if mo <= ctx.anchor.month else 0
    elif m["rel"] is None and ctx.tense == "past" and mo > ctx.anchor.month + 1:
        y -= 1
    elif m["rel"] is None and ctx.tense == "future" and mo < ctx.anchor.month - 1:
        y += 1
    elif m["rel"] is None and ctx.tense is None:
        y = cal.year_near(ctx.anchor, mo, 15, None)
    return "DATE", f"{y:04d}-{mo:02d}"


_YEAR = re.compile(r"(?:fiscal |the year |calendar |fy ?|model year )?(?P<y>(?:1[0-9]|20)\d\d)"
                   r"(?:-(?P<y2>\d\d|\d{4}))?")
_ERA = re.compile(r"(?:the year )?(?P<y>\d{1,4}) ?(?P<era>b\.?c\.?(?:e\.?)?|a\.?d\.?)")
_ERA_FIRST = re.compile(r"(?P<era>a\.?d\.?) (?P<y>\d{1,4})")
_DECADE = re.compile(r"(?:the )?(?P<c>(?:1[0-9]|20)\d)0'?s")
_DECADE_SHORT = re.compile(r"(?:the )?'?(?P<d>\d|twen|thir|for|fif|six|seven|eigh|nine)(?:0s|ties)")


def _year(phrase: str, ctx: Context) -> Result | None:
    m = _YEAR.fullmatch(phrase)
    if m:
        return "DATE", m["y"]
    m = _ERA.fullmatch(phrase) or _ERA_FIRST.fullmatch(phrase)
    if m:
        return "DATE", ("BC" if m["era"].startswith("b") else "") + f"{int(m['y']):04d}"
    m = _DECADE.fullmatch(phrase) or _DECADE_SHORT.fullmatch(phrase)
    if m and m.groupdict().get("c"):
        return "DATE", m["c"]
    if m and ctx.anchor:
        d = int(m["d"]) if m["d"].isdigit() else _TENS.index(m["d"]) + 2
        century = ctx.anchor.year // 100 - (1 if d * 10 > ctx.anchor.year % 100 else 0)
        return "DATE", f"{century:02d}{d}"
    m = re.fullmatch(r"(?:the )?(?P<n>\d{1,2})(?:st|nd|rd|th) century", phrase)
    if m:
        return "DATE", f"{int(m['n']) - 1:02d}"
    spoken = _spoken_year(re.sub(r"^(?:the )?(?:year )?", "", phrase))
    if spoken:
        return "DATE", str(spoken)
    m = re.fullmatch(r"'(?P<yy>\d\d)", phrase)
    if m and ctx.anchor:
        yy = int(m["yy"])
        century = ctx.anchor.year // 100 - (1 if yy > ctx.anchor.year % 100 + 5 else 0)
        return "DATE", f"{century:02d}{yy:02d}"
    return None


_TENS = ["twen", "thir", "for", "fif", "six", "seven", "eigh", "nine"]


def _spoken_year(words: str) -> int | None:
    """"nineteen ninety-six" -> 1996, "two thousand" -> 2000."""
    from dragoman.time.relative import number

    m = re.fullmatch(r"(?P<hi>[a-z]+teen|twenty|two thousand)(?: and)?"
                     r"(?: (?P<lo>[a-z]+(?:[- ][a-z]+)?))?", words)
    if not m:
        return None
    hi = 2000 if m["hi"] == "two thousand" else number(m["hi"])
    lo = number(m["lo"]) if m["lo"] else 0.0
    if hi is None or lo is None or lo >= 100:
        return None
    value = int(hi) + int(lo) if hi == 2000 else int(hi) * 100 + int(lo)
    return value if 1000 <= value <= 2099 else None


def _year_of(text: str | None, ctx: Context) -> int | None:
    """The year named by "1990", "this year('s)", "last year", "next year"."""
    if not text:
        return ctx.anchor.year if ctx.anchor else None
    if text.isdigit():
        return int(text)
    if not ctx.anchor:
        return None
    shift = {"last": -1, "next": 1, "this": 0, "the current": 0, "the same": 0, "that": 0,
             "the previous": -1, "the prior": -1, "the following": 1}
    word = text.replace(" year", "").replace("'s", "").strip()
    return ctx.anchor.year + shift[word] if word in shift else None


_YEAR_TEXT = (r"(?:(?P<y>\d{4})|(?P<yw>(?:last|next|this|the current|the same|that|the previous|"
              r"the prior|the following) year))")


def _season(phrase: str, ctx: Context) -> Result | None:
    m = _rx()["season"].fullmatch(phrase) or _rx()["year_season"].fullmatch(phrase)
    if not m:
        return None
    code = lexicon()["seasons"][m["season"]]
    y = _year_of(m["y"] or m["yw"], ctx)
    if y is None:
        return None
    rel = m.groupdict().get("rel")
    if ctx.anchor and not (m["y"] or m["yw"]):
        started = ctx.anchor.month >= cal.SEASON_START[code]
        if rel in ("last", "past"):
            y -= 1
        elif rel == "this past":
            y -= 0 if started else 1
        elif rel in ("next", "coming"):
            y += 1 if started else 0
        elif rel in (None, "the") and ctx.tense == "past" and not started:
            y -= 1
    return "DATE", cal.season(y, code)


Rule = Callable[[str, Context], "Result | None"]


@functools.cache
def _rules() -> tuple[Rule, ...]:
    from dragoman.time import relative as rel

    return (_fixed, _day_word, _weekday, _clock, _month_day, _month, _year, _season,
            rel.quarter, rel.half, rel.this_unit, rel.ago, rel.duration, rel.anaphoric)
