"""Values of relative and anaphoric phrases: quarters, "last week", "two days ago",
durations ("the past two months"), "a year earlier", "the same day".

Each rule takes the cleaned phrase and a :class:`~dragoman.time.normalise.Context`
and returns ``(type, value)`` or None; :func:`dragoman.time.normalise.normalise`
tries them in order.
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta

from dragoman.time import calendar as cal
from dragoman.time.normalise import _YEAR_TEXT, Context, Result, _re, _year_of, lexicon

__all__ = ["ago", "anaphoric", "duration", "half", "number", "quarter", "this_unit"]

_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
        "4th": 4, "q1": 1, "q2": 2, "q3": 3, "q4": 4}
_DET = r"(?:(?:the|its|their|his|her|our|a|an|this) )?"
_YEAR_TEXT2 = _YEAR_TEXT.replace("<y>", "<y2>").replace("<yw>", "<yw2>")


def number(word: str) -> float | None:
    """"two" -> 2, "5 1/2" -> 5.5, "twenty-five" -> 25; None for vague words ("several")."""
    word = word.strip()
    nums = lexicon()["numbers"]
    if word in nums:
        return float(nums[word])
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?: 1/2| and a half)?", word)
    if m:
        return float(m[1]) + (0.5 if word != m[1] else 0)
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in nums and parts[1] in nums:
        return float(nums[parts[0]] + nums[parts[1]])
    return None


def _fmt(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if n == int(n) else str(n)


def _ref_quarter(ctx: Context) -> str | None:
    ref = ctx.reference or ""
    return ref[:7] if re.fullmatch(r"\d{4}-Q[1-4]", ref[:7]) else None


def _last_quarter(anchor: date) -> str:
    return cal.quarter(cal.shift_months(anchor, -3))


def quarter(phrase: str, ctx: Context) -> Result | None:
    m = re.fullmatch(
        rf"{_DET}(?:{_YEAR_TEXT}(?:'s)? )?(?:fiscal )?(?:(?P<rel>first|second|third|fourth|1st|2nd|"
        r"3rd|4th|latest|last|current|this|next|year-ago|year-earlier|prior-year|comparable|"
        r"same|previous|final|recent|most recent|just-ended|just ended|june|september|"
        r"december|march|year-before|prior)[- ])?(?:fiscal )?(?:quarter|period|q)"
        rf"(?: (?:of |in )?(?:fiscal )?{_YEAR_TEXT2})?",
        phrase) or re.fullmatch(r"(?P<rel>q[1-4])(?: (?P<y>\d{4}))?", phrase)
    if not m:
        return None
    g = m.groupdict()
    year_text = g.get("y") or g.get("yw") or g.get("y2") or g.get("yw2")
    rel = g["rel"] or ""
    if rel in _ORD:
        y = _year_of(year_text, ctx)
        if y is None:
            return None
        n = _ORD[rel]
        if ctx.anchor and not year_text and ctx.tense == "past" and n > (ctx.anchor.month + 2) // 3:
            y -= 1
        return "DATE", f"{y:04d}-Q{n}"
    if phrase.endswith("period") and not rel and "the" not in phrase.split()[:1]:
        return None
    return _quarter_rel(rel, year_text, ctx)


def _quarter_rel(rel: str, year_text: str | None, ctx: Context) -> Result | None:
    ref, anchor = _ref_quarter(ctx), ctx.anchor
    if anchor is None:
        return ("DATE", ref) if ref else None
    if year_text:
        y = _year_of(year_text, ctx)
        base = ref or _last_quarter(anchor)
        return ("DATE", f"{y:04d}{base[4:]}") if y else None
    if rel in ("current", "this"):
        return "DATE", cal.quarter(anchor)
    if rel == "next":
        return "DATE", cal.quarter(cal.shift_months(anchor, 3))
    if rel in ("year-ago", "year-earlier", "prior-year", "comparable", "year-before"):
        return "DATE", cal.shift_value(ref or _last_quarter(anchor), -1, "Y") or ""
    if rel in ("last", "previous", "prior", "latest", "recent", "most recent", "just-ended",
               "just ended") or not ref:
        return "DATE", _last_quarter(anchor)
    return "DATE", ref or _last_quarter(anchor)


def half(phrase: str, ctx: Context) -> Result | None:
    m = re.fullmatch(rf"{_DET}(?:{_YEAR_TEXT}(?:'s)? )?(?:fiscal )?(?P<n>first|second|1st|2nd|"
                     rf"last)[- ]half(?: (?:of )?(?:fiscal )?{_YEAR_TEXT2})?", phrase)
    m = m or re.fullmatch(r"(?:the )?first two quarters(?: of (?P<y>\d{4}))?", phrase)
    if not m:
        return None
    g = m.groupdict()
    n = 2 if g.get("n") in ("second", "2nd", "last") else 1
    y = _year_of(g.get("y") or g.get("yw") or g.get("y2") or g.get("yw2"), ctx)
    if y is None:
        return None
    if ctx.anchor and n == 2 and ctx.tense == "past" and ctx.anchor.month <= 6 and not (
            g.get("y") or g.get("yw") or g.get("y2") or g.get("yw2")):
        y -= 1
    return "DATE", f"{y:04d}-H{n}"


_UNIT_VALUE = {"day": cal.day, "week": cal.week, "month": cal.month, "quarter": cal.quarter,
               "year": cal.year, "weekend": cal.weekend}


def _shift(d: date, unit: str, n: int) -> date:
    if unit in ("day", "night"):
        return cal.shift_days(d, n)
    if unit in ("week", "weekend"):
        return cal.shift_days(d, 7 * n)
    if unit == "month":
        return cal.shift_months(d, n)
    if unit == "quarter":
        return cal.shift_months(d, 3 * n)
    return cal.shift_months(d, 12 * n * (10 if unit == "decade" else 1))


def _grain(d: date, unit: str) -> str:
    if unit == "decade":
        return f"{d.year // 10:03d}X"
    if unit == "century":
        return f"{d.year // 100:02d}"
    return _UNIT_VALUE.get(unit, cal.day)(d)


def this_unit(phrase: str, ctx: Context) -> Result | None:
    m = re.fullmatch(r"(?P<rel>this|last|next|the current|the coming|the previous|the preceding|"
                     r"the prior|the following|the next|the past|the last|past|that|the same|the|"
                     r"that same|this past|this coming|current|coming|previous|recent) "
                     r"(?P<unit>day|week|month|quarter|year|weekend|decade|century)", phrase)
    if not m:
        return None
    rel, unit = m["rel"], m["unit"]
    if rel in ("the past", "the last", "past", "recent") and unit != "weekend":
        return "DURATION", "P" + {"day": "1D", "week": "1W", "month": "1M", "quarter": "3M",
                                   "year": "1Y", "decade": "10Y", "century": "100Y"}[unit]
    if rel == "the" and unit == "year":
        return "DURATION", "P1Y"
    base = _base(ctx, rel)
    if base is None:
        return None
    if unit == "weekend":
        return "DATE", _weekend(base, rel, ctx.tense)
    step = {"last": -1, "the previous": -1, "the preceding": -1, "the prior": -1,
            "previous": -1, "this past": -1, "next": 1, "the following": 1, "the next": 1,
            "the coming": 1, "coming": 1, "this coming": 1}.get(rel, 0)
    return "DATE", _grain(_shift(base, unit, step), unit)


def _base(ctx: Context, rel: str) -> date | None:
    """The date a relative phrase counts from: the reference for anaphoric words."""
    anaphoric = rel in ("that", "the same", "that same", "the previous", "the preceding",
                        "the prior", "the following", "the next")
    if anaphoric and ctx.reference:
        ref = cal.parse_anchor(ctx.reference)
        if ref:
            return ref
    return ctx.anchor


def _weekend(base: date, rel: str, tense: str | None) -> str:
    if rel in ("last", "this past", "past", "the past", "the last") or (
            rel in ("the", "this", "that") and tense == "past" and base.weekday() < 5):
        return cal.weekend(base - timedelta(days=base.weekday() + 1))
    if rel in ("next", "the next", "the following", "this coming", "coming", "the coming"):
        return cal.weekend(base + timedelta(days=7 if base.weekday() >= 5 else 0))
    return cal.weekend(base)


_UNIT_CODE = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D",
              "week": "W", "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y",
              "decade": "Y", "century": "Y", "centurie": "Y", "weekend": "WE", "season": "M"}
_UNIT_FACTOR = {"fortnight": 2, "decade": 10, "century": 100, "centurie": 100, "season": 3}


_MODS = (r"(?:(?:past|last|next|coming|first|previous|final|latest|prior|remaining|following|"
         r"initial|whole|entire|full|additional|further|another|more|same|other|succeeding|"
         r"preceding|few|several) )*")


@functools.cache
def _rx() -> dict[str, re.Pattern[str]]:
    """The patterns of :func:`ago` and :func:`duration` (they hold lexicon words),
    compiled once."""
    r = _re()
    return {
        "ago": re.compile(rf"{r['num']}[- ](?:more )?{r['unit']} (?:or so )?(?P<dir>ago|earlier|"
                          r"before|later|after|from now|hence|previously|back|prior)"),
        "vague": re.compile(rf"(?:the )?(?:(?:recent|coming|next few|past few|last few|"
                            rf"next several) )?{r['unit']}(?: ahead| to come)?"),
        "duration": re.compile(rf"{_DET}{_MODS}(?:{r['num']}(?: 1/2)?[- ])?(?:more |full |"
                               rf"straight |consecutive |long |short |whole )?{r['unit']}"
                               rf"(?P<suffix>[- ]long|[- ]old)?"),
    }


def ago(phrase: str, ctx: Context) -> Result | None:
    m = _rx()["ago"].fullmatch(phrase)
    if not m:
        return None
    n, unit = number(m["num"]), m["unit"]
    back = m["dir"] in ("ago", "earlier", "before", "previously", "back", "prior")
    if m["dir"] in ("later", "after"):
        return duration(phrase.rsplit(" ", 1)[0], ctx)
    if n is None:
        return "DATE", "PAST_REF" if back else "FUTURE_REF"
    steps = round(n) * (-1 if back else 1)
    ref_q = _ref_quarter(ctx)
    if unit == "year" and steps == -1 and ctx.anchor:
        shifted = cal.shift_value(ref_q, steps, "Y") if ref_q else None
        return "DATE", shifted or str(ctx.anchor.year - 1)
    base = ctx.anchor
    if m["dir"] not in ("ago", "from now", "hence", "back") and ctx.reference:
        ref = cal.parse_anchor(ctx.reference)
        if ref and unit in ("day", "night", "week"):
            base = ref
        elif re.fullmatch(r"\d{4}(-\d\d)?", ctx.reference) and unit in ("month", "year"):
            return "DATE", cal.shift_value(ctx.reference, steps, unit[0].upper()) or ""
    if base is None:
        return None
    if unit in ("second", "minute", "hour"):
        return "DATE", cal.day(base)
    if unit == "decade":
        return "DATE", cal.year(_shift(base, "year", steps * 10))
    if unit in ("century", "centurie"):
        return "DATE", cal.year(_shift(base, "year", steps * 100))
    return "DATE", _grain(_shift(base, unit, steps), unit)


def duration(phrase: str, ctx: Context) -> Result | None:
    vague = _rx()["vague"].fullmatch(phrase)
    if vague and phrase.endswith(("s", "ahead", "to come")) and " " in phrase:
        code = _UNIT_CODE[vague["unit"]]
        return "DURATION", ("PTX" + code[1]) if code.startswith("T") else "PX" + code
    m = _rx()["duration"].fullmatch(phrase)
    if not m:
        return None
    unit = m["unit"]
    if m["num"] and re.fullmatch(r"\d{4}", m["num"]):
        return None
    plural = phrase.rstrip().endswith(("s", "s long", "s old")) and not phrase.endswith("ss")
    if m["suffix"] and "old" in m["suffix"] and unit == "year":
        return None
    if m["num"] is None and not plural and re.match(r"(a|an) ", phrase):
        n: float | None = 1.0
    elif m["num"] is None:
        if not plural and not re.match(r"(the |a |an )?(past|last|next|coming|first|previous|"
                                       r"whole|entire|full|final)", phrase):
            return None
        n = None if plural else 1.0
    else:
        n = number(m["num"] + (" 1/2" if " 1/2" in phrase else ""))
    code = _UNIT_CODE[unit]
    if unit == "quarter":
        code, n = "M", (3 * n if n is not None else None)
    if n is not None:
        n *= _UNIT_FACTOR.get(unit, 1)
    elif unit in ("decade", "century", "centurie"):
        return "DURATION", "PXY" if unit == "decade" else "PXC"
    if code.startswith("T"):
        return "DURATION", f"PT{_fmt(n)}{code[1]}"
    return "DURATION", f"P{_fmt(n)}{code}"


def anaphoric(phrase: str, ctx: Context) -> Result | None:
    week_of = re.fullmatch(r"(?:the )?week (?:of|beginning|starting|ending) (?P<day>.+)", phrase)
    if week_of:
        from dragoman.time.normalise import normalise

        inner = normalise(week_of["day"], ctx.anchor, ctx.tense, ctx.reference)
        day = cal.parse_anchor(inner[1]) if inner else None
        return ("DATE", cal.week(day)) if day else None
    ref = cal.parse_anchor(ctx.reference)
    if phrase in ("that day", "the same day", "the day", "that same day", "the same date",
                  "that date", "the same time", "that night"):
        d = ref or ctx.anchor
        return ("DATE", cal.day(d)) if d else None
    if phrase in ("that year", "the same year", "that same year"):
        if ctx.reference and re.match(r"\d{4}", ctx.reference):
            return "DATE", ctx.reference[:4]
        return ("DATE", cal.year(ctx.anchor)) if ctx.anchor else None
    if phrase in ("year-earlier", "year-ago", "a year earlier", "the year-earlier",
                  "the year-ago", "the prior year", "the previous year", "the year before",
                  "a year before", "the prior-year", "prior-year", "year-before"):
        base = _ref_quarter(ctx)
        if base:
            return "DATE", cal.shift_value(base, -1, "Y") or ""
        return ("DATE", cal.year(_shift(ctx.anchor, "year", -1))) if ctx.anchor else None
    return None
