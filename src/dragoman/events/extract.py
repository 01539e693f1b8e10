"""Events from the dependency parse: who did what to whom, coded in CAMEO and PLOVER.

Each verb the patterns know is coded from its clause (subject, object, prepositions);
event nouns ("talks", "crackdown", "airstrikes") are coded on their own or through a
light verb ("held talks"). Verbs governing another verb recode it by CAMEO's rules:
"refused to meet" is a rejection (12x), "threatened to strike" a threat (13x),
"agreed to" / "will" + cooperation an intent (03x), "could" / "would" + conflict a
threat. Events inside reported speech keep the reporter apart from the doer.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from dragoman.actors.index import MentionIndex
from dragoman.events import codebook, learned, speech, syntax
from dragoman.events.build import Candidate, pairs, to_events, unique
from dragoman.events.patterns import Clause, Match, Patterns, load
from dragoman.records import Actor, Article, Event

__all__ = ["extract_events"]

STATEMENT_CODES = frozenset({"01", "010", "012", "013", "014", "018"})  # speech: statements' job
COOPERATION = frozenset({"03", "04", "05", "06", "07", "08"})
FORCE = frozenset({"12", "14", "15", "16", "17", "18", "19", "20"})
PHYSICAL = frozenset({"14", "15", "18", "19", "20"})
ATTACKS = frozenset({"18", "19", "20"})
GOVERNORS = frozenset({"VERB", "AUX", "ADJ"})
REQUESTS = frozenset({"02", "10"})
PRESSING = frozenset({"02", "10", "17"})
ASKING = frozenset({"02", "10", "11", "12", "13"})
FRAMING = frozenset({"intend", "attempt", "fail"})
WISHING = frozenset({"want", "wish"})
RESPONSIBILITY = frozenset({"015", "016"})  # claimed or denied: aimed where the act was
MUTUAL = frozenset({"040", "041", "044", "046"})  # talks held with someone are held by both
MUTUAL_NOUNS = frozenset({"talk", "talks", "negotiation", "consultation", "discussion",
                          "dialogue", "meeting"})
NOT_NOMINAL = frozenset({"03", "05", "07"})  # "China's assistance": no event on its own
VERBS = frozenset({"VERB"})
NOUNS = frozenset({"NOUN", "PROPN"})
MAX_SOURCES = 8
SPECIFIC = 0.9  # the confidence of a specific pattern's event
OBJECT_PRONOUNS = frozenset({"it", "him", "her", "them", "us"})  # the reporter, if any
REFLEXIVE = frozenset({"itself", "themselves", "himself", "herself", "ourselves"})
DATIVE_PREPS = ("to", "into", "toward", "towards", "for")
UNEVENTFUL = frozenset({"be", "have", "do", "get", "say", "tell", "become", "seem", "know",
                        "think", "believe", "want", "need", "include", "remain", "come"})


@dataclass
class _Frame:
    code: str
    trigger: list[int] = field(default_factory=list)  # token indices
    negated: bool = False
    modality: str = "asserted"
    top: int | None = None  # the verb the clause hangs from after governing verbs
    obliged: bool = False  # "X must ...": in reported speech, a demand by the reporter
    refused: str | None = None  # "will not help X": the cooperation code recoded as 12x


class _Walker:
    def __init__(self, parse: syntax.Parse, index: MentionIndex, patterns: Patterns) -> None:
        self.p = parse
        self.P = patterns
        self.actors = syntax.Actors(index, parse)
        self.matches: dict[int, tuple[str, Match] | None] = {}
        self.consumed: set[int] = set()  # event nouns already coded through a verb
        self.silent: list[learned.Silent] | None = None  # set when a classifier is there
        self.sents: list[SpacySpan] = []
        self.text = ""  # the article's text, the characters of ``sents``
        self.texts: dict[int, str] = {}

    # -- verbs ------------------------------------------------------------------------
    def verb_key(self, v: int) -> str | None:
        p = self.p
        lemma, lower = p.lemma[v], p.lower[v]
        keys = []
        for c in p.kids[v]:
            if p.dep[c] in ("prt", "prep"):
                keys += [f"{lemma} {p.lower[c]}", f"{lower} {p.lower[c]}"]
        return self.P.is_verb([*keys, lemma, lower])

    def match(self, v: int) -> tuple[str, Match] | None:
        """The verb key and its pattern match (cached), or None if not an event verb."""
        p = self.p
        if v not in self.matches:
            key = self.verb_key(v) if p.pos[v] in VERBS and p.dep[v] != "amod" else None
            clause = syntax.clause(p, v) if key and self.P.needs_clause(key) else Clause()
            found = self.P.verb(key, clause) if key else None
            self.matches[v] = (key, found) if key and found else None
        return self.matches[v]

    def codable(self, v: int) -> bool:
        m = self.match(v)
        return bool(m and _keep(m[1].code)) or self.light_noun(v) is not None

    def light_noun(self, v: int) -> tuple[int, Match] | None:
        """The event noun a light verb takes its event from ("held talks")."""
        p = self.p
        if p.pos[v] not in VERBS or self.P.role("light", p.lemma[v]) is None:
            return None
        m = self.match(v)
        if m and m[1].specific and m[1].code:
            return None
        cands = syntax.objects(p, v)
        cands += [o for c in p.kids[v] if p.dep[c] == "prep" for o in [syntax.pobj(p, c)]
                  if o is not None]
        for noun in cands:
            if p.pos[noun] in NOUNS and p.lemma[noun] in self.P.nouns:
                found = self.P.noun(p.lemma[noun], syntax.noun_clause(p, noun))
                if found and found.code:
                    return noun, found
        return None

    def verb_events(self, v: int, sent_index: int) -> list[Candidate]:
        p = self.p
        m = self.match(v)
        if self.P.role("speech", p.lemma[v]) and not (
                m and (m[1].specific or m[1].own) and _keep(m[1].code)) and (
                self.light_noun(v) is None):  # "announced the deployment": an event
            return self.judgement(v, sent_index)  # statements, unless they accuse
        if self.governs_coded(v):
            return []  # "refused to meet": the event is coded at "meet"
        if p.lemma[v] in WISHING:
            return self.wish(v, sent_index)  # "X wants Y to attack Z": X appeals to Y
        light = self.light_noun(v)
        if light is None and self.P.role("head", p.lemma[v]) in FRAMING:
            return []  # "planned", "hoped", "tried": no event by themselves
        if light is None and m is not None and _says_that(p, v, m[1]):
            return []  # "agreed that tensions are overblown": an opinion
        if light is not None:
            noun, nmatch = light
            self.consumed.add(noun)
            base, trigger = nmatch, [v, noun]
        elif m is not None and (_keep(m[1].code) or _said_to(m[1])):
            base, trigger = m[1], [v, *p.children(v, frozenset({"prt"}))]
        else:
            if m is None or not m[1].specific:
                self.note_silent(v, sent_index)
            return []
        frame = self.frame(v, base.code, trigger)
        if frame is None or not (_keep(frame.code) or _said_to(base)):
            return []
        subs = syntax.subjects(p, v)
        if not subs and base.code[:2] in PHYSICAL and syntax.is_passive(p, v):
            subs = self.launched_from(v)  # "a rocket was fired from Gaza"
        elif base.code[:2] in PHYSICAL and subs and not any(self.actors.of(s) for s in subs):
            subs = self.wielder(subs[0]) or subs  # "missiles fired by the army struck"
        tgts = self.verb_targets(v, light[0] if light else None, base.code)
        if base.swap:
            subs, tgts = tgts, subs
        if base.needs_target and frame.top == v and not (
                self.aimed(subs, tgts) or _reflexive(p, v)):
            return []  # a loose dictionary default ("heard", "went on") needs a target
        if frame.refused and frame.refused[:2] != "08" and not self.aimed(subs, tgts):
            # "will not negotiate with those people": negated; but "will not lift the
            # embargo" refuses to yield (124) whoever is aimed at
            frame.code, frame.negated, frame.modality = frame.refused, True, "intended"
        cands = self.assemble(frame, subs, tgts, sent_index, base)
        if frame.code[:3] in MUTUAL and self.P.role("light", p.lemma[v]) and _with_partner(
                p, v, syntax.objects(p, v)):  # "held talks with Y", not "talks on Ukraine"
            cands += [replace(c, sources=[t], targets=[c.sources[0]], fixed=True)
                      for c in cands for t in c.targets if t]
        return cands

    def wish(self, v: int, sent_index: int) -> list[Candidate]:
        """"X wants Y to attack Z": what X wants is not done yet; X appeals to Y (020)."""
        p = self.p
        subs = p.children(v, syntax.SUBJ)
        source = self.actors.of(subs[0]) if subs else None
        if source is None or _negated(p, v) or self.aux(v):
            return []  # "might want Y to ...": not even a wish yet
        for c in p.kids[v]:
            if not (_infinitive_clause(p, c) and self.codable(c)):
                continue
            asked = [self.actors.of(t) for t in p.children(c, syntax.SUBJ)]
            if asked and asked[0] and asked[0] != source:
                return [Candidate("020", [source], [asked[0]], (p.idx[v], p.end[v]),
                                  sent_index, confidence=0.6, anchor=v, parent=p.head[v],
                                  fixed=True)]
        return []

    def judgement(self, v: int, sent_index: int) -> list[Candidate]:
        """"X said Y's moves were a grave breach": X accuses Y (111)."""
        p = self.p
        subs = p.children(v, syntax.SUBJ)
        speaker = self.actors.of(subs[0]) if subs else None
        if speaker is None:
            return []
        for c in p.kids[v]:
            if p.dep[c] != "ccomp" or p.lemma[c] != "be" or _negated(p, c):
                continue
            word = next((t for a in p.kids[c] if p.dep[a] in ("attr", "acomp")
                         for t in p.subtree(a) if self.P.role("accusing", p.lemma[t])), None)
            accused = [self.actors.of(t) for t in p.children(c, syntax.SUBJ)]
            if word is not None and accused and accused[0] and accused[0] != speaker:
                return [Candidate("111", [speaker], [accused[0]],
                                  (p.idx[word], p.end[word]), sent_index, confidence=0.6,
                                  fixed=True)]
        return []

    def note_silent(self, v: int, sent_index: int) -> None:
        """Keep a clause with an actor as subject that no pattern codes, for the classifier."""
        p = self.p
        lemma = p.lemma[v]
        if self.silent is None or lemma in UNEVENTFUL or not lemma.isalpha():
            return
        subs = [s for s in syntax.subjects(p, v) if self.actors.of(s)]
        if not subs:
            return  # the classifier was trained on dyads: who did it to whom
        tgts = [t for t in syntax.targets(p, v, None, self.has_actor) if self.actors.deep(t)]
        if not tgts:
            return
        src, tgt = subs[0], tgts[0]
        if self.actors.of(src) == self.actors.deep(tgt):
            return
        self.silent.append(learned.Silent(
            v, sent_index, self.sentence_text(sent_index), self.actors.of(src) or "",
            self.actors.deep(tgt),
            _phrase(p, src, self.text), _phrase(p, tgt, self.text)))

    def learned_events(self, found: list[tuple[learned.Silent, str, float]]
                       ) -> list[Candidate]:
        """Events of the clauses the patterns left silent that the classifier is sure of
        (``found``, from :func:`learned.classify`)."""
        out = []
        for s, code, conf in found:
            fr = self.frame(s.verb, code, [s.verb])
            if fr is None:
                continue
            reporter, _ = self.reporter(fr.top) if fr.top is not None else (None, None)
            modality = "reported" if reporter and reporter != s.source and (
                fr.modality == "asserted") else fr.modality
            word = fr.trigger[0]
            out.append(Candidate(fr.code, [s.source], [s.target], (self.p.idx[word],
                       self.p.end[word]), s.sentence_index, fr.negated, modality, reporter,
                       conf))
        return out

    def checks(self, cands: list[Candidate], sents: list[SpacySpan]
               ) -> list[tuple[Candidate, learned.Check]]:
        """What generic patterns coded between two actors, for the classifier to recode."""
        todo: list[tuple[Candidate, learned.Check]] = []
        for c in cands:
            if c.fixed or c.confidence >= SPECIFIC or not c.targets[0] or (
                    c.targets[0] == c.sources[0]):
                continue
            sent = sents[c.sentence]
            src = self.mention(c.sources[0], sent)
            tgt = self.mention(c.targets[0], sent)
            if src and tgt:
                entry = codebook.lookup(c.code)
                todo.append((c, learned.Check(self.sentence_text(c.sentence), src, tgt,
                                              entry.plover if entry else None, c.own)))
        return todo

    def sentence_text(self, index: int) -> str:
        """The text of sentence ``index`` (made once per sentence)."""
        text = self.texts.get(index)
        if text is None:
            sent = self.sents[index]  # as its ``text``, without a token walk
            text = self.texts[index] = self.text[sent.start_char:sent.end_char]
        return text

    def mention(self, actor_id: str, sent: SpacySpan) -> str | None:
        """The text of the actor's first mention inside ``sent``."""
        actor = self.actors.index.actors.get(actor_id)
        start, end = sent.start_char, sent.end_char
        for m in actor.mentions if actor else []:
            if start <= m.start and m.end <= end:
                return m.text
        return None

    def verb_targets(self, v: int, noun: int | None, code: str) -> list[int]:
        """Targets of ``v``; through its object noun when that is no actor ("sanctions on X")."""
        p = self.p
        has = self.has_actor
        if self.P.role("dative", p.lemma[v]):  # "send an envoy to Kiev": Kiev
            objs = syntax.objects(p, v)
            found = syntax.targets(p, v, objs[0] if objs else None, has, DATIVE_PREPS)
            if found and any(has(t) for t in found):
                return found
        tgts = syntax.targets(p, v, noun, has)
        if any(has(t) for t in tgts):
            return tgts
        objs = syntax.objects(p, v)
        for obj in [noun] if noun is not None else objs:
            found = self.noun_targets(obj, code)
            if found:
                return found
        for obj in objs:
            found = syntax.targets(p, v, obj, has)
            if any(has(t) for t in found):
                return found
        if code[:2] in PHYSICAL:
            found = syntax.targets(p, v, objs[0] if objs else None, has, ("in",))
            if found:
                return found
            found = self.place_below(v)  # "launched attacks ... in northern Nigeria"
            if found:
                return found
        if code[:3] in RESPONSIBILITY:  # "claimed the attack on a mall in Kenya's capital"
            return self.place_below(v)
        if code[:2] in ASKING:  # "demanded that the US cancel": the US is asked
            for c in p.kids[v]:
                if p.dep[c] == "ccomp" and p.pos[c] in VERBS:
                    found = [t for t in p.children(c, syntax.SUBJ) if has(t)]
                    if found:
                        return found
        return tgts

    def place_below(self, v: int) -> list[int]:
        """The first country or place named by an "in" phrase under the verb's object
        side, for an attack with no other target."""
        p = self.p
        subjects = {t for s in p.children(v, syntax.SUBJ) for t in p.subtree(s)}
        for t in p.subtree(v):
            if p.dep[t] == "pobj" and p.lower[p.head[t]] == "in" and t not in subjects:
                for place in (t, *(c for c in p.kids[t] if p.dep[c] == "poss")):
                    actor = self.actors.index.actors.get(self.actors.of(place) or "")
                    if actor is not None and actor.kind == "state":
                        return [place]  # "in Kenya" or "in Kenya's capital"
        return []

    def launched_from(self, v: int) -> list[int]:
        """Where an agentless attack came from: the actor of its ``from`` phrase."""
        p = self.p
        for c in p.kids[v]:
            if p.dep[c] == "prep" and p.lower[c] == "from":
                o = syntax.pobj(p, c)
                if o is not None and self.actors.of(o):
                    return syntax.conjuncts(p, o)
        return []

    def wielder(self, weapon: int) -> list[int]:
        """Who used the weapon or attack a subject names: its ``by`` phrase, near it."""
        p = self.p
        for t in p.subtree(weapon):
            if p.lower[t] == "by" and p.dep[t] in ("agent", "prep") and p.head[t] - weapon < 4:
                o = syntax.pobj(p, t)
                if o is not None and self.actors.of(o):
                    return syntax.conjuncts(p, o)
        return []

    def aimed(self, subs: list[int], tgts: list[int]) -> bool:
        """Whether some target is an actor other than the doers."""
        doers = {self.actors.of(s) for s in subs}
        return any(self.actors.deep(t) not in doers for t in tgts if self.actors.deep(t))

    def has_actor(self, i: int) -> bool:
        return self.actors.deep(i) is not None

    def governs_coded(self, v: int) -> bool:
        """Whether ``v`` only frames another verb ("refused to meet", "helped to plan")."""
        p = self.p
        role = self.P.role("head", p.lemma[v])
        if role is None:
            return False
        xcomps = [c for c in p.kids[v] if p.dep[c] == "xcomp" and p.pos[c] in VERBS]
        if not xcomps:
            return False
        if any(self.codable(c) for c in xcomps):
            return True
        return role not in ("reject", "threaten", "agree")

    def frame(self, v: int, code: str, trigger: list[int]) -> _Frame | None:
        """Negation, modality and recoding from governing verbs and auxiliaries."""
        p = self.p
        fr = _Frame(code, list(trigger), _negated(p, v))
        if self.embedded_request(v):
            return None
        aux = self.aux(v)
        h = v
        if aux is None and p.dep[v] == "conj" and p.pos[p.head[v]] in VERBS:
            aux = self.aux(p.head[v])  # "must pull back ... and start talking"
        while p.dep[h] == "conj" and p.dep[p.head[h]] == "xcomp" and p.pos[p.head[h]] in VERBS:
            h = p.head[h]  # "helped to plan and carry out": carry hangs on plan
        while p.dep[h] == "xcomp" and p.pos[p.head[h]] in GOVERNORS and p.head[h] != h:
            head = p.head[h]
            role = self.P.role("head", p.lemma[head])
            if role is None:
                if self.codable(head):
                    return None  # "urged X to recognise": the appeal is the event
                role = "pass"
            elif role == "intend" and syntax.objects(p, head):
                return None  # "wants Putin to attack": nothing done yet
            self.apply(fr, role, head)
            owner = p.head[head] if p.dep[head] == "acomp" else head  # "is willing to": on "is"
            fr.negated = fr.negated or _negated(p, head) or _negated(p, owner)
            aux = aux or self.aux(owner)
            h = owner
        fr.top = h
        self.apply_aux(fr, aux)
        if fr.code[:2] == "13":
            fr.modality = "threatened"
        return fr

    def embedded_request(self, v: int) -> bool:
        """Whether ``v`` is what someone asks for ("demanded that the US cancel",
        "wants Putin to attack"): the asking is the event, not ``v``."""
        p = self.p
        head = p.head[v]
        if p.dep[v] == "advcl" and head != v and _has_to(p, v):
            if _negated(p, head):
                return True  # "would not give permission to X to help Y"
            m = self.match(head)  # "pressured by Congress to help Iran"
            return bool(m and m[1].code[:2] in PRESSING)
        if p.dep[v] != "ccomp" or head == v:
            return False
        role = self.P.role("head", p.lemma[head])
        if _infinitive_clause(p, v) and (role == "intend" or (role is None and self.codable(head))):
            return True
        m = self.match(head)
        return bool(m and m[1].code[:2] in REQUESTS)

    def apply_aux(self, fr: _Frame, aux: str | None) -> None:
        if aux is None or fr.modality != "asserted":
            return
        if aux == "future" and fr.negated:
            if fr.code[:2] in COOPERATION:  # "will not provide aid": a refusal (12x)
                fr.refused = fr.code
                fr.code = self.P.transform("reject", fr.code) or "120"
                fr.negated = False
            else:
                fr.modality = "intended"
        elif aux == "future" and fr.code[:2] in COOPERATION:
            fr.code = self.P.transform("intent", fr.code) or fr.code  # "will visit": 03x
            fr.modality = "intended"
        elif aux == "obligation":
            fr.modality = "hypothetical"
            fr.obliged = True
        else:
            self.apply(fr, aux, None)

    def aux(self, v: int) -> str | None:
        p = self.p
        for c in p.kids[v]:
            if p.dep[c] == "aux":
                role = self.P.role("aux", p.lower[c])
                if role:
                    return role
        return None

    def apply(self, fr: _Frame, role: str, head: int | None) -> None:
        p = self.p
        root = fr.code[:2]
        if head is not None and role in ("reject", "threaten", "agree", "fail"):
            fr.trigger.append(head)
        if role == "reject":
            fr.code = self.P.transform("reject", fr.code) or "120"
        elif role == "threaten" or (role in ("future", "possible", "intend") and root in FORCE):
            fr.code = self.P.transform("threaten", fr.code) or "130"
            fr.modality = "threatened"
        elif role == "agree":
            if root in COOPERATION:
                fr.code = self.P.transform("intent", fr.code) or fr.code
            fr.modality = "intended"
        elif role == "intend" and root in COOPERATION and head is not None and (
                p.lemma[head] in WISHING):
            fr.code = self.P.transform("intent", fr.code) or fr.code  # "wants to help": 03x
            fr.modality = "intended"
        elif role in ("intend", "future"):
            fr.modality = "intended"
        elif role == "attempt" and root in COOPERATION:
            fr.code = self.P.transform("intent", fr.code) or fr.code  # "seeking to deepen"
            fr.modality = "intended"
        elif role in ("attempt", "possible", "obligation"):
            fr.modality = "hypothetical"
        elif role == "fail":
            fr.negated = True

    # -- nouns ------------------------------------------------------------------------
    def noun_events(self, n: int, sent_index: int) -> list[Candidate]:
        p = self.p
        if n in self.consumed or p.pos[n] not in NOUNS or p.lemma[n] not in self.P.nouns:
            return []
        found = self.P.noun(p.lemma[n], syntax.noun_clause(p, n))
        if found is None or not _keep(found.code) or found.code[:2] in NOT_NOMINAL:
            return []
        subs, tgts = self.noun_frame(n, found.code)
        fr = _Frame(found.code, [n], _negated(p, n), top=_governor(p, n))
        if fr.top is not None and self.asked_for(fr.top):
            return []  # "called for talks": nothing happened yet
        if fr.top is not None and self.aux(fr.top) in ("possible", "future"):
            fr.modality = "hypothetical"
        return self.assemble(fr, subs, tgts, sent_index, found, noun=True)

    def asked_for(self, verb: int) -> bool:
        """Whether ``verb`` asks for or plans what its object names."""
        p = self.p
        if self.P.role("head", p.lemma[verb]) in ("intend", "attempt"):
            return True
        m = self.match(verb)
        return bool(m and m[1].code[:2] in REQUESTS)

    def noun_frame(self, n: int, code: str) -> tuple[list[int], list[int]]:
        p = self.p
        subs: list[int] = []
        for c in p.kids[n]:
            if p.dep[c] in syntax.MODIFIERS and c < n and self.actors.of(c):
                subs = syntax.conjuncts(p, c)
                break
        for c in p.kids[n]:
            if p.dep[c] == "prep" and p.lower[c] == "between":
                o = syntax.pobj(p, c)
                if o is not None:
                    both = syntax.conjuncts(p, o)
                    return (subs or both[:1]), both[1:] if not subs else both
            if p.dep[c] in ("prep", "agent") and p.lower[c] == "by" and not subs:
                o = syntax.pobj(p, c)
                subs = syntax.conjuncts(p, o) if o is not None else []
        return subs, self.noun_targets(n, code)

    def noun_targets(self, n: int, code: str) -> list[int]:
        p = self.p
        preps = {p.lower[c]: c for c in p.kids[n] if p.dep[c] == "prep"}
        allowed = list(syntax.TARGET_PREPS)
        if code[:2] in FORCE or code[:2] in ("09", "11"):
            allowed += ["in", "of"]
        for word in allowed:
            if word in preps:
                o = syntax.pobj(p, preps[word])
                if o is not None and self.has_actor(o):
                    return syntax.conjuncts(p, o)
        return []

    # -- assembling -----------------------------------------------------------------
    def assemble(self, fr: _Frame, subs: list[int], tgts: list[int], sent_index: int,
                 match: Match, noun: bool = False) -> list[Candidate]:
        p = self.p
        reporter, said = self.reporter(fr.top) if fr.top is not None else (None, None)
        sources = unique(a for s in subs[:MAX_SOURCES] for a in self.sources_of(s, reporter))
        targets = unique(self.actors.deep(t) or (reporter if p.lower[t] in OBJECT_PRONOUNS
                                                 else None) for t in tgts[:MAX_SOURCES])
        if not sources:
            return []
        modality = fr.modality
        if reporter and reporter not in sources and modality == "asserted":
            modality = "reported"
        start = min(p.idx[t] for t in fr.trigger)
        end = max(p.end[t] for t in fr.trigger)
        conf = SPECIFIC if match.specific else 0.6 if noun else 0.75
        cands = []
        word = fr.trigger[0]
        for pair in pairs(fr.code, sources, targets):
            cands.append(Candidate(fr.code, [pair[0]], [pair[1]], (start, end), sent_index,
                                   fr.negated, modality, reporter, conf, word, p.head[word],
                                   own=match.own, fixed=fr.code != match.code))
        if fr.obliged and reporter and said is not None and reporter not in sources:
            code = self.P.transform("demand", fr.code) or "100"  # "X said Y must ..."
            return [Candidate(code, [reporter], [doer], (p.idx[said], p.end[said]),
                              sent_index, fr.negated, "asserted", None, 0.6, fixed=True)
                    for doer in sources]
        leading = said is not None and fr.top is not None and said < fr.top
        if (reporter and leading and said is not None and modality == "reported"
                and fr.code[:2] in PHYSICAL):
            for doer in sources:
                extra = self.accusation(reporter, said, doer, sent_index)
                if extra is not None:
                    cands.append(extra)
        if (reporter and leading and said is not None and reporter in sources
                and modality == "asserted" and not fr.negated and fr.code[:2] in ATTACKS):
            aimed: list[str | None] = [t for t in targets if t not in sources] or [None]
            cands.extend(Candidate("015", [reporter], [t], (p.idx[said], p.end[said]),
                                   sent_index, False, "asserted", None, 0.5, fixed=True)
                         for t in aimed)  # "X said it attacked Y": X claims the attack
        return cands

    def sources_of(self, tok: int, reporter: str | None) -> list[str]:
        p = self.p
        found = self.actors.all_of(tok)
        if not found and reporter and p.lower[tok] in syntax.PRONOUNS:
            return [reporter]  # "Russia said it would veto": it = Russia
        return found

    def reporter(self, top: int) -> tuple[str | None, int | None]:
        return speech.reporter(self.p, top, self.P, self.actors)

    def accusation(self, reporter: str, said: int, doer: str,
                   sent_index: int) -> Candidate | None:
        """CAMEO's reading of "X said Y attacked": X accuses Y (112), unless X is a medium.
        Only a leading report accuses; a trailing "..., officials said" only sources."""
        p = self.p
        actor = self.actors.index.actors.get(reporter)
        if actor is None or actor.kind == "media" or "MED" in (actor.sector or actor.code or ""):
            return None
        return Candidate("112", [reporter], [doer], (p.idx[said], p.end[said]),
                         sent_index, False, "asserted", None, 0.5, fixed=True)


def _country(actor: Actor) -> str | None:
    return actor.country or (actor.code[:3] if actor.code else None)


def _keep(code: str | None) -> bool:
    return bool(code) and code not in STATEMENT_CODES


def _with_partner(p: syntax.Parse, v: int, objects: list[int]) -> bool:
    """Whether ``v`` holds talks-like things "with" someone (the partner is then a doer)."""
    talks = [o for o in objects if p.lemma[o] in MUTUAL_NOUNS]
    return bool(talks) and any(p.dep[c] == "prep" and p.lower[c] == "with"
                               for t in (v, *talks) for c in p.kids[t])


def _said_to(m: Match) -> bool:
    """A statement aimed at someone by one of dragoman's own patterns ("expressed
    condolences to X", 018): an event, where a bare statement is left to statements."""
    return m.own and m.specific and m.needs_target


def _reflexive(p: syntax.Parse, v: int) -> bool:
    """"Iraq attacked itself": the doer is its own target."""
    return any(p.lower[o] in REFLEXIVE for o in syntax.objects(p, v))


def _says_that(p: syntax.Parse, v: int, m: Match) -> bool:
    if m.specific or m.code[:2] not in ("01", "03", "05"):
        return False
    return any(p.dep[c] == "ccomp" for c in p.kids[v]) and not syntax.objects(p, v)


def _phrase(p: syntax.Parse, i: int, text: str) -> str:
    """The text of ``i``'s subtree, from its left to its right edge (``text`` is the
    parse's text: the characters of the span, without making one)."""
    tok = p.token(i)
    return text[p.idx[tok.left_edge.i]:p.end[tok.right_edge.i]]


def _has_to(p: syntax.Parse, v: int) -> bool:
    return any(p.dep[c] == "aux" and p.lower[c] == "to" for c in p.kids[v])


def _infinitive_clause(p: syntax.Parse, v: int) -> bool:
    return p.dep[v] == "ccomp" and p.head[v] != v and _has_to(p, v)


def _negated(p: syntax.Parse, tok: int) -> bool:
    return any(p.dep[c] == "neg" for c in p.kids[tok])


def _governor(p: syntax.Parse, tok: int) -> int | None:
    h = tok
    for _ in range(6):
        if p.head[h] == h:
            return h if p.pos[h] in ("VERB", "AUX") else None
        h = p.head[h]
        if p.pos[h] in ("VERB", "AUX"):
            return h
    return None


def _within(indices: list[int], start: int, end: int) -> list[int]:
    """The ``indices`` (sorted) from ``start`` up to ``end``."""
    return indices[bisect.bisect_left(indices, start):bisect.bisect_left(indices, end)]


def extract_events(doc: Doc, article: Article, actors: list[Actor],
                   patterns: Patterns | None = None, use_classifier: bool = True,
                   parse: syntax.Parse | None = None) -> list[Event]:
    """Coded events of one parsed article (ids e1, e2... in text order). Clauses the
    patterns leave silent go to the learned classifier when one is installed. ``parse``
    is ``doc`` read as lists, where the caller has it already."""
    p = parse if parse is not None else syntax.Parse(doc)
    walker = _Walker(p, MentionIndex(actors), patterns or load())
    model = learned.classifier() if use_classifier else None
    if model is not None:
        walker.silent = []
    cands: list[Candidate] = []
    sents: list[SpacySpan] = list(doc.sents)
    walker.sents, walker.text = sents, article.text
    nouns = walker.P.nouns
    verbal = [i for i, pos in enumerate(p.pos) if pos in VERBS]
    nominal = [i for i, (pos, lemma) in enumerate(zip(p.pos, p.lemma, strict=True))
               if pos in NOUNS and lemma in nouns]  # noun_events codes no other token
    for si, sent in enumerate(sents):
        for i in _within(verbal, sent.start, sent.end):
            cands.extend(walker.verb_events(i, si))
        for i in _within(nominal, sent.start, sent.end):
            if i not in walker.consumed:
                cands.extend(walker.noun_events(i, si))
    if model is not None:  # one pass of the classifier: review, then silent clauses
        todo = walker.checks(cands, sents)
        recoded, found = learned.ask([t for _, t in todo], walker.silent or [], model)
        for (c, _), code in zip(todo, recoded, strict=False):
            if code:
                c.code = code
        cands.extend(walker.learned_events(found))
    return to_events(cands, article, sents)
