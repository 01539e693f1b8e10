"""Events from the dependency parse: who did what to whom, coded in CAMEO and PLOVER.

Each verb the patterns know is coded from its clause (subject, object, prepositions);
event nouns ("talks", "crackdown", "airstrikes") are coded on their own or through a
light verb ("held talks"). Verbs governing another verb recode it by CAMEO's rules:
"refused to meet" is a rejection (12x), "threatened to strike" a threat (13x),
"agreed to" / "will" + cooperation an intent (03x), "could" / "would" + conflict a
threat. Events inside reported speech keep the reporter apart from the doer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
from spacy import symbols
from spacy.attrs import LEMMA, POS
from spacy.tokens import Doc, Token
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
VERB_POS = symbols.VERB  # the same as VERBS and NOUNS, as ids
NOUN_POS = frozenset({symbols.NOUN, symbols.PROPN})
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
    trigger: list[Token] = field(default_factory=list)
    negated: bool = False
    modality: str = "asserted"
    top: Token | None = None  # the verb the clause hangs from after governing verbs
    obliged: bool = False  # "X must ...": in reported speech, a demand by the reporter
    refused: str | None = None  # "will not help X": the cooperation code recoded as 12x


class _Walker:
    def __init__(self, doc: Doc, index: MentionIndex, patterns: Patterns) -> None:
        self.doc = doc
        self.P = patterns
        self.actors = syntax.Actors(index)
        self.matches: dict[int, tuple[str, Match] | None] = {}
        self.consumed: set[int] = set()  # event nouns already coded through a verb
        self.silent: list[learned.Silent] | None = None  # set when a classifier is there
        self.sents: list[SpacySpan] = []
        self.texts: dict[int, str] = {}

    # -- verbs ------------------------------------------------------------------------
    def verb_key(self, v: Token) -> str | None:
        lemma, lower = v.lemma_.lower(), v.lower_
        keys = []
        for c in v.children:
            if c.dep_ in ("prt", "prep"):
                keys += [f"{lemma} {c.lower_}", f"{lower} {c.lower_}"]
        return self.P.is_verb([*keys, lemma, lower])

    def match(self, v: Token) -> tuple[str, Match] | None:
        """The verb key and its pattern match (cached), or None if not an event verb."""
        if v.i not in self.matches:
            key = self.verb_key(v) if v.pos_ in VERBS and v.dep_ != "amod" else None
            clause = syntax.clause(v) if key and self.P.needs_clause(key) else Clause()
            found = self.P.verb(key, clause) if key else None
            self.matches[v.i] = (key, found) if key and found else None
        return self.matches[v.i]

    def codable(self, v: Token) -> bool:
        m = self.match(v)
        return bool(m and _keep(m[1].code)) or self.light_noun(v) is not None

    def light_noun(self, v: Token) -> tuple[Token, Match] | None:
        """The event noun a light verb takes its event from ("held talks")."""
        if v.pos_ not in VERBS or self.P.role("light", v.lemma_.lower()) is None:
            return None
        m = self.match(v)
        if m and m[1].specific and m[1].code:
            return None
        cands = syntax.objects(v)
        cands += [p for c in v.children if c.dep_ == "prep" for p in [syntax.pobj(c)] if p]
        for noun in cands:
            if noun.pos_ in NOUNS and noun.lemma_.lower() in self.P.nouns:
                found = self.P.noun(noun.lemma_.lower(), syntax.noun_clause(noun))
                if found and found.code:
                    return noun, found
        return None

    def verb_events(self, v: Token, sent_index: int) -> list[Candidate]:
        m = self.match(v)
        if self.P.role("speech", v.lemma_.lower()) and not (
                m and (m[1].specific or m[1].own) and _keep(m[1].code)) and (
                self.light_noun(v) is None):  # "announced the deployment": an event
            return self.judgement(v, sent_index)  # statements, unless they accuse
        if self.governs_coded(v):
            return []  # "refused to meet": the event is coded at "meet"
        if v.lemma_.lower() in WISHING:
            return self.wish(v, sent_index)  # "X wants Y to attack Z": X appeals to Y
        light = self.light_noun(v)
        if light is None and self.P.role("head", v.lemma_.lower()) in FRAMING:
            return []  # "planned", "hoped", "tried": no event by themselves
        if light is None and m is not None and _says_that(v, m[1]):
            return []  # "agreed that tensions are overblown": an opinion
        if light is not None:
            noun, nmatch = light
            self.consumed.add(noun.i)
            base, trigger = nmatch, [v, noun]
        elif m is not None and (_keep(m[1].code) or _said_to(m[1])):
            base, trigger = m[1], [v, *syntax.children(v, frozenset({"prt"}))]
        else:
            if m is None or not m[1].specific:
                self.note_silent(v, sent_index)
            return []
        frame = self.frame(v, base.code, trigger)
        if frame is None or not (_keep(frame.code) or _said_to(base)):
            return []
        subs = syntax.subjects(v)
        if not subs and base.code[:2] in PHYSICAL and syntax.is_passive(v):
            subs = self.launched_from(v)  # "a rocket was fired from Gaza"
        elif base.code[:2] in PHYSICAL and subs and not any(self.actors.of(s) for s in subs):
            subs = self.wielder(subs[0]) or subs  # "missiles fired by the army struck"
        tgts = self.verb_targets(v, light[0] if light else None, base.code)
        if base.swap:
            subs, tgts = tgts, subs
        if base.needs_target and frame.top is v and not (
                self.aimed(subs, tgts) or _reflexive(v)):
            return []  # a loose dictionary default ("heard", "went on") needs a target
        if frame.refused and frame.refused[:2] != "08" and not self.aimed(subs, tgts):
            # "will not negotiate with those people": negated; but "will not lift the
            # embargo" refuses to yield (124) whoever is aimed at
            frame.code, frame.negated, frame.modality = frame.refused, True, "intended"
        cands = self.assemble(frame, subs, tgts, sent_index, base)
        if frame.code[:3] in MUTUAL and self.P.role("light", v.lemma_.lower()) and _with_partner(
                v, syntax.objects(v)):  # "held talks with Y", not "talks on Ukraine"
            cands += [replace(c, sources=[t], targets=[c.sources[0]], fixed=True)
                      for c in cands for t in c.targets if t]
        return cands

    def wish(self, v: Token, sent_index: int) -> list[Candidate]:
        """"X wants Y to attack Z": what X wants is not done yet; X appeals to Y (020)."""
        subs = syntax.children(v, syntax.SUBJ)
        source = self.actors.of(subs[0]) if subs else None
        if source is None or _negated(v) or self.aux(v):
            return []  # "might want Y to ...": not even a wish yet
        for c in v.children:
            if not (_infinitive_clause(c) and self.codable(c)):
                continue
            asked = [self.actors.of(t) for t in syntax.children(c, syntax.SUBJ)]
            if asked and asked[0] and asked[0] != source:
                return [Candidate("020", [source], [asked[0]], (v.idx, v.idx + len(v)),
                                  sent_index, confidence=0.6, anchor=v.i, parent=v.head.i,
                                  fixed=True)]
        return []

    def judgement(self, v: Token, sent_index: int) -> list[Candidate]:
        """"X said Y's moves were a grave breach": X accuses Y (111)."""
        subs = syntax.children(v, syntax.SUBJ)
        speaker = self.actors.of(subs[0]) if subs else None
        if speaker is None:
            return []
        for c in v.children:
            if c.dep_ != "ccomp" or c.lemma_.lower() != "be" or _negated(c):
                continue
            word = next((t for p in c.children if p.dep_ in ("attr", "acomp")
                         for t in p.subtree if self.P.role("accusing", t.lemma_.lower())), None)
            accused = [self.actors.of(t) for t in syntax.children(c, syntax.SUBJ)]
            if word is not None and accused and accused[0] and accused[0] != speaker:
                return [Candidate("111", [speaker], [accused[0]],
                                  (word.idx, word.idx + len(word)), sent_index, confidence=0.6,
                                  fixed=True)]
        return []

    def note_silent(self, v: Token, sent_index: int) -> None:
        """Keep a clause with an actor as subject that no pattern codes, for the classifier."""
        lemma = v.lemma_.lower()
        if self.silent is None or lemma in UNEVENTFUL or not lemma.isalpha():
            return
        subs = [s for s in syntax.subjects(v) if self.actors.of(s)]
        if not subs:
            return  # the classifier was trained on dyads: who did it to whom
        tgts = [t for t in syntax.targets(v, None, self.has_actor) if self.actors.deep(t)]
        if not tgts:
            return
        src, tgt = subs[0], tgts[0]
        if self.actors.of(src) == self.actors.deep(tgt):
            return
        self.silent.append(learned.Silent(
            v, sent_index, self.sentence_text(sent_index), self.actors.of(src) or "",
            self.actors.deep(tgt),
            _phrase(src), _phrase(tgt)))

    def learned_events(self, predict: Callable[..., list[tuple[str, float]]]
                       ) -> list[Candidate]:
        """Events the classifier finds in the clauses the patterns left silent."""
        out = []
        for s, code, conf in learned.classify(self.silent or [], predict):
            fr = self.frame(s.verb, code, [s.verb])
            if fr is None:
                continue
            reporter, _ = self.reporter(fr.top) if fr.top is not None else (None, None)
            modality = "reported" if reporter and reporter != s.source and (
                fr.modality == "asserted") else fr.modality
            out.append(Candidate(fr.code, [s.source], [s.target], (fr.trigger[0].idx,
                       fr.trigger[0].idx + len(fr.trigger[0])), s.sentence_index, fr.negated,
                       modality, reporter, conf))
        return out

    def review(self, cands: list[Candidate], sents: list[SpacySpan],
               predict: Callable[..., list[tuple[str, float]]]) -> None:
        """Let the classifier recode what generic patterns coded between two actors."""
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
        for (c, _), code in zip(todo, learned.review([t for _, t in todo], predict),
                                strict=False):
            if code:
                c.code = code

    def sentence_text(self, index: int) -> str:
        """The text of sentence ``index`` (made once per sentence)."""
        text = self.texts.get(index)
        if text is None:
            text = self.texts[index] = self.sents[index].text
        return text

    def mention(self, actor_id: str, sent: SpacySpan) -> str | None:
        """The text of the actor's first mention inside ``sent``."""
        actor = self.actors.index.actors.get(actor_id)
        start, end = sent.start_char, sent.end_char
        for m in actor.mentions if actor else []:
            if start <= m.start and m.end <= end:
                return m.text
        return None

    def verb_targets(self, v: Token, noun: Token | None, code: str) -> list[Token]:
        """Targets of ``v``; through its object noun when that is no actor ("sanctions on X")."""
        has = self.has_actor
        if self.P.role("dative", v.lemma_.lower()):  # "send an envoy to Kiev": Kiev
            objs = syntax.objects(v)
            found = syntax.targets(v, objs[0].i if objs else None, has, DATIVE_PREPS)
            if found and any(has(t) for t in found):
                return found
        tgts = syntax.targets(v, noun.i if noun is not None else None, has)
        if any(has(t) for t in tgts):
            return tgts
        objs = syntax.objects(v)
        for obj in [noun] if noun is not None else objs:
            found = self.noun_targets(obj, code)
            if found:
                return found
        for obj in objs:
            found = syntax.targets(v, obj.i, has)
            if any(has(t) for t in found):
                return found
        if code[:2] in PHYSICAL:
            found = syntax.targets(v, objs[0].i if objs else None, has, ("in",))
            if found:
                return found
            found = self.place_below(v)  # "launched attacks ... in northern Nigeria"
            if found:
                return found
        if code[:3] in RESPONSIBILITY:  # "claimed the attack on a mall in Kenya's capital"
            return self.place_below(v)
        if code[:2] in ASKING:  # "demanded that the US cancel": the US is asked
            for c in v.children:
                if c.dep_ == "ccomp" and c.pos_ in VERBS:
                    found = [t for t in syntax.children(c, syntax.SUBJ) if has(t)]
                    if found:
                        return found
        return tgts

    def place_below(self, v: Token) -> list[Token]:
        """The first country or place named by an "in" phrase under the verb's object
        side, for an attack with no other target."""
        subjects = {t.i for s in syntax.children(v, syntax.SUBJ) for t in s.subtree}
        for t in v.subtree:
            if t.dep_ == "pobj" and t.head.lower_ == "in" and t.i not in subjects:
                for place in (t, *(c for c in t.children if c.dep_ == "poss")):
                    actor = self.actors.index.actors.get(self.actors.of(place) or "")
                    if actor is not None and actor.kind == "state":
                        return [place]  # "in Kenya" or "in Kenya's capital"
        return []

    def launched_from(self, v: Token) -> list[Token]:
        """Where an agentless attack came from: the actor of its ``from`` phrase."""
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ == "from":
                p = syntax.pobj(c)
                if p is not None and self.actors.of(p):
                    return syntax.conjuncts(p)
        return []

    def wielder(self, weapon: Token) -> list[Token]:
        """Who used the weapon or attack a subject names: its ``by`` phrase, near it."""
        for t in weapon.subtree:
            if t.lower_ == "by" and t.dep_ in ("agent", "prep") and t.head.i - weapon.i < 4:
                p = syntax.pobj(t)
                if p is not None and self.actors.of(p):
                    return syntax.conjuncts(p)
        return []

    def aimed(self, subs: list[Token], tgts: list[Token]) -> bool:
        """Whether some target is an actor other than the doers."""
        doers = {self.actors.of(s) for s in subs}
        return any(self.actors.deep(t) not in doers for t in tgts if self.actors.deep(t))

    def has_actor(self, tok: Token) -> bool:
        return self.actors.deep(tok) is not None

    def governs_coded(self, v: Token) -> bool:
        """Whether ``v`` only frames another verb ("refused to meet", "helped to plan")."""
        role = self.P.role("head", v.lemma_.lower())
        if role is None:
            return False
        xcomps = [c for c in v.children if c.dep_ == "xcomp" and c.pos_ in VERBS]
        if not xcomps:
            return False
        if any(self.codable(c) for c in xcomps):
            return True
        return role not in ("reject", "threaten", "agree")

    def frame(self, v: Token, code: str, trigger: list[Token]) -> _Frame | None:
        """Negation, modality and recoding from governing verbs and auxiliaries."""
        fr = _Frame(code, list(trigger), _negated(v))
        if self.embedded_request(v):
            return None
        aux = self.aux(v)
        h = v
        if aux is None and v.dep_ == "conj" and v.head.pos_ in VERBS:
            aux = self.aux(v.head)  # "must pull back ... and start talking"
        while h.dep_ == "conj" and h.head.dep_ == "xcomp" and h.head.pos_ in VERBS:
            h = h.head  # "helped to plan and carry out": carry hangs on plan
        while h.dep_ == "xcomp" and h.head.pos_ in GOVERNORS and h.head is not h:
            head = h.head
            role = self.P.role("head", head.lemma_.lower())
            if role is None:
                if self.codable(head):
                    return None  # "urged X to recognise": the appeal is the event
                role = "pass"
            elif role == "intend" and syntax.objects(head):
                return None  # "wants Putin to attack": nothing done yet
            self.apply(fr, role, head)
            owner = head.head if head.dep_ == "acomp" else head  # "is willing to": on "is"
            fr.negated = fr.negated or _negated(head) or _negated(owner)
            aux = aux or self.aux(owner)
            h = owner
        fr.top = h
        self.apply_aux(fr, aux)
        if fr.code[:2] == "13":
            fr.modality = "threatened"
        return fr

    def embedded_request(self, v: Token) -> bool:
        """Whether ``v`` is what someone asks for ("demanded that the US cancel",
        "wants Putin to attack"): the asking is the event, not ``v``."""
        head = v.head
        if v.dep_ == "advcl" and head is not v and _has_to(v):
            if _negated(head):
                return True  # "would not give permission to X to help Y"
            m = self.match(head)  # "pressured by Congress to help Iran"
            return bool(m and m[1].code[:2] in PRESSING)
        if v.dep_ != "ccomp" or head is v:
            return False
        role = self.P.role("head", head.lemma_.lower())
        if _infinitive_clause(v) and (role == "intend" or (role is None and self.codable(head))):
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

    def aux(self, v: Token) -> str | None:
        for c in v.children:
            if c.dep_ == "aux":
                role = self.P.role("aux", c.lower_)
                if role:
                    return role
        return None

    def apply(self, fr: _Frame, role: str, head: Token | None) -> None:
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
                head.lemma_.lower() in WISHING):
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
    def noun_events(self, n: Token, sent_index: int) -> list[Candidate]:
        if n.i in self.consumed or n.pos_ not in NOUNS or n.lemma_.lower() not in self.P.nouns:
            return []
        found = self.P.noun(n.lemma_.lower(), syntax.noun_clause(n))
        if found is None or not _keep(found.code) or found.code[:2] in NOT_NOMINAL:
            return []
        subs, tgts = self.noun_frame(n, found.code)
        fr = _Frame(found.code, [n], _negated(n), top=_governor(n))
        if fr.top is not None and self.asked_for(fr.top):
            return []  # "called for talks": nothing happened yet
        if fr.top is not None and self.aux(fr.top) in ("possible", "future"):
            fr.modality = "hypothetical"
        return self.assemble(fr, subs, tgts, sent_index, found, noun=True)

    def asked_for(self, verb: Token) -> bool:
        """Whether ``verb`` asks for or plans what its object names."""
        if self.P.role("head", verb.lemma_.lower()) in ("intend", "attempt"):
            return True
        m = self.match(verb)
        return bool(m and m[1].code[:2] in REQUESTS)

    def noun_frame(self, n: Token, code: str) -> tuple[list[Token], list[Token]]:
        subs: list[Token] = []
        for c in n.children:
            if c.dep_ in syntax.MODIFIERS and c.i < n.i and self.actors.of(c):
                subs = syntax.conjuncts(c)
                break
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ == "between":
                p = syntax.pobj(c)
                if p is not None:
                    both = syntax.conjuncts(p)
                    return (subs or both[:1]), both[1:] if not subs else both
            if c.dep_ in ("prep", "agent") and c.lower_ == "by" and not subs:
                p = syntax.pobj(c)
                subs = syntax.conjuncts(p) if p is not None else []
        return subs, self.noun_targets(n, code)

    def noun_targets(self, n: Token, code: str) -> list[Token]:
        preps = {c.lower_: c for c in n.children if c.dep_ == "prep"}
        allowed = list(syntax.TARGET_PREPS)
        if code[:2] in FORCE or code[:2] in ("09", "11"):
            allowed += ["in", "of"]
        for word in allowed:
            if word in preps:
                p = syntax.pobj(preps[word])
                if p is not None and self.has_actor(p):
                    return syntax.conjuncts(p)
        return []

    # -- assembling -----------------------------------------------------------------
    def assemble(self, fr: _Frame, subs: list[Token], tgts: list[Token], sent_index: int,
                 match: Match, noun: bool = False) -> list[Candidate]:
        reporter, said = self.reporter(fr.top) if fr.top is not None else (None, None)
        sources = unique(a for s in subs[:MAX_SOURCES] for a in self.sources_of(s, reporter))
        targets = unique(self.actors.deep(t) or (reporter if t.lower_ in OBJECT_PRONOUNS
                                                 else None) for t in tgts[:MAX_SOURCES])
        if not sources:
            return []
        modality = fr.modality
        if reporter and reporter not in sources and modality == "asserted":
            modality = "reported"
        start = min(t.idx for t in fr.trigger)
        end = max(t.idx + len(t) for t in fr.trigger)
        conf = SPECIFIC if match.specific else 0.6 if noun else 0.75
        cands = []
        word = fr.trigger[0]
        for pair in pairs(fr.code, sources, targets):
            cands.append(Candidate(fr.code, [pair[0]], [pair[1]], (start, end), sent_index,
                                   fr.negated, modality, reporter, conf, word.i, word.head.i,
                                   own=match.own, fixed=fr.code != match.code))
        if fr.obliged and reporter and said is not None and reporter not in sources:
            code = self.P.transform("demand", fr.code) or "100"  # "X said Y must ..."
            return [Candidate(code, [reporter], [doer], (said.idx, said.idx + len(said)),
                              sent_index, fr.negated, "asserted", None, 0.6, fixed=True)
                    for doer in sources]
        leading = said is not None and fr.top is not None and said.i < fr.top.i
        if (reporter and leading and said is not None and modality == "reported"
                and fr.code[:2] in PHYSICAL):
            for doer in sources:
                extra = self.accusation(reporter, said, doer, sent_index)
                if extra is not None:
                    cands.append(extra)
        if (reporter and leading and said is not None and reporter in sources
                and modality == "asserted" and not fr.negated and fr.code[:2] in ATTACKS):
            aimed: list[str | None] = [t for t in targets if t not in sources] or [None]
            cands.extend(Candidate("015", [reporter], [t], (said.idx, said.idx + len(said)),
                                   sent_index, False, "asserted", None, 0.5, fixed=True)
                         for t in aimed)  # "X said it attacked Y": X claims the attack
        return cands

    def sources_of(self, tok: Token, reporter: str | None) -> list[str]:
        found = self.actors.all_of(tok)
        if not found and reporter and tok.lower_ in syntax.PRONOUNS:
            return [reporter]  # "Russia said it would veto": it = Russia
        return found

    def reporter(self, top: Token) -> tuple[str | None, Token | None]:
        return speech.reporter(top, self.P, self.actors)

    def accusation(self, reporter: str, said: Token, doer: str,
                   sent_index: int) -> Candidate | None:
        """CAMEO's reading of "X said Y attacked": X accuses Y (112), unless X is a medium.
        Only a leading report accuses; a trailing "..., officials said" only sources."""
        actor = self.actors.index.actors.get(reporter)
        if actor is None or actor.kind == "media" or "MED" in (actor.sector or actor.code or ""):
            return None
        return Candidate("112", [reporter], [doer], (said.idx, said.idx + len(said)),
                         sent_index, False, "asserted", None, 0.5, fixed=True)


def _country(actor: Actor) -> str | None:
    return actor.country or (actor.code[:3] if actor.code else None)


def _keep(code: str | None) -> bool:
    return bool(code) and code not in STATEMENT_CODES


def _with_partner(v: Token, objects: list[Token]) -> bool:
    """Whether ``v`` holds talks-like things "with" someone (the partner is then a doer)."""
    talks = [o for o in objects if o.lemma_.lower() in MUTUAL_NOUNS]
    return bool(talks) and any(c.dep_ == "prep" and c.lower_ == "with"
                               for t in (v, *talks) for c in t.children)


def _said_to(m: Match) -> bool:
    """A statement aimed at someone by one of dragoman's own patterns ("expressed
    condolences to X", 018): an event, where a bare statement is left to statements."""
    return m.own and m.specific and m.needs_target


def _reflexive(v: Token) -> bool:
    """"Iraq attacked itself": the doer is its own target."""
    return any(o.lower_ in REFLEXIVE for o in syntax.objects(v))


def _says_that(v: Token, m: Match) -> bool:
    if m.specific or m.code[:2] not in ("01", "03", "05"):
        return False
    return any(c.dep_ == "ccomp" for c in v.children) and not syntax.objects(v)


def _phrase(tok: Token) -> str:
    return tok.doc[tok.left_edge.i:tok.right_edge.i + 1].text


def _has_to(v: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def _infinitive_clause(v: Token) -> bool:
    return v.dep_ == "ccomp" and v.head is not v and _has_to(v)


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _governor(tok: Token) -> Token | None:
    h = tok
    for _ in range(6):
        if h.head is h:
            return h if h.pos_ in ("VERB", "AUX") else None
        h = h.head
        if h.pos_ in ("VERB", "AUX"):
            return h
    return None


def _event_nouns(doc: Doc, patterns: Patterns) -> list[bool]:
    """Per token, whether its lower-cased lemma is an event noun (each lemma tested once)."""
    lemmas = doc.to_array(LEMMA)
    strings = doc.vocab.strings
    known = [h for h in np.unique(lemmas).tolist() if strings[h].lower() in patterns.nouns]
    return np.isin(lemmas, np.array(known, dtype=np.uint64)).tolist()


def extract_events(doc: Doc, article: Article, actors: list[Actor],
                   patterns: Patterns | None = None, use_classifier: bool = True) -> list[Event]:
    """Coded events of one parsed article (ids e1, e2... in text order). Clauses the
    patterns leave silent go to the learned classifier when one is installed."""
    walker = _Walker(doc, MentionIndex(actors), patterns or load())
    model = learned.classifier() if use_classifier else None
    if model is not None:
        walker.silent = []
    cands: list[Candidate] = []
    sents: list[SpacySpan] = list(doc.sents)
    walker.sents = sents
    pos = doc.to_array(POS).tolist()  # one pass over the tokens, not a Token per look
    nominal = _event_nouns(doc, walker.P)  # noun_events codes no other token
    for si, sent in enumerate(sents):
        span = range(sent.start, sent.end)
        for i in span:
            if pos[i] == VERB_POS:
                cands.extend(walker.verb_events(doc[i], si))
        for i in span:
            if nominal[i] and pos[i] in NOUN_POS and i not in walker.consumed:
                cands.extend(walker.noun_events(doc[i], si))
    if model is not None:
        walker.review(cands, sents, model.predict)
        cands.extend(walker.learned_events(model.predict))
    return to_events(cands, article, sents)
