"""Finding event candidates in one parsed sentence.

For each word that a trigger frame knows (a verb like "visit", a noun like
"sanctions"), the parse gives the source (subject, possessor, or the subject of
the verb the noun hangs from) and the target (object, the frame's prepositions);
participants become actors through :mod:`.participants`. Each candidate keeps a
readable account of how it was found; words that could have been events but were
not say why (``Rejection``), which ``tacitus explain`` prints.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .lexicon import EventLexicon, Frame
from .modality import Modality, read_modality
from .participants import ActorRef, SentenceActors
from .syntax import (
    agent_of,
    dative,
    direct_object,
    governing_verb,
    prep_objects,
    subject_of,
)

ROLE_SOURCE = "source"


@dataclass
class Candidate:
    trigger: Token
    frame: Frame
    code: str
    source: ActorRef
    target: ActorRef | None
    modality: Modality
    notes: list[str] = field(default_factory=list)
    confidence: float = 0.9
    place_token: Token | None = None  # a place tied to the event by the parse
    chain: list[Token] = field(default_factory=list)


@dataclass
class Rejection:
    trigger: Token
    frame: Frame
    reason: str


@dataclass
class _Roles:
    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    source_how: str = ""
    target_how: str = ""
    passive: bool = False


def _verb_roles(verb: Token, frame: Frame) -> _Roles:
    roles = _Roles()
    subj, passive, how = subject_of(verb)
    agent = agent_of(verb)
    obj = None if frame.nodobj else direct_object(verb)
    if passive:
        roles.passive = True
        if agent is not None:
            roles.sources, roles.source_how = [agent], "'by' object of the passive verb"
        if subj is not None:
            roles.targets, roles.target_how = [subj], "subject of the passive verb"
    else:
        if subj is not None:
            roles.sources, roles.source_how = [subj], how
        if obj is not None:
            roles.targets, roles.target_how = [obj], "direct object"
    if frame.inverse:
        givers = prep_objects(verb, {"from", "by"})
        if givers:
            roles.targets, roles.target_how = roles.sources, "subject (receiving)"
            roles.sources, roles.source_how = givers, "'from' object"
    if not roles.targets:
        dat = dative(verb)
        if dat is not None:
            roles.targets, roles.target_how = [dat], "indirect object"
    if not roles.targets and frame.preps:
        objs = prep_objects(verb, frame.preps)
        if not objs and obj is not None:
            objs = prep_objects(obj, frame.preps)
        if objs:
            roles.targets, roles.target_how = objs, f"object of '{objs[0].head.text}'"
    return roles


def _noun_roles(noun: Token, frame: Frame) -> _Roles:
    roles = _Roles()
    for child in noun.children:
        if child.dep_ == "poss":
            roles.sources, roles.source_how = [child], "possessor"
            break
    if not roles.sources and frame.srcprep:
        objs = prep_objects(noun, {frame.srcprep})
        if objs:
            roles.sources, roles.source_how = objs, f"object of '{frame.srcprep}'"
    if not roles.sources:
        mods = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i]
        if mods:
            roles.sources, roles.source_how = mods, "modifier of the noun"
    verb = governing_verb(noun)
    if frame.preps:
        objs = prep_objects(noun, frame.preps)
        if objs and not (frame.srcprep and objs == roles.sources):
            roles.targets, roles.target_how = objs, f"object of '{objs[0].head.text}'"
    if verb is not None:
        if not roles.sources:
            subj, passive, how = subject_of(verb)
            if noun.dep_ == "nsubjpass" or passive:
                agent = agent_of(verb)
                if agent is not None:
                    roles.sources, roles.source_how = [agent], f"'by' object of '{verb.text}'"
            elif subj is not None and subj is not noun:
                roles.sources, roles.source_how = [subj], f"{how} of '{verb.text}'" if "'" not in how else how
        if not roles.targets and frame.preps:
            objs = prep_objects(verb, frame.preps)
            if objs:
                roles.targets, roles.target_how = objs, f"object of '{objs[0].head.text}'"
        if not roles.targets and noun.dep_ == "pobj":
            obj = direct_object(verb)
            if obj is not None and obj is not noun:
                roles.targets, roles.target_how = [obj], f"object of '{verb.text}'"
    return roles


def frame_matches(token: Token, frame: Frame) -> bool:
    if frame.objects:
        obj = direct_object(token)
        if obj is None:
            return False
        words = {obj.lemma_.lower()} | {c.lemma_.lower() for c in obj.children if c.dep_ == "conj"}
        return bool(words & frame.objects)
    return True


def _pos_key(token: Token) -> str | None:
    if token.pos_ in ("VERB",) or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
        return "V"
    if token.pos_ in ("NOUN", "PROPN"):
        return "N"
    return None


def triggers_in(sent: Span, lexicon: EventLexicon) -> list[tuple[Token, Frame]]:
    """Each (token, frame) pair whose frame applies; a light-verb frame consumes its object."""
    found: list[tuple[Token, Frame]] = []
    consumed: set[int] = set()
    for token in sent:
        key = _pos_key(token)
        if key is None:
            continue
        lemma = token.lemma_.lower()
        frames = lexicon.frames_for(lemma, key)
        if not frames and key == "N" and lemma.endswith("s"):
            frames = lexicon.frames_for(lemma[:-1], key)
        specific = [f for f in frames if f.objects and frame_matches(token, f)]
        if specific:
            found.append((token, specific[0]))
            obj = direct_object(token)
            if obj is not None:
                consumed.add(obj.i)
            continue
        general = [f for f in frames if not f.objects]
        if general:
            found.append((token, general[0]))
    return [(t, f) for t, f in found if t.i not in consumed]


def qualifier_codes(token: Token, frame: Frame) -> list[tuple[str, str]]:
    """Codes refined by modifiers ("economic and military ties" -> 061 and 062)."""
    if not frame.qualifiers:
        return [(frame.code, "")]
    quals = dict(frame.qualifiers)
    mods: list[Token] = []
    for child in token.children:
        if child.dep_ in ("amod", "compound", "nmod", "advmod"):
            mods.extend([child, *[c for c in child.children if c.dep_ == "conj"]])
    for conj in (c for c in token.children if c.dep_ == "conj"):
        mods.extend(c for c in conj.children if c.dep_ in ("amod", "compound"))
    # "its trade and military cooperation": the modifiers may hang off a conjoined noun
    if token.dep_ == "conj":
        mods.extend(c for c in token.head.children if c.dep_ in ("amod", "compound"))
    hits: list[tuple[str, str]] = []
    for mod in mods:
        code = quals.get(mod.lemma_.lower()) or quals.get(mod.lower_)
        if code and code not in [c for c, _ in hits]:
            hits.append((code, mod.text))
    return hits or [(frame.code, "")]


def candidates_in(sent: Span, actors: SentenceActors, lexicon: EventLexicon) -> tuple[list[Candidate], list[Rejection]]:
    out: list[Candidate] = []
    rejected: list[Rejection] = []
    for token, frame in triggers_in(sent, lexicon):
        roles = _verb_roles(token, frame) if frame.pos == "V" else _noun_roles(token, frame)
        sources = [a for t in roles.sources for a in actors.resolve(t)]
        if not sources:
            rejected.append(Rejection(token, frame, "no source actor" + (f" ('{roles.sources[0].text}' is not a known actor)" if roles.sources else "")))
            continue
        exclude = {s.code for s in sources}
        targets = [a for t in roles.targets for a in actors.resolve(t, exclude)]
        modality = read_modality(token, lexicon)
        place_token = None
        if not targets and roles.targets and frame.code.startswith("04"):
            # "visit Harbin", "meet in Zurich": the place stands for its country (resolved later)
            place_token = roles.targets[0]
        for code, qual in qualifier_codes(token, frame):
            base = f"{frame.describe()}" + (f", refined to {code} by '{qual}'" if qual else "")
            pairs = _pairs(sources, targets, frame)
            if not pairs and frame.notarget or (not targets and place_token is not None):
                pairs = [(s, None) for s in sources]
            if not pairs:
                reason = "no target actor" + (f" ('{roles.targets[0].text}' is not a known actor)" if roles.targets else "")
                rejected.append(Rejection(token, frame, reason))
                continue
            for src, tgt in pairs:
                notes = [base, f"source '{src.text}' ({src.code}): {roles.source_how}" + _via(src)]
                if tgt is not None:
                    how = roles.target_how if tgt in targets else "the other party of a reciprocal event"
                    notes.append(f"target '{tgt.text}' ({tgt.code}): {how}" + _via(tgt))
                conf = 0.9 - (0.1 if frame.pos == "N" else 0) - (0.1 if "of '" in roles.source_how else 0)
                conf -= 0.1 * sum(1 for a in (src, tgt) if a is not None and a.via != "named")
                out.append(Candidate(token, frame, code, src, tgt, modality, notes, round(max(conf, 0.3), 2), place_token))
    return out, rejected


def _via(ref: ActorRef) -> str:
    return "" if ref.via == "named" else f" (resolved from {ref.via})"


def _pairs(sources: list[ActorRef], targets: list[ActorRef], frame: Frame):
    pairs = []
    if targets:
        for s in sources:
            for t in targets:
                if s.code != t.code or s.text != t.text:
                    pairs.append((s, t))
                    if frame.recip:
                        pairs.append((t, s))
    elif frame.recip and len(sources) > 1:
        for s in sources:
            for t in sources:
                if s is not t:
                    pairs.append((s, t))
    unique = {}
    for s, t in pairs:
        unique.setdefault((s.code, s.start_char, t.code if t else None, t.start_char if t else None), (s, t))
    return list(unique.values())
