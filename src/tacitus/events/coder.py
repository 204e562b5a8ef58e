"""From a parsed article to coded events: candidates, codebook values, dates, places.

:func:`code_sentences` is a pure function of the parsed Doc, the actor mentions
and the article's places and times; the pipeline calls it once per article.
"""
from __future__ import annotations

import hashlib
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span

from ..codebook import get_codebook, plover_for
from ..model import Actor, Event, Place, TimeExpr
from .anchoring import place_at, tie_place, tie_time
from .extract import Candidate, Rejection, candidates_in
from .headline import reread_headline
from .lexicon import EventLexicon, get_event_lexicon
from .participants import ActorRef, Discourse, SentenceActors

CODER_VERSION = "tacitus-0.1"
VISIT_CODES = ("042", "043", "044", "036")
ENVOY_EXPULSION = "161"  # expel or withdraw diplomats


@dataclass
class SentenceResult:
    index: int
    sent: Span
    candidates: list[Candidate] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)


def event_id(doc_id: str, sentence_index: int, trigger_i: int, source: str, target: str | None, code: str) -> str:
    key = f"{CODER_VERSION}|{doc_id}|{sentence_index}|{trigger_i}|{source}|{target}|{code}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def _actor(ref: ActorRef) -> Actor:
    return Actor(text=ref.text, code=ref.code, country=ref.country, role=ref.role, name=ref.name)


def _place_actor(place: Place, text: str) -> Actor:
    return Actor(text=text, code=place.country or "---", country=place.country, role=None, name=place.name)


def find_candidates(doc: Doc, mentions_by_sentence: list[list], lexicon: EventLexicon | None = None, skip_before: int = 0) -> list[SentenceResult]:
    """Event candidates sentence by sentence, with the discourse memory carried along."""
    lexicon = lexicon or get_event_lexicon()
    discourse = Discourse()
    results = []
    for index, (sent, mentions) in enumerate(zip(doc.sents, mentions_by_sentence)):
        res = SentenceResult(index, sent)
        if sent.end_char > skip_before and len(sent) <= 250:
            reread_headline(sent, lexicon)  # "Mali's junta expels French ambassador": 'expels' is the verb
            actors = SentenceActors(doc, mentions, discourse)
            res.candidates, res.rejections = candidates_in(sent, actors, lexicon)
        for m in mentions:
            discourse.remember(ActorRef.from_mention(m, doc))
        results.append(res)
    return results


def build_events(
    doc_id: str,
    doc: Doc,
    results: list[SentenceResult],
    published: date | None,
    places: list[Place],
    times_by_sentence: list[list[TimeExpr]],
    lexicon: EventLexicon | None = None,
    skip_before: int = 0,
    text: str | None = None,
) -> list[Event]:
    """``text``: ``doc.text`` when the caller has it already (spaCy joins every token to make it)."""
    lexicon = lexicon or get_event_lexicon()
    codebook = get_codebook()
    pub = published.isoformat() if published else None
    text = doc.text if text is None else text
    events: list[Event] = []
    seen: set[str] = set()
    said_by: dict[tuple, list] = {}  # (sentence, source, target, code, modality) -> its triggers
    # Places by position, so that each sentence looks only at its own (long articles name hundreds).
    located = sorted((p for p in places if p.start is not None), key=lambda p: p.start)
    starts = [p.start for p in located]
    for res in results:
        sent = res.sent
        if not res.candidates:
            continue
        in_sentence = located[bisect_left(starts, sent.start_char):bisect_left(starts, sent.end_char)]
        start = max(sent.start_char, skip_before)  # a dateline is not part of the sentence
        while start < sent.end_char and text[start].isspace():
            start += 1
        end = sent.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        sentence_text = text[start:end]
        for cand in res.candidates:
            code, modality = cand.modality.apply(cand.code, lexicon)
            info = codebook.get(code)
            if info is None:
                continue
            notes = list(cand.notes)
            if code != cand.code:
                notes.append(f"code {cand.code} -> {code}: {cand.modality.shift} ('{cand.modality.cue}')")
            if modality != "asserted":
                notes.append(f"modality {modality} from '{cand.modality.cue}'")
            target = _actor(cand.target) if cand.target else None
            if target is not None and code.startswith(ENVOY_EXPULSION) and target.country and target.code == f"{target.country}GOV":
                # "expelled Estonia's ambassador": the envoy stands for the state that sent him
                target = Actor(text=target.text, code=target.country, country=target.country, role=None, name=target.name)
                notes.append(f"target {target.country}: an expelled envoy stands for the state that sent him")
            target_span = (cand.target.start_char, cand.target.end_char) if cand.target else None
            if target is None and cand.place_token is not None:
                tok = cand.place_token
                place = place_at(in_sentence, tok.left_edge.idx, tok.idx + len(tok))
                if place is None or not place.country:
                    continue
                target = _place_actor(place, doc[tok.left_edge.i : tok.i + 1].text)
                target_span = (tok.left_edge.idx, tok.idx + len(tok))
                notes.append(f"target '{target.text}' ({target.code}): the place visited stands for its country")
            if target is None and not (cand.frame.notarget or cand.untargeted):
                continue
            when = tie_time(cand.trigger, times_by_sentence[res.index])
            location = tie_place(cand.trigger, in_sentence, target_span, code.startswith(("042", "036")))
            if when is not None:
                notes.append(f"date from '{when.text}'")
            if location is not None:
                notes.append(f"place from '{location.text or location.name}'")
            eid = event_id(doc_id, res.index, cand.trigger.i, cand.source.code, target.code if target else None, code)
            # "threatened Russia with tariffs" is one threat, though both the verb and its noun carry
            # it: a trigger that is its coded neighbour's argument adds no event of its own
            said = (res.index, cand.source.code, target.code if target else None, code, modality)
            if eid in seen or any(_argument_of(cand.trigger, other) for other in said_by.get(said, ())):
                continue
            seen.add(eid)
            said_by.setdefault(said, []).append(cand.trigger)
            trig = cand.trigger
            events.append(
                Event(
                    event_id=eid,
                    doc_id=doc_id,
                    sentence_index=res.index,
                    sentence=sentence_text,
                    char_span=(start, end),
                    source=_actor(cand.source),
                    target=target,
                    cameo=code,
                    cameo_root=code[:2],
                    cameo_name=info.name,
                    quad_class=info.quad_class,
                    goldstein=info.goldstein,
                    modality=modality,
                    published=pub,
                    event_date=when.value if when else pub,
                    event_date_end=when.value_end if when else None,
                    date_source="text" if when else ("publication" if pub else "none"),
                    location=location,
                    trigger={"text": trig.text, "lemma": trig.lemma_.lower()},
                    explanation="; ".join(notes),
                    confidence=cand.confidence,
                    plover=plover_reading(code, modality, lexicon),
                )
            )
    _inherit_visit_context(events)
    return events


# roots whose announced (planned or possible) act PLOVER reads as a promise (AGREE); hostile
# roots, announced, read as a THREATEN; a negated cooperative act as a REJECT
PLOVER_PROMISE_ROOTS = {"04", "05", "06", "07", "08"}
PLOVER_THREAT_ROOTS = {"15", "16", "17", "18", "19", "20"}


def plover_reading(code: str, modality: str, lexicon: EventLexicon) -> dict | None:
    """The PLOVER event for a coded event, read with its modality.

    PLOVER has no "planned" or "negated" events: the CAMEO manual's own examples, which the
    PLOVER gold records code, read "Portugal will support Turkey" as an expressed intent
    (03, PLOVER AGREE), "farmers said they would blockade Paris" as a threat (13,
    THREATEN) and "Syria will not accept more refugees" as a refusal (12, REJECT). The
    CAMEO code of the event keeps its own reading with its modality; only the PLOVER
    record takes the intent, threat or refusal that the modality implies.
    """
    root = code[:2]
    shifted = None
    if modality in ("planned", "possible"):
        if root in PLOVER_PROMISE_ROOTS:
            shifted = lexicon.shift("intent", code)
        elif root in PLOVER_THREAT_ROOTS:
            shifted = lexicon.shift("threat", code)
    elif modality == "negated" and root in PLOVER_PROMISE_ROOTS | {"03"}:
        shifted = lexicon.shift("reject", code)
    final = shifted or code
    reading = plover_for(final)
    override = lexicon.plover_overrides.get(final)
    if reading is not None and override is not None:  # where the PLOVER gold reads a code unlike the table
        reading["event_type"], reading["mode"] = override[0], override[1] or reading["mode"]
    return reading


def _argument_of(a, b) -> bool:
    """One trigger is the other's object, directly or through a preposition ("threatened ...
    *with* tariffs", "fund a loan"), and another word for the act."""
    def under(x, y) -> bool:
        return (x.dep_ in ("dobj", "obj") and x.head.i == y.i) or (
            x.dep_ == "pobj" and x.head.dep_ in ("prep", "agent", "dative") and x.head.head.i == y.i)
    # the same word again is a second mention ("visited Russia on Monday, his first visit to Moscow")
    return a.lemma_ != b.lemma_ and (under(a, b) or under(b, a))


def _inherit_visit_context(events: list[Event]) -> None:
    """Events during a dated, placed visit take its date and place when they state none.

    "During his visit, Putin is expected to meet Li Qiang" happens in Beijing on the
    visit's dates; so does "the Russian leader is also scheduled to visit Harbin"
    (its own place, the visit's dates).
    """
    visits: dict[str, Event] = {}
    for ev in events:
        src = ev.source.code
        during = "during" in ev.sentence.lower() and "visit" in ev.sentence.lower()
        visit = visits.get(src) or (visits.get(ev.target.code) if during and ev.target else None)
        if visit is not None and ev is not visit and ev.date_source != "text" and ev.modality == visit.modality:
            if during or ev.cameo.startswith(VISIT_CODES):
                ev.event_date, ev.event_date_end, ev.date_source = visit.event_date, visit.event_date_end, "text"
                ev.explanation += f"; date of the visit in sentence {visit.sentence_index + 1}"
                if ev.location is None and during:
                    ev.location = visit.location
                    ev.explanation += "; place of the visit"
        if ev.cameo == "042" and ev.date_source == "text" and ev.location is not None:
            visits.setdefault(src, ev)
