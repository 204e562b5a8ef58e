"""Finding event candidates in one parsed sentence.

For each word that a trigger frame knows (a verb like "visit", a noun like
"sanctions"), the parse gives the source (subject, possessor, or the subject of
the verb the noun hangs from) and the target (object, the frame's prepositions);
participants become actors through :mod:`.participants`. Each candidate keeps a
readable account of how it was found; words that could have been events but were
not say why (``Rejection``), which ``tacitus explain`` prints.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from .candidate import Candidate, Rejection, via_note as _via
from .claims import aimed_claims, claim_for, claimed_acts
from .lexicon import EventLexicon, Frame
from .matching import qualifier_codes, triggers_in
from .modality import in_condition, read_modality
from .pairing import ACCEPTANCE_ROOTS, fold_attack_means, protested_policy, APPEAL_ROOT, POSTURE_ROOT, PROTEST_ROOT, accepted_event_code, acts_on_thing, owned_thing, asked_event_parties, named_sources, own_government, thing_target_options, make_pairs, possessed_by_pronoun, posture_sources, stands_alone
from .participants import ActorRef, SentenceActors
from .reported import fold_reports
from .roles import AIMED_IN, COMPLEMENT_ROOTS, complement, noun_roles, verb_roles
from .syntax import direct_object, direct_subject, prep_objects, subject_of
from .unattributed import unattributed_source
from .words import words_of

ROLE_SOURCE = "source"


# frames whose target may be a place: visits and meetings, aid delivered to a town, and attacks
# on a city or region
PLACE_TARGET_ROOTS = ("04", "07", "17", "18", "19", "20")


def _place_words(tokens: list[Token]) -> list[Token]:
    """Place names among target words, or after their "of" ("the southern city *of Kherson*")."""
    out = []
    for t in tokens:
        if t.ent_type_ in ("GPE", "LOC", "FAC"):
            out.append(t)
        else:
            out.extend(o for o in prep_objects(t, {"of"}) if o.ent_type_ in ("GPE", "LOC", "FAC"))
    return out


def _first_actors(options, actors: SentenceActors, exclude: set[str] | None = None) -> tuple[list[ActorRef], str, list[Token]]:
    """The actors of the first option that names any, with how they were found."""
    for tokens, how in options:
        found = [a for t in tokens for a in actors.resolve(t, exclude)]
        if exclude:
            found = [a for a in found if a.code not in exclude] or found
        if found:
            return found, how, tokens
    return [], "", options[0][0] if options else []


def candidates_in(sent: Span, actors: SentenceActors, lexicon: EventLexicon) -> tuple[list[Candidate], list[Rejection]]:
    out: list[Candidate] = []
    rejected: list[Rejection] = []
    triggers, consumed = triggers_in(sent, lexicon)
    trigger_nouns = {t.i for t, f in triggers if f.pos == "N"} | consumed
    verb_roots = {t.i: f.code[:2] for t, f in triggers if f.pos == "V"}
    claims = claimed_acts(triggers)
    claimers: dict[int, tuple[list[ActorRef], str]] = {}
    unaimed_claims: list[tuple[Token, Frame, list[ActorRef], str]] = []
    for token, frame in triggers:
        if frame.pos == "N" and (_topic_of(token, trigger_nouns) or _discussed(token) or _judged(token, frame, verb_roots)):
            rejected.append(Rejection(token, frame, f"topic of '{token.head.head.text}', not an event of its own"))
            continue
        if in_condition(token):
            rejected.append(Rejection(token, frame, "the condition of another act ('if', 'unless'), not an event"))
            continue
        roles = verb_roles(token, frame) if frame.pos == "V" else noun_roles(token, frame)
        sources, source_how, source_words = _first_actors(roles.sources, actors)
        claim = claim_for(token, claims)
        if claim is not None and claim.trigger.i in claimers:  # the claimer did the claimed act
            sources, claimer_how = claimers[claim.trigger.i]
            source_how = f"who claimed it ('{claim.trigger.text}', {claimer_how})"
        if token.i in claims and sources:
            claimers[token.i] = (sources, source_how)
        found = None if sources else unattributed_source(token, frame, source_words, actors)
        unknown = found[0] if found and found[0].via == "unattributed" else None
        if found is not None:
            sources, source_how = [found[0]], found[1]
        if not sources:
            rejected.append(Rejection(token, frame, "no source actor" + (f" ('{source_words[0].text}' is not a known actor)" if source_words else "")))
            continue
        exclude = {s.code for s in sources}
        target_options = roles.targets
        targets, target_how, target_words = _first_actors(target_options, actors, exclude)
        if unknown is not None and not targets:
            rejected.append(Rejection(token, frame, "no source actor and no victim actor"))
            continue
        if target_how == "direct object" and frame.code[:2] == POSTURE_ROOT:
            moved = posture_sources(sources, targets)
            if moved:  # "Russia massed troops": Russia's military (RUSMIL) mobilises
                sources, source_how = moved, f"{source_how}, moving its '{target_words[0].text}'"
                target_options = [(toks, how) for toks, how in roles.targets if how != "direct object"]
                # "massed troops near its border with Ukraine": the country across the border
                target_options = [*target_options, *((prep_objects(t, {"with"}), f"across the '{t.text}'") for toks, _ in target_options for t in toks)]
                targets, target_how, target_words = _first_actors(target_options, actors, {s.code for s in sources})
        if not targets and (acts_on_thing(frame, frame.code, sources, target_words) or owned_thing(frame, sources, target_words)):
            # "advised against travel *to Tunisia*", "re-examine the refineries *in Iran*": the thing's
            # own target phrase, or the place that holds it, names whom the act is aimed at
            targets, target_how, _ = _first_actors(thing_target_options(frame.code, target_words), actors, exclude)
        if not targets and frame.code[:2] == APPEAL_ROOT and named_sources(sources):
            # "called for a ceasefire *between Israel and Hamas*": an appeal for an event is aimed
            # at the parties the event names
            targets, target_how, _ = _first_actors(asked_event_parties(target_words, lexicon), actors, exclude)
        modality = read_modality(token, lexicon)
        place_token = None
        if not targets and frame.code.startswith(PLACE_TARGET_ROOTS):
            # "visit Harbin", "meet in Zurich", "shelled the city of Kherson": the place stands
            # for its country (resolved against the article's places later)
            place_token = next((t for tokens, _ in roles.targets for t in _place_words(tokens)), None)
        for code, qual in qualifier_codes(token, frame):
            base = f"{frame.describe()}" + (f", refined to {code} by '{qual}'" if qual else "")
            # "rebels engaged peacekeepers in a firefight": one way, although a firefight is mutual
            pairs = make_pairs(sources, targets, replace(frame, recip=False) if AIMED_IN in target_how else frame, target_how == "direct object",
                               possessed_by_pronoun(target_words))
            if not pairs and (frame.notarget or place_token is not None):
                pairs = [(s, None) for s in sources]
            finite = (frame.pos == "V" and token.tag_ != "VBG") or code[:2] == "14"
            untargeted = not pairs and finite and not frame.notarget and not targets and (
                (not target_options and stands_alone(code, sources)) or acts_on_thing(frame, code, sources, target_words))
            if untargeted:
                pairs = [(s, None) for s in sources]
                base += ("; coded with no target (a protest, force posture or attack needs none)" if not target_options else
                         f"; coded with no target ('{target_words[0].text}' is a thing, not an actor)")
            if not pairs and token.i in claims:
                unaimed_claims.append((token, frame, sources, source_how))
                continue
            if not pairs:
                reason = "no target actor" + (f" ('{target_words[0].text}' is not a known actor)" if target_words else "")
                rejected.append(Rejection(token, frame, reason))
                continue
            for src, tgt in pairs:
                notes = [base, f"source '{src.text}' ({src.code}): {source_how}" + _via(src)]
                by_role = dict(frame.role_codes).get(src.role or "")
                by_target = _target_described(token, tgt, frame)
                if by_role and by_role != code:
                    notes.append(f"code {code} -> {by_role}: the source is {src.role}")
                    code_for_pair = by_role
                elif by_target and by_target[1] != code:
                    notes.append(f"code {code} -> {by_target[1]}: the target is described as '{by_target[0]}'")
                    code_for_pair = by_target[1]
                else:
                    code_for_pair = code
                if tgt is not None:
                    how = target_how if tgt in targets else "the other party of a reciprocal event"
                    notes.append(f"target '{tgt.text}' ({tgt.code}): {how}" + _via(tgt))
                conf = 0.9 - (0.1 if frame.pos == "N" else 0) - (0.1 if "of '" in source_how else 0)
                conf -= 0.1 * sum(1 for a in (src, tgt) if a is not None and a.via != "named")
                out.append(Candidate(token, frame, code_for_pair, src, tgt, modality, notes, round(max(conf, 0.3), 2), None if tgt else place_token,
                                     untargeted=untargeted))
    out += aimed_claims(unaimed_claims, claims, out, lexicon)
    frames = {t.i: f for t, f in triggers}
    for demand in _must_demands(sent, actors, lexicon):
        if demand.trigger.i not in frames:
            frames[demand.trigger.i] = demand.frame
            out.append(demand)
    folded = fold_attack_means(_fold_protest_demands(_fold_complements(out, lexicon, frames), lexicon))
    return fold_reports(_aim_protests(folded), actors, lexicon), rejected


# CAMEO's "for policy change" subcodes of demonstrations, hunger strikes, strikes, obstruction and riots
POLICY_PROTEST_CODES = {"1412", "1422", "1432", "1442", "1452"}


def _aim_protests(cands: list[Candidate]) -> list[Candidate]:
    """A protest by a country's people that names no target is aimed at their own government;
    one against a policy ("against the pension reform") is a protest for policy change."""
    for c in cands:
        policy = protested_policy(c.trigger) if c.code[:2] == PROTEST_ROOT and len(c.code) == 3 else None
        if policy is not None and c.code + "2" in POLICY_PROTEST_CODES:
            c.notes.append(f"code {c.code} -> {c.code}2: against a policy ('{policy.text}')")
            c.code = c.code + "2"
        if c.code[:2] == PROTEST_ROOT and c.target is None and c.place_token is None:
            gov = own_government(c.source)
            if gov is not None:
                c.target, c.untargeted = gov, False
                c.notes.append(f"target {gov.code}: a protest that names no one is aimed at the protesters' own government")
    return cands


# verbs that report what someone said; "X said Y must do Z" is X demanding Z of Y (CAMEO 10)
REPORTING_VERBS = {"say", "declare", "reiterate", "insist", "conclude", "state", "stress", "tell", "warn", "add", "write"}
OBLIGATION_AUX = {"must"}


def _must_demands(sent: Span, actors: SentenceActors, lexicon: EventLexicon) -> list[Candidate]:
    """"Russia said Sudan must return the helicopter": a demand (100) by the speaker on the
    subject of the "must" clause; the demanded act, if it is a trigger, refines the code."""
    out = []
    words = words_of(sent.doc)
    for i in range(sent.start, sent.end):
        if words.pos[i] not in ("VERB", "AUX") or words.lemma[i] not in REPORTING_VERBS:
            continue
        verb = sent.doc[i]
        for comp in (c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")):
            if not any(a.dep_ == "aux" and a.lower_ in OBLIGATION_AUX for a in comp.children):
                continue
            subj, _, how = subject_of(verb)
            obliged, _ = direct_subject(comp)
            if subj is None or obliged is None:
                continue
            sources = actors.resolve(subj)
            targets = actors.resolve(obliged, {s.code for s in sources})
            frame = Frame(verb.lemma_.lower(), "V", "100", file="extract.py: 'X said Y must'")
            for src, tgt in make_pairs(sources, targets, frame):
                if src.via != "named" and src.via != "pronoun":
                    continue
                notes = [f"verb '{verb.text}' + '{comp.text}' with 'must' -> 100 (a demand)",
                         f"source '{src.text}' ({src.code}): {how}" + _via(src),
                         f"target '{tgt.text}' ({tgt.code}): subject of '{comp.text}'" + _via(tgt)]
                out.append(Candidate(verb, frame, "100", src, tgt, read_modality(verb, lexicon), notes, 0.7))
    return out


def _asked_noun(verb: Token, frames: dict[int, Frame]) -> Token | None:
    """A nominal event a verb asks for or rejects: "demanded *the release* of", "called *for talks*"."""
    obj = direct_object(verb)
    if obj is not None and obj.i in frames:
        return obj
    for tok in prep_objects(verb, {"for", "to"}):  # "called for talks", "agreed to a ceasefire"
        if tok.i in frames:
            return tok
    if obj is not None:  # "dismissed U.S. hopes for talks", "promised $500 million in military aid"
        for tok in prep_objects(obj, {"for", "of", "in"}):
            if tok.i in frames:
                return tok
    return None


def _fold_complements(cands: list[Candidate], lexicon: EventLexicon, frames: dict[int, Frame]) -> list[Candidate]:
    """A request, demand, promise or threat and the act it is about make one event.

    "urged Hamas to free the hostages": the appeal (020) takes the code of what it asks
    for (0253) and the release is not coded (it has not happened). "pledged to send
    weapons": the sending, with the intent shift, is the event; the pledge is not
    coded again.
    """
    by_trigger: dict[int, list[Candidate]] = {}
    for c in cands:
        by_trigger.setdefault(c.trigger.i, []).append(c)
    drop: set[int] = set()
    for c in cands:
        root = c.code[:2]
        if c.code == "010" and c.trigger.pos_ == "VERB":
            # "Israel announced it would free prisoners": the announced act is the event
            comp = complement(c.trigger)
            if (comp is not None and comp.i in frames) or _asked_noun(c.trigger, frames) is not None:
                drop.add(c.trigger.i)
            continue
        if root not in COMPLEMENT_ROOTS | {"12"} or c.trigger.pos_ != "VERB":
            continue
        comp = complement(c.trigger)
        if comp is not None and comp.i not in frames and root in ("02", "10"):  # "called on Russia to resume talks"
            comp_obj = direct_object(comp)
            comp = comp_obj if comp_obj is not None and comp_obj.i in frames else comp
        if comp is None or comp.i not in frames:
            comp = _asked_noun(c.trigger, frames)
        if comp is None:
            continue
        inner = by_trigger.get(comp.i)
        asked = inner[0].code if inner else qualifier_codes(comp, frames[comp.i])[0][0]
        if root in ("02", "10") and frames[comp.i].objects and asked[:2] in ACCEPTANCE_ROOTS:
            # "urged Israel to accept a ceasefire": what is asked for is the ceasefire (0871 -> 0256)
            asked = accepted_event_code(comp, lexicon) or asked
        if root == "03" and not inner:
            # "promised Ukraine $500 million in military aid": the promise takes the aid's code
            shifted = lexicon.shift("intent", asked)
            if shifted and shifted != c.code:
                c.notes.append(f"code {c.code} -> {shifted}: promises '{comp.text}' ({asked})")
                c.code = shifted
            continue
        if root in ("02", "10", "12"):
            kind = {"02": "appeal", "10": "demand", "12": "reject"}[root]
            shifted = lexicon.shift(kind, asked)
            if root == "12" and c.code != "120":
                shifted = None  # "dismissed the offer of a ceasefire" (127): already refined by what it rejects
            if shifted and shifted != c.code:
                c.notes.append(f"code {c.code} -> {shifted}: asks for '{comp.text}' ({asked})")
                c.code = shifted
            drop.add(comp.i)
        elif inner:
            drop.add(c.trigger.i)
    return [c for c in cands if c.trigger.i not in drop]


def _fold_protest_demands(cands: list[Candidate], lexicon: EventLexicon) -> list[Candidate]:
    """"Protesters marched through Minsk demanding that Lukashenko step down": a protest with no
    target and the demand its source makes in the same clause (a participle or conjoined verb
    under the protest verb) are one protest, aimed at the demand's target and refined by it (1411)."""
    by_trigger = {c.trigger.i: c for c in cands}
    drop: set[int] = set()
    for c in cands:
        if c.code[:2] != "14" or c.target is not None or c.trigger.pos_ != "VERB":
            continue
        for child in c.trigger.children:
            demand = by_trigger.get(child.i)
            if child.dep_ not in ("advcl", "xcomp", "conj") or demand is None or demand.target is None:
                continue
            if demand.code[:2] == "14" and demand.source.code == c.source.code:
                # "took to the streets to protest against the government's plan": one protest,
                # the more specific code, the target the protest names
                c.notes.append(f"target '{demand.target.text}' ({demand.target.code}): what '{demand.trigger.text}' protests against")
                c.code = max(c.code, demand.code, key=len)
                c.target, c.untargeted = demand.target, False
                drop.add(id(demand))
                break
            if demand.code[:2] != "10":
                continue
            if demand.source.code != c.source.code:
                continue
            shifted = lexicon.shift("protest", demand.code)
            code = c.code[:3] + shifted[3:] if shifted else c.code
            c.notes.append(f"target '{demand.target.text}' ({demand.target.code}): who must meet its demand '{demand.trigger.text}'"
                           + (f"; code {c.code} -> {code}" if code != c.code else ""))
            c.code, c.target, c.untargeted = code, demand.target, False
            drop.add(id(demand))
            break
    return [c for c in cands if id(c) not in drop]


def _target_described(trigger: Token, target: ActorRef | None, frame: Frame) -> tuple[str, str] | None:
    """A frame's target word found in the target's own phrase or its apposition ("killed Hezbollah
    *leader* Hassan Nasrallah", "killed Qassem Soleimani, the *commander* of the Quds Force")."""
    if target is None or not frame.target_codes:
        return None
    head = trigger.doc[target.token]
    phrase = [t for t in head.subtree if abs(t.i - head.i) < 10]
    if head.dep_ == "appos":
        phrase += [head.head, *(c for c in head.head.children if c.dep_ == "compound")]
    words = {t.lemma_.lower() for t in phrase} | set(target.text.lower().split())
    return next(((w, code) for w, code in frame.target_codes if w in words), None)


def _topic_of(noun: Token, trigger_nouns: set[int]) -> bool:
    """"agreements *on economic cooperation*": a nominal trigger under another one is its topic."""
    head = noun.head
    return noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("on", "about", "over", "for") and head.head.i in trigger_nouns


# verbs that judge a proposal (endorse, praise, criticize, reject) take a cooperative act as their
# object without that act happening: "endorsed an association agreement", "rejected the deal"
JUDGING_ROOTS = {"05", "11", "12"}
PROPOSAL_ROOTS = {"03", "04", "05", "06"}


def _judged(noun: Token, frame: Frame, verb_roots: dict[int, str]) -> bool:
    return noun.dep_ in ("dobj", "obj") and frame.code[:2] in PROPOSAL_ROOTS and verb_roots.get(noun.head.i) in JUDGING_ROOTS


TOPIC_VERBS = {"discuss", "debate", "address", "consider", "review", "cover", "raise"}


def _discussed(noun: Token) -> bool:
    """"expected to discuss ... trade, economic cooperation": a subject of talks is not an event."""
    for anc in list(noun.ancestors)[:8]:
        if anc.pos_ in ("VERB", "AUX") and anc.lemma_.lower() not in ("include", "involve"):
            return anc.lemma_.lower() in TOPIC_VERBS
    return False

