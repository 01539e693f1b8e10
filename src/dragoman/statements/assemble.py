"""Putting quotes and cues together into statements.

1. Cues from the parse (:mod:`reported`) whose content lies in a direct quote take
   the quote, marks included, as content (kind direct); others are indirect, or mixed
   when they hold a quoted part.
2. A quote left without a cue takes the nearest cue verb beside it in its paragraph
   ("..., she said." / "He said: ...").
3. A quote with no cue of its own that follows an attributed quote in the same
   paragraph extends that statement ("A," he said. "B." is one statement, as PolNeAR
   annotates it); a quote paragraph with no cue (a floating quote) is a statement of
   the previous speaker.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from dragoman.events.syntax import Parse
from dragoman.records import Actor, Article, Span, Statement, StatementKind
from dragoman.statements import boundaries, learned, reported
from dragoman.statements.cues import Lexicon
from dragoman.statements.quotes import Quote, find_quotes, paragraphs
from dragoman.statements.speakers import Resolver, Speaker, core_at
from dragoman.statements.view import View
from dragoman.time.dateline import parse_dateline

_WINDOW = 12  # tokens searched beside a quote for its cue
_ABBREVIATION = re.compile(r"\b(?:[A-Z][a-z]{0,3}\.|(?:[A-Z]\.)+)")  # Mr. Sen. U.S.
_GAP_WORDS = 40  # most words between two parts of one quote (the cue clause)


@dataclass
class Draft:
    start: int
    end: int
    kind: StatementKind
    candidate: reported.Candidate | None
    inherit: bool = False  # a floating quote: the previous speaker's
    pieces: list[tuple[int, int]] = field(default_factory=list)  # quoted parts, when split

    def __post_init__(self) -> None:
        if not self.pieces:
            self.pieces = [(self.start, self.end)]

    @property
    def position(self) -> int:
        if self.candidate is not None:
            return min(self.start, self.candidate.head.idx)
        return self.start


def extract(doc: Doc, article: Article, actors: list[Actor], lexicon: Lexicon,
            use_model: bool = True, bounds: bool | None = None,
            parse: Parse | None = None) -> list[Statement]:
    """Statements of ``doc``; ``use_model`` adds the learned cue model's cues, ``bounds``
    (by default as ``use_model``) lets the boundary model choose content extents;
    ``parse`` is ``doc`` read into lists, when the caller has read it already."""
    view = View(doc, parse)
    drafts = draft(doc, article.text, lexicon, use_model, view)
    bounds = use_model if bounds is None else bounds
    if bounds and any(reshapable(d) for d in drafts):
        others = cue_positions(drafts)
        drafts = _dedupe([_bounded(view, article.text, d, others) for d in drafts])
    drafts = _without_repeats(drafts)
    return _statements(doc, article.text, drafts, actors, lexicon, view)


def draft(doc: Doc, text: str, lexicon: Lexicon, use_model: bool = True,
          view: View | None = None) -> list[Draft]:
    """Statements before their content boundaries are chosen, in text order."""
    every = find_quotes(text)
    full = [q for q in every if q.is_full(text)]
    view = view if view is not None else View(doc)
    candidates = reported.find(doc, lexicon, view)
    if use_model:
        candidates = sorted(candidates + learned.find(doc, lexicon, candidates, view=view),
                            key=lambda c: c.head.i)
    owner: dict[Quote, Draft] = {}
    drafts = _from_candidates(text, candidates, every, full, owner)
    drafts.extend(_from_adjacent(doc, text, full, owner, candidates, lexicon, view))
    drafts.extend(_extend_and_float(text, full, owner, drafts))
    return _dedupe(drafts)


def reshapable(item: Draft) -> bool:
    """Whether the content's extent is the parse's to choose (reported speech)."""
    return item.candidate is not None and item.kind != "direct" and not item.inherit


def _without_repeats(drafts: list[Draft]) -> list[Draft]:
    """Drop a statement whose cue lies in another's content and whose content is most
    of that content ("said they fear X" gives "they fear X" once, not X again)."""
    cues = [d.candidate.head.idx if d.candidate is not None else -1 for d in drafts]
    spans = [(d.start, d.end) for d in drafts]
    return [item for item, at in zip(drafts, cues, strict=True)
            if not any(drafts[k] is not item and not item.start <= cues[k] < item.end
                       and _most_of(item, drafts[k])
                       for k in [k for k, (start, end) in enumerate(spans) if start <= at < end])]


def _most_of(a: Draft, b: Draft) -> bool:
    """Whether two contents share at least half of the characters of each."""
    shared = min(a.end, b.end) - max(a.start, b.start)
    return shared > 0 and 2 * shared >= a.end - a.start and 2 * shared >= b.end - b.start


def cue_positions(drafts: list[Draft]) -> tuple[int, ...]:
    """Where the cues of ``drafts`` start (an extent does not run over another's cue)."""
    return tuple(d.candidate.head.idx for d in drafts if d.candidate is not None)


def _bounded(view: View, text: str, item: Draft, others: tuple[int, ...] = ()) -> Draft:
    """The draft with the content extent the boundary model prefers."""
    if not reshapable(item) or item.candidate is None:
        return item
    start, end = boundaries.choose(view, text, item.start, item.end, item.candidate.cue,
                                   item.candidate.how, _para_end(text, item.end),
                                   others=others)
    if (start, end) == (item.start, item.end):
        return item
    return Draft(start, end, item.kind, item.candidate)


def _bare(gap: str) -> bool:
    """Nothing but white space and punctuation."""
    return not any(c.isalnum() for c in gap)


def _from_candidates(text: str, candidates: list[reported.Candidate], every: list[Quote],
                     full: list[Quote], owner: dict[Quote, Draft]) -> list[Draft]:
    drafts = []
    heads = {c.head.i for c in candidates if c.how != "according"}
    quoted = _Reach(full)
    every_starts = [q.start for q in every]  # quotes come sorted by their start
    for candidate in candidates:
        if candidate.content is None:
            continue
        if candidate.how == "according" and candidate.head.head.i in heads:
            continue  # "according to A, B said ...": A is B's intermediary
        cue = (candidate.head.idx, candidate.cue[-1].idx + len(candidate.cue[-1]))
        if quoted.covers(cue[0]):
            continue  # speech inside a quote is the quoted speaker's own, as PolNeAR has it
        para = (_para_start(text, cue[0]), _para_end(text, cue[0]))
        start, end = _clip(text, candidate.content, para)
        start = _after_dateline(text, start, end)
        if candidate.how != "according":
            end = _before_according(text, start, end)
        if end <= start:
            continue
        before_end = every[:bisect.bisect_left(every_starts, end)]  # q.start < end
        inside = [q for q in before_end if start < q.end
                  and not (q.start <= cue[0] < q.end) and q.start <= para[1] and q.end >= para[0]]
        if inside and _quoted_share(start, end, inside, cue) >= 0.6:
            if any(q in owner for q in inside):
                continue
            first, last = inside[0], inside[-1]
            if _bare(text[start:first.start]) and _bare(text[last.end:end]):
                draft = Draft(first.start, last.end, "direct", candidate,
                              pieces=[(q.start, q.end) for q in inside])
            else:  # he "hand-delivered a letter" ...: a quote inside reported speech
                draft = Draft(min(start, first.start), max(end, last.end), "mixed", candidate)
            owner.update((q, draft) for q in inside)
        else:
            mixed = any(start <= q.start and q.end <= end for q in every)
            draft = Draft(start, end, "mixed" if mixed else "indirect", candidate,
                          pieces=list(candidate.pieces))
        drafts.append(draft)
    return drafts


class _Reach:
    """Whether a character lies strictly inside one of some quotes, sorted by their
    start: the furthest end among the quotes that start before it says it."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.starts = [q.start for q in quotes]
        self.reach: list[int] = []  # reach[k]: the furthest end of quotes[:k + 1]
        furthest = -1
        for q in quotes:
            furthest = max(furthest, q.end)
            self.reach.append(furthest)

    def covers(self, at: int) -> bool:
        """Whether ``q.start < at < q.end`` for one of the quotes."""
        k = bisect.bisect_left(self.starts, at)  # quotes[:k] start before ``at``
        return k > 0 and self.reach[k - 1] > at


def _after_dateline(text: str, start: int, end: int) -> int:
    """Content that opens the story starts after its dateline ("BEIRUT (Reuters) - ")."""
    if start and text[start - 1] != "\n":
        return start
    dateline = parse_dateline(text[start:end])
    return start + dateline.end if dateline is not None and dateline.end < end - start else start


def _clip(text: str, content: tuple[int, int], para: tuple[int, int]) -> tuple[int, int]:
    """Content kept within the cue's paragraph (a parse may run over a line break)."""
    start, end = max(content[0], para[0]), min(content[1], para[1])
    while start < end and text[start] in " \t\r\n\xa0":
        start += 1
    while end > start and text[end - 1] in " \t\r\n\xa0":
        end -= 1
    return start, end


def _before_according(text: str, start: int, end: int) -> int:
    """Where content stops before a trailing ", according to X"."""
    cut = text.find(", according to", start, end)
    return cut if cut > start else end


def _quoted_share(start: int, end: int, quotes: list[Quote], cue: tuple[int, int]) -> float:
    size = end - start
    if start <= cue[0] < end:
        size -= cue[1] - cue[0]
    quoted = sum(min(end, q.end) - max(start, q.start) for q in quotes)
    return quoted / size if size > 0 else 0.0


def _from_adjacent(doc: Doc, text: str, full: list[Quote], owner: dict[Quote, Draft],
                   candidates: list[reported.Candidate], lexicon: Lexicon,
                   view: View) -> list[Draft]:
    used = {t.i for c in candidates for t in c.cue}
    drafts = []
    for quote in full:
        if quote in owner:
            continue
        verb = (_cue_after(doc, text, quote, full, lexicon, used)
                or _cue_before(doc, text, quote, full, lexicon, used))
        if verb is None:
            continue
        used.add(verb.i)
        candidate = reported.Candidate(reported.cue_tokens(verb, lexicon, view), None,
                                       reported.subject_of(verb, view), how="adjacent")
        owner[quote] = Draft(quote.start, quote.end, "direct", candidate)
        drafts.append(owner[quote])
    return drafts


def _is_cue_verb(token: Token, lexicon: Lexicon, loose: bool) -> bool:
    if token.pos_ != "VERB":
        return False
    if token.lemma_.lower() in lexicon.verbs:
        return True
    return loose and any(c.dep_ == "nsubj" for c in token.children)


def _cue_after(doc: Doc, text: str, quote: Quote, full: list[Quote], lexicon: Lexicon,
               used: set[int]) -> Token | None:
    limit = min([q.start for q in full if q.start >= quote.end] + [_para_end(text, quote.end)])
    span = doc.char_span(quote.end, limit, alignment_mode="expand") if limit > quote.end else None
    if span is None:
        return None
    for token in span[:_WINDOW]:
        if token.text in {".", "!", "?"} and token.i > span.start:
            break
        if token.i not in used and _is_cue_verb(token, lexicon, loose=True):
            return token
    return None


def _cue_before(doc: Doc, text: str, quote: Quote, full: list[Quote], lexicon: Lexicon,
                used: set[int]) -> Token | None:
    floor = max([q.end for q in full if q.end <= quote.start] + [_para_start(text, quote.start)])
    span = doc.char_span(floor, quote.start, alignment_mode="contract") if quote.start > floor \
        else None
    if span is None or not len(span):
        return None
    if span[-1].text not in {":", ",", "—"} and span[-1].pos_ != "VERB":
        return None
    for token in reversed(span[-_WINDOW:]):
        if token.text in {".", "!", "?"}:
            break
        if token.i not in used and _is_cue_verb(token, lexicon, loose=False):
            return token
    return None


def _para_end(text: str, position: int) -> int:
    """End of the paragraph at ``position``, or of the next one when this one ends with
    a colon ("He told reporters:" introducing a quote paragraph)."""
    found = text.find("\n", position)
    if found < 0:
        return len(text)
    if text[:found].rstrip().endswith(":"):
        after = len(text) - len(text[found:].lstrip())
        following = text.find("\n", after)
        return len(text) if following < 0 else following
    return found


def _para_start(text: str, position: int) -> int:
    """Start of the paragraph at ``position``, or of the one before when that one ends
    with a colon."""
    start = text.rfind("\n", 0, position) + 1
    before = text[:start].rstrip()
    if before.endswith(":"):
        return before.rfind("\n") + 1
    return start


def _extend_and_float(text: str, full: list[Quote], owner: dict[Quote, Draft],
                      drafts: list[Draft]) -> list[Draft]:
    paras = paragraphs(text)
    starts = [s for s, _ in paras]
    made: list[Draft] = []
    for quote in full:
        if quote in owner:
            continue
        para = bisect.bisect_right(starts, quote.start) - 1
        before = [d for d in drafts + made if d.end <= quote.start]
        previous = max(before, key=lambda d: d.end, default=None)
        if previous is None or para < 0:
            continue
        if previous.end >= paras[para][0] and _continues(text, previous, quote):
            previous.end = quote.end
            previous.pieces.append((quote.start, quote.end))
            owner[quote] = previous
        elif quote.start == paras[para][0]:
            owner[quote] = Draft(quote.start, quote.end, "direct", None, inherit=True)
            made.append(owner[quote])
    return made


def _continues(text: str, draft: Draft, quote: Quote) -> bool:
    """Whether ``quote`` goes on with ``draft``: nothing but its own cue clause between
    ("A," he said. "B.") or nothing at all."""
    gap = text[draft.end:quote.start]
    if not gap.strip():
        return draft.kind == "direct"
    cue = draft.candidate.head.idx if draft.candidate is not None else -1
    if not draft.end <= cue < quote.start:
        return False
    ends = _ABBREVIATION.sub("", gap)
    return len(gap.split()) <= _GAP_WORDS and sum(ends.count(c) for c in ".!?:;") <= 1


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    seen: set[tuple[int, int]] = set()
    result = []
    for draft in sorted(drafts, key=lambda d: (d.position, d.start)):
        if (draft.start, draft.end) in seen or draft.end <= draft.start:
            continue
        seen.add((draft.start, draft.end))
        result.append(draft)
    return result


def _statements(doc: Doc, text: str, drafts: list[Draft], actors: list[Actor],
                lexicon: Lexicon, view: View) -> list[Statement]:
    resolver = Resolver(text, actors, lexicon, view)
    sentence_starts = [view.idx[i] for i in view.sents]
    statements: list[Statement] = []
    last: Statement | None = None
    for draft in drafts:
        candidate = draft.candidate
        speaker: Speaker | None = None
        via: str | None = None
        if candidate is not None:
            speaker = resolver.speaker(candidate.subject)
            via = _via(candidate, resolver, view)
        cue = _cue_span(text, candidate)
        statement = Statement(
            id=f"s{len(statements) + 1}",
            speaker=speaker.actor if speaker else None,
            speaker_text=speaker.text if speaker else None,
            kind=draft.kind,
            content=Span(draft.start, draft.end, text[draft.start:draft.end]),
            cue=cue,
            sentence=max(0, bisect.bisect_right(sentence_starts, cue.start if cue else draft.start)
                         - 1),
            via=via,
            speaker_span=speaker.span if speaker else None,
            parts=[Span(a, b, text[a:b]) for a, b in draft.pieces] if len(draft.pieces) > 1
            else [],
        )
        if draft.inherit and last is not None:
            statement.speaker, statement.speaker_text = last.speaker, last.speaker_text
            statement.speaker_span, statement.via = last.speaker_span, last.via
        resolver.spoke(draft.position, statement.speaker)
        statements.append(statement)
        last = statement
    return statements


def _cue_span(text: str, candidate: reported.Candidate | None) -> Span | None:
    if candidate is None:
        return None
    start = candidate.cue[0].idx
    end = candidate.cue[-1].idx + len(candidate.cue[-1])
    return Span(start, end, text[start:end])


def _via(candidate: reported.Candidate, resolver: Resolver, view: View) -> str | None:
    """The intermediary: "A quoted B as saying" (A), "according to A, B said" (A),
    "B told A" when A is a news medium."""
    token = candidate.via
    head = candidate.head.i
    if token is None:
        token = _according_child(view, head)
    if token is None:
        dep = view.dep
        for child in view.children(head):
            if dep[child] in ("dobj", "dative") and resolver.is_media(view.doc[child]):
                token = view.doc[child]
                break
    if token is None:
        return None
    actor = resolver.index.at(*core_at(view, token.i))
    return actor.id if actor is not None else None


def _according_child(view: View, head: int) -> Token | None:
    """The object of "according to" under token ``head``."""
    dep = view.dep
    for child in view.children(head):
        if view.lower[child] == "according":
            to = next((c for c in view.children(child) if dep[c] == "prep"), None)
            if to is not None:
                found = next((c for c in view.children(to) if dep[c] == "pobj"), None)
                return view.doc[found] if found is not None else None
    return None
