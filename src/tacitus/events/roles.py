"""Where a trigger's source and target may be in the parse (a verb's subject and objects, a
noun's possessor, modifiers and prepositions), best option first.

:func:`verb_roles` and :func:`noun_roles` return token options only; turning them into
actors is :mod:`.participants`' job and choosing among them is :mod:`.extract`'s.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .lexicon import Frame
from .matching import MOVEMENT_HEADS
from .second_roles import clause_subjects, document_author, judged_as_object, taking_part
from .syntax import (agent_of, dative, direct_object, direct_subject, governing_verb, headline_partner, prep_objects, subject_of,
                     thing_owners)


@dataclass
class Roles:
    """Where a trigger's source and target may be, best option first."""

    sources: list[tuple[list[Token], str]] = field(default_factory=list)
    targets: list[tuple[list[Token], str]] = field(default_factory=list)

    def add_source(self, tokens, how: str) -> None:
        if tokens:
            self.sources.append((list(tokens), how))

    def add_target(self, tokens, how: str) -> None:
        if tokens:
            self.targets.append((list(tokens), how))


# a noun used as an instrument of its verb takes the verb's object as its target
# ("isolate Russia *through* sanctions"); other prepositions ("cast X *as* a threat") do not
INSTRUMENT_PREPS = {"through", "with", "by", "via"}
# kinds of event a noun after "in" can name for its verb's object ("wounded two soldiers in an attack")
VIOLENT_ROOTS = {"18", "19", "20"}
# marks a target found through "VERB X in a NOUN": the verb's subject acts on X, one way only
AIMED_IN = "(aimed at in the"
# verbs whose subject judges or reports a nominal event rather than doing it
# ("the ICC condemned the deportation of children": the ICC deported no one)
NON_AGENT_VERBS = {"condemn", "criticize", "criticise", "denounce", "welcome", "report", "say", "describe", "call",
                   "investigate", "deny", "blame", "praise", "mourn", "remember", "recall", "mark", "commemorate", "document"}




# verbs whose subject takes part in the act its object names ("joined the sanctions")
JOINING_VERBS = {"join"}


# state acts (restrictions, arrests, expulsions, repression): "was arrested in Lebanon" with no
# agent named is done by the country it happened in, as CAMEO coders record it
STATE_ACT_CODES = {"172", "173", "174", "175"}
# demobilizing and withdrawing: a passive with no agent names the force that does it ("troops were pulled out")
SELF_YIELD_CODES = {"0873", "0874"}


def _late_agent(verb: Token) -> Token | None:
    """"Syria was accused of shelling the border *by Turkey*": a passive verb's 'by' phrase that the
    parse hung on its active gerund complement, after the gerund's object."""
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for gerund in (g for g in prep.children if g.dep_ == "pcomp" and g.tag_ == "VBG"):
            if any(c.dep_ == "auxpass" for c in gerund.children):
                continue  # "accused of being helped by Iran": the gerund's own agent
            obj = direct_object(gerund)
            for by in (c for c in gerund.children if c.dep_ == "prep" and c.lower_ == "by" and obj is not None and c.i > obj.i):
                agent = next((g for g in by.children if g.dep_ == "pobj"), None)
                if agent is not None and agent.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
                    return agent
    return None


# disasters and accidents as a passive verb's agent: the act has no actor ("killed by the crash")
MISHAPS = {"crash", "accident", "collision", "earthquake", "quake", "flood", "storm", "hurricane", "typhoon", "cyclone",
           "landslide", "avalanche", "tsunami", "wildfire", "derailment", "malfunction", "disease", "epidemic"}


# participles that, after "to be", state the subject's own stance ("is opposed to", "is committed to")
STATIVE_PASSIVES = {"oppose", "commit", "dedicate", "devote"}


# prepositions after a verb's object that name whom the act is aimed at ("action *against* Russia")
OBJECT_TARGET_PREPS = {"against", "on", "with", "to", "toward", "towards", "into", "between"}
# rejections are aimed at whoever made the call, offer or invitation; demands at whoever must
# act ("demanded an admission by Moscow", "demanded support from the Assembly")
ASKED_BY_ROOTS = {"10", "12"}
# praise and criticism of what someone did or said are aimed at its author ("welcomed the decision
# by Iran", "criticized Russia's move")
JUDGED_BY_ROOTS = {"05", "11"}
# demands and threats are aimed at whoever must meet their condition
CONDITION_ROOTS = {"10", "13"}


# requests, demands, promises and threats take their target from what they ask or promise
COMPLEMENT_ROOTS = {"02", "03", "10", "13"}


def complement(verb: Token) -> Token | None:
    """The clause a verb of saying-to-do governs ("urged Iran *to stop*", "demanded that Russia *withdraw*")."""
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            return child
    return None


def verb_roles(verb: Token, frame: Frame) -> Roles:
    roles = Roles()
    subj, passive, how = subject_of(verb)
    obj = None if frame.nodobj else direct_object(verb)
    # "the civilians imprisoned for ... were released by Putin": a 'by' agent makes the verb passive
    # even when the parse found its subject elsewhere
    # ("Bashir shortened *by one hour* the curfew": with an object, or with its own active subject
    # and no passive auxiliary, the verb is active and its 'by' is a measure, not an agent)
    active = any(c.dep_ == "nsubj" for c in verb.children) and not any(c.dep_ == "auxpass" for c in verb.children)
    passive = passive or (verb.tag_ == "VBN" and agent_of(verb) is not None and direct_object(verb) is None and not active)
    if verb.tag_ == "VBN" and verb.lemma_.lower() in STATIVE_PASSIVES and agent_of(verb) is None and prep_objects(verb, {"to"}):
        # "Israel is opposed to French mediation": a state of the subject, aimed at the 'to' object
        passive = False
        roles.add_target(prep_objects(verb, {"to"}), "object of 'to'")
        if subj is None:  # the parse may hang the subject on "is"
            subj = next((s for a in verb.children if a.dep_ in ("aux", "auxpass") for s in a.children if s.dep_ == "nsubj"), None)
    if passive:
        agent = agent_of(verb) or _late_agent(verb)
        if agent is not None and agent.lemma_.lower() in MISHAPS:
            agent = None  # "victims killed by the MH17 crash": no one did it
        roles.add_source([agent] if agent is not None else [], "'by' object of the passive verb")
        if agent is not None:
            # "attacked by drones and missiles *launched by Iran*": whoever launched the weapons
            weapons = [agent, *prep_objects(agent, {"of"})]  # "by dozens *of drones* launched by Yemen"
            for launch in (c for w in weapons for c in w.children if c.dep_ == "acl" and c.tag_ == "VBN"):
                launcher = agent_of(launch)
                roles.add_source([launcher] if launcher is not None else [], f"'by' object of '{launch.text}'")
        if agent is None and frame.unknown_doers:
            # "had been killed in an *Israeli* air strike": who made the attack did the killing
            for attack in (t for t in prep_objects(verb, {"in"}) if t.lemma_.lower() in frame.unknown_doers):
                makers = [c for c in attack.children if c.dep_ in ("amod", "compound", "poss") and c.i < attack.i
                          and (c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or c.pos_ == "PROPN")]
                roles.add_source(makers + prep_objects(attack, {"by"}), f"who made the '{attack.text}'")
        self_yield = agent is None and frame.code[:4] in SELF_YIELD_CODES
        if self_yield:  # "One third of the guerrillas have been demobilized": the force stands itself down
            roles.add_source([subj] if subj is not None else [], "subject of the passive verb (the force itself)")
        if agent is None and frame.code[:3] in STATE_ACT_CODES:
            places = [t for t in prep_objects(verb, {"in"}) if t.ent_type_ == "GPE"]
            roles.add_source(places, "the country where the passive state act took place (its government acts)")
        roles.add_target([subj] if subj is not None and not self_yield else [], "subject of the passive verb")
        if verb.dep_ == "acl":  # "victims killed by the crash": the noun is who it was done to
            roles.add_target([verb.head], f"noun modified by '{verb.text}'")
    else:
        if frame.inverse:
            roles.add_source(prep_objects(verb, {"from", "by"}), "'from' object")
            if obj is not None:  # "received assurances from the government": the parse hangs 'from' on the object
                roles.add_source(prep_objects(obj, {"from"}), f"'from' object of '{obj.text}'")
            roles.add_target([subj] if subj is not None else [], "subject (receiving)")
        else:
            partner = headline_partner(subj) if subj is not None and how == "subject" else None
            roles.add_source([] if subj is None else [subj] if partner is None else [partner, subj], how)
            if not frame.objects:  # a light verb's object is the event, not its target
                roles.add_target([obj] if obj is not None else [], "direct object")
    dat = dative(verb)
    roles.add_target([dat] if dat is not None else [], "indirect object")
    if frame.preps:
        objs = prep_objects(verb, frame.preps)
        roles.add_target(objs, f"object of '{objs[0].head.text}'" if objs else "")
        if "to" in frame.preps:
            roles.add_target(_participle_after_to(verb), "object of 'to' (before a participle)")
        if obj is not None:  # "eased sanctions on Syria", "launched artillery and rocket fire against camps"
            objs = [o for part in (obj, *obj.conjuncts) for o in prep_objects(part, frame.preps)]
            roles.add_target(objs, f"object of '{objs[0].head.text}'" if objs else "")
    if frame.objects and obj is not None:
        # "attend a summit in Switzerland", "attend the Beijing Olympics"
        roles.add_target(prep_objects(obj, {"in", "at"}), f"place of the '{obj.text}'")
        # "attend the Group of 20 summit in New Delhi", parsed with the summit under 'of'
        places = [p for inner in prep_objects(obj, {"of"}) for p in prep_objects(inner, {"in", "at"})]
        roles.add_target(places, f"place of the '{places[0].head.head.text}'" if places else "")
        roles.add_target([c for c in obj.children if c.dep_ == "compound" and c.ent_type_ in ("GPE", "LOC")], f"place of the '{obj.text}'")
    if frame.code.startswith(("04", "09")):  # "met in Zurich", "dispatched inspectors to the plant in Iran"
        places = [t for t in prep_objects(verb, {"in", "at"}) if t.ent_type_ in ("GPE", "LOC", "FAC")]
        roles.add_target(places, "place where they meet" if frame.code.startswith("04") else "place investigated")
    if frame.objects and obj is not None:
        roles.add_target([obj], "direct object")  # "shot down Indian fighter jets": the object is hit
        if obj.lemma_.lower() in MOVEMENT_HEADS:  # "allow the return of U.N. inspectors"
            roles.add_target(prep_objects(obj, {"of"}), f"who makes the '{obj.text}'")
        if frame.code[:2] in LOCATED_TARGET_ROOTS:  # "captured part of a *Karen* guerrilla stronghold"
            roles.add_target(thing_owners(obj, adjectives=True), f"owner of the '{obj.text}'")
    if frame.objects:  # "let aid enter southern Gaza": where what is let in goes
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            dest = direct_object(clause)
            roles.add_target([dest, *prep_objects(clause, {"to", "into"})] if dest is not None else prep_objects(clause, {"to", "into"}),
                             f"where '{clause.text}' goes")
            roles.add_target([c for c in clause.children if c.dep_ == "nsubj"], f"who is let '{clause.text}'")
    if frame.code[:2] in LOCATED_TARGET_ROOTS:
        _add_located(roles, ([obj] if obj is not None and not frame.objects else []) + [verb])
    if obj is not None and frame.code[:2] in ASKED_BY_ROOTS | JUDGED_BY_ROOTS:
        # "rejected calls by Belarus's rulers", "rejected an offer from Afghanistan": who asked
        asker = [c for c in obj.children if c.dep_ == "poss" and c.tag_ != "PRP$"] + prep_objects(obj, {"by", "from"})
        roles.add_target(asker, f"who made the '{obj.text}'")
    if obj is not None and not frame.notarget:
        # "threatened further action against Russia", "boycott all contact with the United States"
        objs = prep_objects(obj, OBJECT_TARGET_PREPS)
        roles.add_target(objs, f"object of '{objs[0].head.text}' after the object" if objs else "")
    comp = complement(verb) if frame.code[:2] in COMPLEMENT_ROOTS | {"12"} else None  # "refused to meet Zelensky"
    if comp is not None:
        subj_c, _ = direct_subject(comp)
        if subj_c is not None:
            roles.add_target([subj_c], f"subject of '{comp.text}'")
        for tok in (dative(comp), direct_object(comp)):
            if tok is not None:
                roles.add_target([tok], f"object of '{comp.text}'")
        objs = prep_objects(comp, {"to", "with", "on", "against", "for", "into"})
        roles.add_target(objs, f"object of '{comp.text}'")
        # "refused to allow U.N. planes to land": who the complement lets act
        let = [s for c in comp.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]
        roles.add_target(let, f"who '{comp.text}' concerns")
        comp_obj = direct_object(comp)
        if comp_obj is not None:  # "threatened to impose restrictions against German goods"
            objs = prep_objects(comp_obj, OBJECT_TARGET_PREPS)
            roles.add_target(objs, f"object of '{objs[0].head.text}' ('{comp.text}')" if objs else "")
    roles.add_source(*document_author(verb))
    if obj is None and frame.code[:2] in ("11", "12"):
        roles.add_target(judged_as_object(verb), "owner of what is judged ('as ...')")
    if frame.code[:2] in CONDITION_ROOTS:
        # an ultimatum's condition names its target: "threatened to strike unless Israel rescinded"
        for clause in (c for c in [verb, *([comp] if comp is not None else [])] for c in c.children):
            if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if", "until") for m in clause.children):
                subj_c, _ = direct_subject(clause)
                roles.add_target([subj_c] if subj_c is not None else [], f"subject of the condition '{clause.text}'")
    return roles


# generic nouns that carry an event noun compounded onto them: "undertook a *mediation mission*
# between Syria and Arafat", "launched a *mediation effort* between": the pair is the event
CARRIER_NOUNS = {"mission", "effort", "campaign", "operation", "process", "bid", "drive", "initiative", "attempt"}


def noun_roles(noun: Token, frame: Frame) -> Roles:
    roles = Roles()
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in CARRIER_NOUNS:
        noun = noun.head
    verb = governing_verb(noun)
    if verb is not None and noun.dep_ in ("dobj", "obj") and verb.lemma_.lower() in JOINING_VERBS:
        # "India has not joined Western sanctions against Russia": who joins an act does it too
        subj, passive, how = subject_of(verb)
        if subj is not None and not passive:
            roles.add_source([subj], f"{how} of '{verb.text}' (joins the '{noun.text}')")
    poss = [c for c in noun.children if c.dep_ == "poss"]
    pronoun_poss = bool(poss) and poss[0].tag_ == "PRP$"
    if poss and not pronoun_poss:
        roles.add_source(poss, "possessor")
    if frame.srcprep:
        roles.add_source(prep_objects(noun, {frame.srcprep}), f"object of '{frame.srcprep}'")
    if frame.srcprep != "by":
        roles.add_source(prep_objects(noun, {"by"}), "object of 'by'")
    roles.add_source([c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i], "modifier of the noun")
    if pronoun_poss:
        roles.add_source(poss, "possessor")
    if verb is not None and verb.lemma_.lower() not in NON_AGENT_VERBS and not _background(noun, frame):
        subj, passive, how = subject_of(verb)
        if passive and subj is not None and noun.dep_ != "nsubjpass" and taking_part(verb, noun):
            roles.add_source([subj], f"subject of '{verb.text}' (takes part in the '{noun.text}')")
        elif noun.dep_ == "nsubjpass" or passive:
            agent = agent_of(verb)
            roles.add_source([agent] if agent is not None else [], f"'by' object of '{verb.text}'")
        elif subj is not None and subj.i != noun.i:
            roles.add_source([subj], how if "'" in how else f"{how} of '{verb.text}'")
    if frame.preps:
        objs = [o for o in prep_objects(noun, frame.preps) if not (frame.srcprep and o.head.lower_ == frame.srcprep)]
        roles.add_target(objs, f"object of '{objs[0].head.text}'" if objs else "")
        # "drills in six zones *around Taiwan*": the place phrase's own phrase names whom it is aimed at
        nested = _nested_targets(noun, frame)
        roles.add_target(nested, f"object of '{nested[0].head.text}'" if nested else "")
        for acl in (c for c in noun.children if c.dep_ == "acl"):
            objs = prep_objects(acl, frame.preps)
            roles.add_target(objs, f"object of '{objs[0].head.text}' ('{acl.text}')" if objs else "")
        if verb is not None:
            objs = prep_objects(verb, frame.preps)
            roles.add_target(objs, f"object of '{objs[0].head.text}'" if objs else "")
            nested = _nested_targets(verb, frame)
            roles.add_target(nested, f"object of '{nested[0].head.text}'" if nested else "")
    if verb is not None and noun.dep_ in ("dobj", "obj"):
        # "gave the Ivory Coast 5.1 million dollars of aid", "offered Kyiv support": the verb's
        # indirect object receives what the noun names
        dat = dative(verb)
        roles.add_target([dat] if dat is not None else [], f"indirect object of '{verb.text}'")
    if frame.code[:2] in ("02", "10"):  # "its demands that Burundi's government grant ..."
        roles.add_target(clause_subjects(noun), "who must act ('that' clause)")
    if frame.code.startswith("04"):
        roles.add_target(_destination(noun), "the trip's destination")
    if frame.code[:2] in LOCATED_TARGET_ROOTS and frame.preps:
        _add_located(roles, prep_objects(noun, frame.preps))
    if verb is not None and noun.dep_ == "pobj" and noun.head.lower_ in INSTRUMENT_PREPS:
        obj = direct_object(verb)
        if obj is not None and obj.i != noun.i:
            roles.add_target([obj], f"object of '{verb.text}'")
    if verb is not None and noun.dep_ == "pobj" and noun.head.lower_ == "in" and frame.code[:2] in VIOLENT_ROOTS:
        # "engaged Filipino peacekeepers in a firefight", "were killed in an air strike": the verb's
        # object, or its passive subject, is who the fighting was aimed at
        subj, passive, _ = subject_of(verb)
        hit = subj if passive else direct_object(verb)
        if hit is not None and hit.i != noun.i:
            roles.add_target([hit], f"{'subject' if passive else 'object'} of '{verb.text}' {AIMED_IN} '{noun.text}')")
    return roles


def _nested_targets(head: Token, frame: Frame) -> list[Token]:
    """"drills in six zones *around Taiwan*": the frame's phrase inside a place phrase ("in", or one of
    the frame's own prepositions) names whom the act is aimed at."""
    return [n for o in prep_objects(head, {*frame.preps, "in"}) for n in prep_objects(o, frame.preps)]


# "ordered patrols *after protests by* Muslim groups", "imposed a curfew *following* clashes": a
# hostile act named as the background of the main verb is not the main verb's subject's act
BACKGROUND_PREPS = {"after", "before", "amid", "since", "despite", "following"}
HOSTILE_ROOTS = {"13", "14", "15", "16", "17", "18", "19", "20"}


def _background(noun: Token, frame: Frame) -> bool:
    return noun.dep_ == "pobj" and noun.head.lower_ in BACKGROUND_PREPS and frame.code[:2] in HOSTILE_ROOTS


# violence and coercion aimed at a place hits whoever holds it: "struck military targets *in Iran*",
# "a missile strike on the railway station *in Kramatorsk*"
LOCATED_TARGET_ROOTS = {"17", "18", "19", "20"}
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside"}


def _add_located(roles: Roles, hit: list[Token]) -> None:
    """The place named after what was hit, as a later target option."""
    for tok in hit:
        places = [p for p in prep_objects(tok, LOCATIVE_PREPS) if p.pos_ == "PROPN" or p.ent_type_ in ("GPE", "LOC", "FAC")]
        roles.add_target(places, f"place of the '{tok.text}'")


def _participle_after_to(verb: Token) -> list[Token]:
    """"granted asylum to ousted President Assad": the parse reads "to ousted" as an infinitive;
    a past participle after "to" is an adjective, and its object is the object of "to"."""
    found = []
    for child in verb.children:
        if child.dep_ in ("advcl", "xcomp") and child.tag_ in ("VBN", "VBD") and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in child.children):
            obj = direct_object(child)
            found += [obj] if obj is not None else []
    return found


def _destination(noun: Token) -> list[Token]:
    """"make China the destination for his trip", "China is the destination of the visit"."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("for", "of"):
        return []
    dest = noun.head.head
    if dest.lemma_.lower() != "destination":
        return []
    found = [c for c in dest.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not found and dest.dep_ in ("attr", "oprd", "ccomp", "xcomp"):
        found = [c for c in dest.head.children if c.dep_ in ("nsubj", "dobj") and c.i != dest.i]
    return found
