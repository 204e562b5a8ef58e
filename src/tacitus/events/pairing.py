"""Who-acts-on-whom pairs for an event candidate, and when an event stands with no target.

:mod:`.extract` finds a trigger's source and target actors; this module decides which
(source, target) pairs they make: a reciprocal frame gives both directions, an actor is never
its own target, a light verb's object that belongs to the source ("recalled *its* ambassador")
is no target, a force posture's object is the source's own force ("Russia massed troops":
Russia's military mobilises), and some events need no target at all.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from .lexicon import Frame
from .participants import ActorRef
from .roles import LOCATED_TARGET_ROOTS, LOCATIVE_PREPS, OBJECT_TARGET_PREPS
from .syntax import direct_object, prep_objects, thing_owners

# Yielding (resigning, withdrawing), protests, force postures, assaults, fights and mass violence
# are events even when the sentence names no one they are aimed at ("Iraqi Kurds demonstrated in
# Kirkuk", "Palestinian prisoners rioted", "the president resigned"): a verb of these roots (not a
# participle such as "before withdrawing"; or a protest noun: "a hunger strike") with a named
# source and no object or target phrase at all is coded with no target. Other nouns ("the
# attack") are left alone: they are usually a topic.
UNTARGETED_ROOTS = {"08", "14", "15", "18", "19", "20"}

# Acts whose object is a thing, not an actor, are still events of their source: "demanded
# immediate elections" (100), "agreed to set up a research centre" (030), "refused land
# allocation" (120), "threatened to institute a curfew" (130), "confiscated weapons" (1711),
# "blew up power lines" (1712), "captured a stronghold" (192). PLOVER codes them with no
# recipient. An investigation of a thing ("investigating alleged war crimes") is one too (09), aimed at
# whoever is suspected of it or holds the place, when the sentence says.
# Consultation, diplomatic and material cooperation and criticism (04, 05, 06, 11) are always between two parties and are not coded without one; an appeal's object is too often
# not what it asks for ("called an election") to stand without an addressee (02).
# ... but "accepted a formula", "called off a strike", "denied land allocation": the object of
# an accepting, yielding or refusing light verb is what is accepted, given up or refused, and the
# object of a posture verb is the show of force itself ("ordered patrols")
HANDLED_THING_ROOTS = {"03", "07", "08", "12", "15"}
THING_TARGET_ROOTS = {"03", "07", "08", "09", "10", "12", "13", "14", "15", "16", "17", "18", "19", "20"}

# giving and yielding acts (intent, diplomatic and material cooperation, aid, yielding): an object
# of the source's own country is what it gives, not whom it gives it to ("Israel would send troops")
GIVING_ROOTS = {"03", "05", "06", "07", "08"}

# words that name an actor even when the lexicon does not know it: such a target is unknown,
# not absent, and the event is not coded without it
ACTOR_ENTITY_TYPES = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"}

# force postures: the verb's object is the force that moves ("massed troops", "deployed police")
POSTURE_ROOT = "15"


def make_pairs(sources: list[ActorRef], targets: list[ActorRef], frame: Frame, object_target: bool = False,
               own_words: set[int] | None = None) -> list[tuple[ActorRef, ActorRef | None]]:
    """(source, target) pairs.

    ``object_target``: the targets are a light verb's own object; one tied back to its source
    (``own_words``: target tokens under a possessive pronoun, "recalled *its* ambassador"; the
    source's very code; or any of its country's actors given away, "sent troops") is the
    source's own and no target. Another actor of the same
    country is a real target ("Sudan's RSF killed civilians").
    """
    own_words = own_words or set()
    pairs = []
    if targets:
        for s in sources:
            for t in targets:
                if object_target and frame.objects and s.country and s.country == t.country and (t.token in own_words or frame.code[:2] in GIVING_ROOTS):
                    continue  # "Mexico recalled its ambassador": its own envoy is no target
                if s.code != t.code:
                    pairs.append((s, t))
                    if frame.recip:
                        pairs.append((t, s))
    elif (frame.recip or frame.mutual) and len(sources) > 1:
        for s in sources:
            for t in sources:
                if s is not t:
                    pairs.append((s, t))
    unique = {}
    for s, t in pairs:
        unique.setdefault((s.code, s.start_char, t.code if t else None, t.start_char if t else None), (s, t))
    return list(unique.values())


def possessed_by_pronoun(tokens: list[Token]) -> set[int]:
    """Indices of target words that a possessive pronoun ties to the actor ("*its* ambassador")."""
    return {t.i for t in tokens if any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in t.children)}


def named_sources(sources: list[ActorRef]) -> bool:
    """Sources named in the text (not a bare role word or a pronoun guess)."""
    return bool(sources) and all(s.via == "named" and not s.code.startswith("---") for s in sources)


def stands_alone(code: str, sources: list[ActorRef]) -> bool:
    """A violent, yielding, protest or posture event whose source is named stands alone."""
    return code[:2] in UNTARGETED_ROOTS and named_sources(sources)


def acts_on_thing(frame: Frame, code: str, sources: list[ActorRef], target_words: list[Token]) -> bool:
    """The act is aimed at a thing ("demanded elections", "confiscated weapons"), not at an actor.

    True when the root may stand without a target, the source is named and none of the words
    where the target would be is a name, a pronoun or a number (an unknown actor or a head
    count: "killed 12").
    """
    if frame.needactor or code[:2] not in THING_TARGET_ROOTS or not named_sources(sources) or not target_words:
        return False
    for word in target_words:
        if word.ent_type_ == "FAC":
            continue  # "the Esfahan Uranium Conversion Facilities": a named building is still a thing
        if word.lemma_.lower() in frame.objects and code[:2] not in HANDLED_THING_ROOTS:
            return False  # "launched attacks": a light verb's object is the event itself, its target is elsewhere
        if word.pos_ in ("PROPN", "PRON", "NUM") or word.ent_type_ in ACTOR_ENTITY_TYPES:
            return False
        if any((c.dep_ == "poss" and c.tag_ != "PRP$") or c.ent_type_ in ACTOR_ENTITY_TYPES for c in word.children):
            return False  # "Serbia's suppression", "Israeli positions": someone's, not no one's
    return True


def owned_thing(frame: Frame, sources: list[ActorRef], target_words: list[Token]) -> bool:
    """A cooperative or yielding act on a thing that names its holder ("agreed to an extension of
    the mandate for *UNIFIL*"): the holder, found among the thing's owners, is the target."""
    return frame.code[:2] in OWNED_THING_ROOTS and named_sources(sources) and any(
        c.dep_ in ("poss", "appos", "compound", "nmod") and c.tag_ != "PRP$" for t in target_words for c in t.children)


def posture_sources(sources: list[ActorRef], objects: list[ActorRef]) -> list[ActorRef]:
    """"Russia massed troops", "Poland deployed soldiers": the force a posture verb moves is the
    source's own, so the source becomes that force (RUS -> RUSMIL). Empty when the objects are
    not all forces (role words) or the source already is one."""
    if not objects or not all(o.role for o in objects) or any(s.role == objects[0].role for s in sources):
        return []
    role = objects[0].role
    moved = []
    for s in sources:
        base = s.code[: len(s.code) - len(s.role)] if s.role and s.code.endswith(s.role) else s.code
        moved.append(replace(s, code=base + role, role=role))
    return moved


INVESTIGATE_ROOT = "09"


# cooperative and yielding acts on a thing are aimed at whoever owns or holds it: "allow the return
# of *U.N.* inspectors", "agreed to an extension of the mandate for the force in *Lebanon*"
OWNED_THING_ROOTS = {"03", "05", "06", "08"}
# coercion and force against a thing are aimed at whoever holds it
HELD_THING_ROOTS = {"17", "18", "19", "20"}


def thing_target_options(code: str, things: list[Token]) -> list[tuple[list[Token], str]]:
    """Where an act on a thing finds whom it is aimed at: the thing's own target phrase ("travel
    *to Tunisia*"), and for coercion and force the place that holds it ("the refineries
    *in Iran*")."""
    options = [(prep_objects(t, OBJECT_TARGET_PREPS), f"object of '{t.text} {p.head.text}'") for t in things for p in prep_objects(t, OBJECT_TARGET_PREPS)[:1]]
    if code[:2] == INVESTIGATE_ROOT:  # "investigate alleged abuses *by Russia*": the suspect
        options += [(prep_objects(t, {"by"}), f"who is suspected of the '{t.text}'") for t in things if prep_objects(t, {"by"})]
    if code[:2] in OWNED_THING_ROOTS:  # "agreed to a extension of the mandate for the force *in Lebanon*"
        options += [([o], f"owner of the '{t.text}'") for t in things for o in thing_owners(t)]
    if code[:2] in HELD_THING_ROOTS:  # "hack into the computers *of South Korean army officers*"
        options += [([o], f"owner of the '{t.text}'") for t in things for o in thing_owners(t, adjectives=True)]
    if code[:2] in LOCATED_TARGET_ROOTS or code[:2] == INVESTIGATE_ROOT:
        options += [([p], f"place of the '{t.text}'") for t in things for p in prep_objects(t, LOCATIVE_PREPS)
                    if p.pos_ == "PROPN" or p.ent_type_ in ("GPE", "LOC", "FAC")]
    return options


# protests, strikes and riots by a country's own people, aimed at no one the sentence names, are
# aimed at its government ("Israelis took to the streets", "French workers went on strike")
PROTEST_ROOT = "14"
PROTESTING_ROLES = {"OPP", "CVL", "LAB", "EDU", "MED", "REF", "MOD", "RAD", "HRI", "NGO", "BUS", "AGR", "REL"}


def own_government(source: ActorRef) -> ActorRef | None:
    """The protesters' own government as the default target of their protest (None when the
    source is not a group of a country's people, or is the government itself)."""
    if not source.country or source.country.startswith("---") or len(source.country) != 3:
        return None
    if source.role not in PROTESTING_ROLES and not (source.role is None and source.code == source.country and source.kind != "country"):
        return None
    return replace(source, code=source.country + "GOV", text=f"the government of {source.country}", role="GOV", name=None,
                   kind="organization", via="protesters' own government")


# appeals (02) for an event are aimed at the parties the event names; acceptance (03, 08) of an
# event noun ("accept a ceasefire") is, when asked for, a request for that event
APPEAL_ROOT = "02"
ACCEPTANCE_ROOTS = {"03", "08"}
EVENT_PARTY_PREPS = {"between", "with", "against", "on", "in"}


def asked_event_parties(things: list[Token], lexicon, preps: set[str] = EVENT_PARTY_PREPS) -> list[tuple[list[Token], str]]:
    """"called for a ceasefire *between Israel and Hamas*", "called for sanctions *against Iran*":
    the parties named by the event noun an appeal asks for (only nouns the lexicon knows as events)."""
    options = []
    for thing in things:
        if not lexicon.frames_for(thing.lemma_.lower(), "N") and not lexicon.frames_for(thing.lemma_.lower().rstrip("s"), "N"):
            continue
        for prep in (c for c in thing.children if c.dep_ == "prep" and c.lower_ in preps):
            objs = [o for o in prep.children if o.dep_ == "pobj"]
            objs += [c for o in objs for c in o.children if c.dep_ == "conj"]
            if objs:
                options.append((objs, f"party to the '{thing.text}' asked for ('{prep.text}')"))
    return options


def accepted_event_code(verb: Token, lexicon) -> str | None:
    """The code of the event noun a verb of acceptance takes: "accept a ceasefire" -> 0871."""
    obj = direct_object(verb)
    if obj is None:
        return None
    frames = lexicon.frames_for(obj.lemma_.lower(), "N") or lexicon.frames_for(obj.lemma_.lower().rstrip("s"), "N")
    plain = [f for f in frames if not f.objects]
    return plain[0].code if plain else None


# a protest "against the plan/law/reform" is a protest for a change of policy (CAMEO 1412, 1422,
# 1432, 1442, 1452: the protest's three-digit code with a final 2)
POLICY_WORDS = {"plan", "policy", "law", "bill", "reform", "decision", "measure", "mandate", "rule", "ban", "tax",
                "price", "cut", "increase", "hike", "legislation", "amendment", "budget", "austerity", "closure", "privatization", "privatisation"}


def protested_policy(trigger: Token) -> Token | None:
    """The policy a protest is against ("went on strike *against* Macron's *plan*"), read on the
    trigger and, for a noun after a light verb ("went on strike"), on that verb."""
    holders = [trigger] + ([trigger.head.head] if trigger.dep_ == "pobj" else [])
    for holder in holders:
        for obj in prep_objects(holder, {"against", "over"}):
            if obj.lemma_.lower() in POLICY_WORDS:
                return obj
    return None


# prepositions that make an attack noun the means of its verb's violent act ("killed *in* a strike")
MEANS_PREPS = {"in", "with"}
VIOLENT_CODE_ROOTS = {"18", "19", "20"}


def fold_attack_means(cands: list) -> list:
    """"killed Fuad Shukr *in a strike* on Beirut": the strike is how the killing was done, one
    event, not a second attack on the place. An attack noun under "in"/"with" whose verb is
    itself coded as violence by the same source is dropped when it adds nothing (a plain
    attack, 190) or lends its code to a plain killing ("killed in an air strike": 195); a
    specific attack beside a specific killing ("killed the leader in an air strike": 186
    and 195) is kept."""
    violent = {c.trigger.i: {x.source.code for x in cands if x.trigger.i == c.trigger.i}
               for c in cands if c.code[:2] in VIOLENT_CODE_ROOTS and c.trigger.pos_ == "VERB"}
    if not violent:
        return cands

    def means(c) -> bool:
        tok = c.trigger
        if tok.pos_ != "NOUN" or c.code[:2] not in VIOLENT_CODE_ROOTS or tok.dep_ != "pobj":
            return False
        prep = tok.head
        return prep.lower_ in MEANS_PREPS and c.source.code in violent.get(prep.head.i, ())

    drop: set[int] = set()
    for noun in (c for c in cands if means(c)):
        generic = noun.code == noun.code[:2] + "0"
        for verb in (c for c in cands if c.trigger.i == noun.trigger.head.head.i and c.source.code == noun.source.code):
            if verb.code == verb.code[:2] + "0" and noun.code[:2] == verb.code[:2]:
                # "killed in an air strike": one killing, with the strike's own code (195)
                if noun.code != verb.code:
                    verb.notes.append(f"code {verb.code} -> {noun.code}: done by '{noun.trigger.text}'")
                    verb.code = noun.code
                generic = True
        if generic:  # "killed the commander in a strike": the strike tells nothing more
            drop.add(id(noun))
    return [c for c in cands if id(c) not in drop]
