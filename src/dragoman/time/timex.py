"""Finding time expressions in a parsed article and giving them TimeML values.

Candidates are spaCy's DATE and TIME entities plus dragoman's own patterns for what the
model leaves out ("now", "recently", "daily", "the future", holidays). Each candidate
is trimmed to TimeML extent (no "since", "on", possessive "'s"), then valued by
:func:`dragoman.time.normalise.normalise` relative to the publication date, with the
tense of the verb that governs it and the last date mentioned before it.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from datetime import date

from spacy.tokens import Doc, Span, Token

from dragoman.records import Timex
from dragoman.time.calendar import parse_anchor
from dragoman.time.normalise import lexicon, normalise

__all__ = ["find_timexes", "tense_of"]

_LEADING = {"since", "until", "till", "by", "from", "through", "throughout", "during", "in",
            "on", "at", "for", "before", "after", "within", "as", "of", "to", "between",
            "and", "or", "than", "into", "over", "about", "around", "'s", "-", "--", ",",
            "(", "an", "per", "is", "was", "are", "were", "be", "been", "the", "a"}
_KEEP_DET = {"the", "a", "an"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "'d"}
_INTENT = {"be", "plan", "expect", "schedule", "due", "set", "intend", "hope", "aim", "want",
           "seek", "prepare", "agree", "decide", "promise", "threaten", "vow", "pledge", "propose",
           "try", "going", "likely", "able", "ready", "need", "wish", "call", "urge", "ask"}
_MODAL = {"could", "might", "may", "should", "must", "can", "ca"}


def find_timexes(doc_or_text: Doc | str, published: str | None,
                 text: str | None = None) -> list[Timex]:
    """The time expressions of a Doc (or a text, parsed with the default pipeline),
    valued relative to ``published`` (an ISO date, or None: relative ones get no value).
    ``text``: the doc's text when the caller has it (else joined from the tokens)."""
    from dragoman import nlp

    doc = doc_or_text
    if isinstance(doc, str):
        doc = nlp.load()(doc)
    if text is None or len(text) != nlp.text_length(doc):
        text = doc.text
    anchor = parse_anchor(published)
    found: list[Timex] = []
    dated: list[Timex] = []  # the found ones a later phrase may count from
    tenses: dict[int, str | None] = {}
    ents = list(doc.ents)  # built once: Doc.ents makes new spans on every call
    for candidate in _candidates(doc, ents, text):
        for part in _parts(candidate):
            reference = _reference(dated, part, anchor, ents, tenses)
            result = _value(part.text, anchor, _tense(part, tenses), reference)
            span: Span | None = part
            if result is None:
                span, result = _best_part(part, anchor, reference, tenses)
            if result is None or span is None:
                continue
            kind, value = result
            timex = Timex(start=span.start_char, end=span.end_char, text=span.text,
                          type=kind, value=value)
            found.append(timex)
            if _datable(timex):
                dated.append(timex)
    return found


_PROBES = (date(2001, 1, 5), date(2002, 7, 24))


@functools.lru_cache(maxsize=16384)
def _normalise(text: str, anchor: date | None, tense: str | None = None,
               reference: str | None = None) -> tuple[str, str] | None:
    """normalise(), remembered: the same words are valued many times per article (parts,
    sub-spans) and across articles of the same day."""
    return normalise(text, anchor, tense, reference)


def _value(text: str, anchor: date | None, tense: str | None,
           reference: str | None) -> tuple[str, str | None] | None:
    """normalise(); without an anchor, relative expressions are found with no value."""
    if anchor is not None:
        return _normalise(text, anchor, tense, reference)
    first, second = (_normalise(text, probe, tense, reference) for probe in _PROBES)
    if first is None:
        return None
    return first if first == second else (first[0], None)


_SEPARATORS = {"and", "to", "ended", "ending", "through", "until", "or", "between", "from",
               "--", "_", ";", "till", "thru", "since"}
_BARE = {"year", "month", "week", "day", "quarter", "earlier", "later", "period", "time",
         "the year", "the month", "the week", "the day", "the period", "days", "years"}


def _parts(span: Span) -> list[Span]:
    """An entity cut at range and list words ("between 1994 and 1997") and after a
    duration ("the first nine months | of 1997")."""
    parts, start = [], span.start
    for tok in span:
        if (tok.lower_ in _SEPARATORS and not _or_so(tok)) or (
                tok.lower_ in ("after", "before") and tok.i > start
                and span.doc[tok.i - 1].lower_ not in ("day", "night")):
            if tok.i > start:
                parts.append(span.doc[start:tok.i])
            start = tok.i + 1
        elif tok.lower_ == "of" and tok.i > start and _is_duration(span.doc[start:tok.i]):
            parts.append(span.doc[start:tok.i])
            start = tok.i + 1
    if start < span.end:
        parts.append(span.doc[start:span.end])
    trimmed = [_trim(p) for p in parts]
    return [p for p in trimmed if p is not None]


def _or_so(tok: Token) -> bool:
    """"a week or so ago": "or so" is part of the expression."""
    return tok.lower_ == "or" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "so"


def _is_duration(span: Span) -> bool:
    found = _normalise(span.text, None)
    return bool(found and found[0] == "DURATION")


def _best_part(span: Span, anchor: date | None, reference: str | None,
               tenses: dict[int, str | None]) -> tuple[Span | None, tuple[str, str | None] | None]:
    """The longest stretch of ``span`` that is a time expression (rightmost on ties)."""
    for size in range(len(span) - 1, 0, -1):
        for start in range(len(span) - size, -1, -1):
            part = span[start:start + size]
            if (part[0].is_punct or part[-1].is_punct or part.text.lower() in _BARE
                    or (size == 1 and not _content(part[0]))):
                continue
            result = _value(part.text, anchor, _tense(part, tenses), reference)
            if result:
                return part, result
    return None, None


def _content(tok: Token) -> bool:
    return (tok.is_alpha and not tok.is_stop) or tok.like_num


def _candidates(doc: Doc, doc_ents: list[Span], text: str) -> list[Span]:
    labels = (doc.vocab.strings["DATE"], doc.vocab.strings["TIME"])  # ids: no string each
    ents = _merge_clock([e for e in doc_ents if e.label in labels
                         and e.text.lower() not in _SKIP_ENTS and not _AGE.search(e.text)])
    spans = [t for t in (_trim(e) for e in ents) if t]
    taken = [(s.start_char, s.end_char) for s in spans]
    for extra in _extras(doc, text):
        if not any(s < extra.end_char and extra.start_char < e for s, e in taken):
            spans.append(extra)
            taken.append((extra.start_char, extra.end_char))
    return sorted(spans, key=lambda s: s.start_char)


_POD = {"morning", "afternoon", "evening", "night", "nights", "mornings", "evenings"}
_CLOCK_BEFORE = re.compile(r"^(?:noon|midnight|midday|\d{1,2}(?::\d\d)? ?[ap]\.?m\.?"
                           r"(?: [A-Z]{2,4})?)$")


_AGE = re.compile(r"years?[- ]old|years? of age|aged? \d", re.IGNORECASE)
_SKIP_ENTS = {"quarterly", "annual", "annually", "yearly"}


def _merge_clock(ents: list[Span]) -> list[Span]:
    """A clock time and the day right after it as one span ("9 a.m. EST Tuesday")."""
    merged: list[Span] = []
    for ent in ents:
        prev = merged[-1] if merged else None
        if (prev is not None and prev.label_ == "TIME" and ent.label_ == "DATE"
                and 0 <= ent.start - prev.end <= 2
                and all(t.is_upper or t.lower_ in ("on", "(", ")") for t in
                        ent.doc[prev.end:ent.start])):
            merged[-1] = ent.doc[prev.start:ent.end]
            continue
        merged.append(ent)
    return merged


def _trim(span: Span) -> Span | None:
    """TimeML extent: no leading prepositions, trailing punctuation or possessive;
    a weekday with the part of day after it ("Friday morning")."""
    start, end = span.start, span.end
    doc = span.doc
    if end < len(doc) and doc[end].lower_ in _POD and doc[end - 1].lower_ not in _POD:
        end += 1
    while start < end and span.doc[start].lower_ in _LEADING and not (
            span.doc[start].lower_ in _KEEP_DET and end - start > 1
            and span.doc[start + 1].lower_ not in _LEADING):
        start += 1
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].lower_ in ("'s", "'")):
        end -= 1
    if end <= start:
        return None
    return span.doc[start:end]


@functools.cache
def _extra_pattern(lowered: bool = False) -> re.Pattern[str]:
    """The extra expressions, case ignored; ``lowered``: the same for a lower-cased text
    (matched without IGNORECASE, about twice as fast)."""
    lex = lexicon()
    words = [w for w in lex["present_ref"] + lex["past_ref"] + lex["future_ref"]
             if w not in _SKIP_EXTRA]
    words += [w for w in list(lex["sets"]) + list(lex["holidays"]) if w not in _SKIP_EXTRA]
    alt = _by_first_letter(sorted(words, key=len, reverse=True))
    periods = (r"(?:the|its) (?:latest|year-earlier|year-ago|comparable|same|current|previous)"
               r" (?:period|quarter)")
    pattern = rf"(?<![\w-])(?:{periods}|{alt})(?![\w-])"
    return re.compile(pattern.lower()) if lowered else re.compile(pattern, re.IGNORECASE)


def _by_first_letter(words: list[str]) -> str:
    """An alternation of ``words`` grouped by first letter ("t(?:he future|omorrow)"):
    the same matches as the plain alternation in this order (words with different first
    letters never match at the same place), tried much faster."""
    if not all(w[:1].isascii() and w[:1].isalpha() for w in words):
        return "|".join(re.escape(w) for w in words)
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0].lower(), []).append(w[1:])
    return "|".join(re.escape(first) + "(?:" + "|".join(re.escape(r) for r in rests) + ")"
                    for first, rests in groups.items())


_SKIP_EXTRA = {"just", "before", "once", "earlier", "later", "past", "present", "ago",
               "already", "the moment", "this time", "the past", "to date", "so far",
               "may day", "new year", "easter", "previously", "soon", "future", "eventually",
               "shortly", "recent", "someday", "the long run", "annual", "yearly", "annually",
               "quarterly"}


# Characters that IGNORECASE equates with ASCII letters beyond their lower case (dotted and
# dotless i, long s, Kelvin sign): a text without them matches the same lower-cased.
_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")


def _extras(doc: Doc, text: str) -> Iterable[Span]:
    low = text.lower()
    if len(low) == len(text) and not _FOLDS.search(text):
        found = _extra_pattern(lowered=True).finditer(low)
    else:
        found = _extra_pattern().finditer(text)
    for m in found:
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or not _plausible_extra(span):
            continue
        yield span


def _plausible_extra(span: Span) -> bool:
    first = span[0]
    word = span.text.lower()
    if word in ("current", "recent"):
        return first.dep_ == "amod" and first.head.lower_ not in ("account", "accounts", "events",
                                                                  "affairs", "carrier")
    if word in ("now", "currently", "recently", "previously", "soon", "formerly", "lately"):
        return first.pos_ in ("ADV", "ADJ", "NOUN")
    if word in ("future",):
        return first.dep_ in ("pobj", "dobj", "nsubj", "amod", "compound")
    if word in ("annual", "weekly", "monthly", "daily", "yearly", "quarterly", "nightly"):
        return first.pos_ == "ADV"
    return True


def tense_of(span: Span) -> str | None:
    """"past", "present" or "future": the tense of the verb that governs ``span``."""
    verb = _governor(span.root)
    return _tense_of_verb(verb) if verb is not None else None


def _tense(span: Span, tenses: dict[int, str | None]) -> str | None:
    """:func:`tense_of`, remembered in ``tenses`` (one per article) by the span's root:
    the governing verb, and so the tense, depend on the root alone."""
    root = span.root
    i = root.i
    if i not in tenses:
        verb = _governor(root)
        tenses[i] = _tense_of_verb(verb) if verb is not None else None
    return tenses[i]


def _tense_of_verb(verb: Token, depth: int = 0) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX or _going_to(verb):
        return "future"
    if verb.tag_ == "VB" and "to" in words and verb.head.i != verb.i:
        if verb.head.lemma_ in _INTENT:
            return "future"
        return _tense_of_verb(verb.head, depth + 1) if depth < 3 else None
    if verb.tag_ == "VB" and words & _MODAL:
        return "past" if "have" in words else "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and words & {"has", "have", "had", "'ve", "'s"}:
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or words & {"is", "are", "am", "'re", "'m"}:
        return "present"
    if verb.tag_ == "VBN":
        return "past"
    return None


def _governor(token: Token) -> Token | None:
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod",):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _going_to(verb: Token) -> bool:
    head = verb.head
    return verb.tag_ == "VB" and head.lower_ == "going" and any(
        c.lower_ in ("is", "are", "am", "'re", "'m", "was", "were") for c in head.children)


def _datable(timex: Timex) -> bool:
    """A date that anaphoric phrases after it may count from: a calendar DATE value
    given by the phrase itself (not "two days ago", "a year earlier")."""
    return bool(timex.value and timex.value[:1].isdigit() and timex.type == "DATE"
                and not _RELATIVE.search(timex.text))


def _reference(before: list[Timex], span: Span, anchor: date | None, ents: list[Span],
               tenses: dict[int, str | None]) -> str | None:
    """The value anaphoric phrases count from: the last date before ``span`` in its
    sentence, else the next date after it in its sentence, else the last date before.
    ``before``: the :func:`_datable` expressions found so far, in order."""
    sent = span.sent
    if before and before[-1].start >= sent.start_char:
        return before[-1].value
    after = _following_day(span, sent, anchor, ents, tenses)
    if after:
        return after
    return before[-1].value if before else None


_RELATIVE = re.compile(r"ago|earlier|before|prior|year-|later|after|previous|following",
                       re.IGNORECASE)


def _following_day(span: Span, sent: Span, anchor: date | None, ents: list[Span],
                   tenses: dict[int, str | None]) -> str | None:
    """A weekday or date right after a clock time ("10:35 a.m. (0735 GMT) Friday")."""
    if not re.search(r"\d|noon|midnight|midday", span.text.lower()):
        return None
    for ent in _ents_within(ents, span.end, min(sent.end, span.end + 6)):
        if ent.label_ == "DATE":
            value = _normalise(ent.text, anchor, _tense(ent, tenses))
            return value[1] if value else None
    return None


def _ents_within(ents: list[Span], start: int, end: int) -> list[Span]:
    """``doc[start:end].ents`` from the doc's entities (in order, not overlapping)."""
    out = []
    for ent in ents[bisect.bisect_left(ents, start, key=lambda e: e.start):]:
        if ent.end > end:
            break
        out.append(ent)
    return out
