"""Synthetic records for demos, tests and benchmarks of the web UI.

``sample_records(n)`` writes articles of a few sentences each, with actors, events,
statements and casualties whose offsets slice the text exactly, so a store of any size
can be built without running the NLP pipeline.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from dragoman.records import Actor, Article, Casualty, Event, Mention, Record, Span, Statement

__all__ = ["sample_records", "write_store"]

ActorSpec = tuple[str, str, str | None, str | None, str, str | None]

# name, kind, country, sector, code, role
ACTORS: list[ActorSpec] = [
    ("Russia", "state", "RUS", None, "RUS", None),
    ("Vladimir Putin", "person", "RUS", "GOV", "RUSGOV", "president"),
    ("Sergei Lavrov", "person", "RUS", "GOV", "RUSGOV", "foreign minister"),
    ("Syria", "state", "SYR", None, "SYR", None),
    ("Bashar al-Assad", "person", "SYR", "GOV", "SYRGOV", "president"),
    ("Syrian rebels", "group", "SYR", "REB", "SYRREB", None),
    ("the United States", "state", "USA", None, "USA", None),
    ("Antony Blinken", "person", "USA", "GOV", "USAGOV", "secretary of state"),
    ("the United Nations", "organisation", None, "IGO", "IGOUNO", None),
    ("Antonio Guterres", "person", None, "IGO", "IGOUNO", "secretary-general"),
    ("Iran", "state", "IRN", None, "IRN", None),
    ("Turkey", "state", "TUR", None, "TUR", None),
    ("Egyptian police", "group", "EGY", "COP", "EGYCOP", None),
    ("protesters", "group", None, "CVL", "CVL", None),
    ("China", "state", "CHN", None, "CHN", None),
    ("the European Union", "organisation", None, "IGO", "IGOEEC", None),
]
# verb, plover, cameo, quad class, goldstein
VERBS = [
    ("met", "CONSULT", "040", 1, 1.0),
    ("praised", "COOPERATE", "051", 1, 3.4),
    ("promised aid to", "AID", "070", 2, 7.0),
    ("signed a deal with", "AGREE", "057", 1, 8.0),
    ("criticised", "DISAPPROVE", "111", 3, -2.0),
    ("threatened", "THREATEN", "130", 3, -4.4),
    ("accused", "ACCUSE", "112", 3, -2.0),
    ("attacked", "ASSAULT", "190", 4, -10.0),
    ("arrested", "COERCE", "173", 4, -5.0),
    ("sanctioned", "COERCE", "163", 4, -8.0),
]
SOURCES = ["Example Wire", "Daily Sample", "The Test Herald", "Mock News"]
CITIES = ["Geneva", "Damascus", "Moscow", "Cairo", "Ankara", "Vienna"]
QUOTES = ["we will not accept this", "the talks were useful", "our patience has limits",
          "there is no military solution", "we are ready to help"]


def sample_records(n: int, *, seed: int = 7, start: date = date(2019, 1, 1),
                   sentences: tuple[int, int] = (2, 6), extra_actors: int = 0
                   ) -> Iterator[Record]:
    """``n`` synthetic records, dated over two years from ``start``, each with between
    ``sentences[0]`` and ``sentences[1]`` events, among the actors of ``ACTORS`` and
    ``extra_actors`` more made-up officials."""
    rng = random.Random(seed)
    pool = list(ACTORS)
    for k in range(extra_actors):
        code = rng.choice(ACTORS)[4]
        pool.append((f"Official {k}", "person", code[:3], "GOV", code, "spokesperson"))
    for i in range(n):
        yield _record(rng, i, start + timedelta(days=rng.randrange(730)), sentences, pool)


def _record(rng: random.Random, i: int, day: date, sentences: tuple[int, int],
            pool: list[ActorSpec]) -> Record:
    builder = _Builder()
    events: list[Event] = []
    statements: list[Statement] = []
    for sentence in range(rng.randint(*sentences)):
        a, b = rng.sample(range(len(pool)), 2)
        verb, plover, cameo, quad, goldstein = rng.choice(VERBS)
        src = builder.add_actor(pool[a])
        builder.add(" ")
        t_start = builder.add(verb)
        trigger = Span(t_start, t_start + len(verb), verb)
        builder.add(" ")
        tgt = builder.add_actor(pool[b])
        builder.add(f" in {rng.choice(CITIES)} on Monday. ")
        events.append(Event(
            id=f"e{len(events) + 1}", source=src, target=tgt, plover=plover, cameo=cameo,
            quad_class=quad, goldstein=goldstein, trigger=trigger, sentence=sentence * 2,
            evidence=builder.text[builder.sentence_start:].strip(), date=day.isoformat(),
            date_source="published"))
        if rng.random() < 0.5:
            statements.append(builder.statement(rng, pool[a], len(statements) + 1,
                                                sentence * 2 + 1))
        builder.sentence_start = len(builder.text)
    casualties = []
    if rng.random() < 0.2:
        c_start = builder.add("At least 12 people were killed.")
        casualties.append(Casualty(count=12, qualifier="at least", kind="killed",
                                   who="people", span=Span(c_start, c_start + 30,
                                                           builder.text[c_start:c_start + 30])))
    article = Article(id=f"sample-{i:06d}", text=builder.text, source=rng.choice(SOURCES),
                      title=f"Sample story {i}: {events[0].evidence[:60]}",
                      published=day.isoformat(), url=f"https://example.org/story/{i}")
    return Record(article=article, actors=builder.actors, events=events,
                  statements=statements, casualties=casualties)


class _Builder:
    """Grows an article text while recording the offsets of what it writes."""

    def __init__(self) -> None:
        self.text = ""
        self.sentence_start = 0
        self.actors: list[Actor] = []
        self._ids: dict[str, Actor] = {}

    def add(self, piece: str) -> int:
        start = len(self.text)
        self.text += piece
        return start

    def add_actor(self, spec: ActorSpec) -> str:
        name, kind, country, sector, code, role = spec
        surface = name[0].upper() + name[1:] if self.text.endswith(". ") or not self.text else name
        start = self.add(surface)
        actor = self._ids.get(name)
        if actor is None:
            actor = Actor(id=f"a{len(self.actors) + 1}", name=name, kind=kind,  # type: ignore[arg-type]
                          country=country, sector=sector, code=code, role=role)
            self._ids[name] = actor
            self.actors.append(actor)
        actor.mentions.append(Mention(start, start + len(surface), surface))
        return actor.id

    def statement(self, rng: random.Random, spec: ActorSpec, number: int,
                  sentence: int) -> Statement:
        quote = rng.choice(QUOTES)
        self.add('"')
        c_start = self.add(quote[0].upper() + quote[1:])
        c_end = len(self.text)
        self.add('," ')
        cue_start = self.add("said")
        self.add(" ")
        speaker = self.add_actor(spec)
        self.add(". ")
        return Statement(id=f"s{number}", speaker=speaker, speaker_text=spec[0], kind="direct",
                         content=Span(c_start, c_end, self.text[c_start:c_end]),
                         cue=Span(cue_start, cue_start + 4, "said"), sentence=sentence)


def write_store(path: str | Path, records: Iterator[Record] | list[Record],
                batch: int = 500) -> int:
    """Store records in a new or existing store at ``path``; the number stored."""
    from dragoman.store import Store

    stored = 0
    chunk: list[Record] = []
    with Store(path, dedupe_near=False) as store:
        for record in records:
            chunk.append(record)
            if len(chunk) >= batch:
                stored += store.add(chunk).stored
                chunk = []
        if chunk:
            stored += store.add(chunk).stored
    return stored
