"""Coding sentences with PETRARCH dictionaries on spaCy's dependency parse."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import arguments, clauses, nesting, new_actors, transform
from .commas import CommaLimits, removed_tokens
from .dictionaries import Dictionaries
from .matcher import (Entity, build_entities, conjunct_group, find_mentions,
                      first_actor_per_phrase, token_words)
from .patterns import PatternMatcher
from .verbs_reader import EventCode, VerbEntry, VerbPattern

_FOREIGN_PREPOSITIONS = {"by", "for", "with", "against", "to"}  # not a noun's own actor
_NEGATIONS = {"NOT", "N'T", "NEVER", "NO", "NEITHER", "NOR"}


def _bare_agent(code: str) -> bool:
    return code.startswith("---") and len(code) > 3


@dataclass
class CodedTriple:
    source: str
    target: str
    code: str
    trigger: str
    explanation: str
    source_text: str
    target_text: str

    def key(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.code)


class PetrarchCoder:
    """Code a parsed sentence (a spaCy Span) with a set of PETRARCH dictionaries."""

    def __init__(self, dictionaries: Dictionaries, *, require_dyad: bool = True,
                 split_slash_codes: bool = False, pair_compound_subjects: bool | None = None,
                 comma_limits: CommaLimits | None | str = "default", new_actor_length: int = 0):
        """`split_slash_codes`: read an actor code 'FRO/BIL/SAM' as three actors (one event
        each), as PETRARCH-1 did; PETRARCH-2 keeps it as one code.
        `pair_compound_subjects`: "X, Y and Z met" (no target) codes X<->Y, X<->Z, Y<->Z
        for any pattern, not only for '%' ones, as PETRARCH-2 does (not for a verb that reports
        a clause, nor for a joint statement); default: on for a PETRARCH-2 verb file only.
        `comma_limits`: PETRARCH-1's comma-clause removal (see commas.py); by default on with
        PETRARCH's limits for a PETRARCH-1 verb file, off for a PETRARCH-2 one.
        `new_actor_length`: an uncoded noun phrase of at most this many words in the source
        or target position becomes a quoted text actor (see new_actors.py); 0: off."""
        self.dictionaries = dictionaries
        self.require_dyad = require_dyad
        self.split_slash_codes = split_slash_codes
        self.transformations = transform.compile_transformations(dictionaries.verbs)
        self._targets: dict[int, set[int]] = {}  # verb index -> its events' target heads
        # verb index -> its events with a source but no target (kept for transformations)
        self._one_sided: dict[int, list[CodedTriple]] = {}
        self._verb_codes: dict[int, EventCode] = {}  # verb index -> its entry's own code
        self.matcher = PatternMatcher(dictionaries.verbs)
        # PETRARCH-1 patterns are read along the sentence; PETRARCH-2 ones within the clause
        self.linear_patterns = dictionaries.verbs.linear
        if pair_compound_subjects is None:
            pair_compound_subjects = not self.linear_patterns
        self.pair_compound_subjects = pair_compound_subjects
        if comma_limits == "default":
            comma_limits = CommaLimits() if self.linear_patterns else None
        self.comma_limits = comma_limits
        self.new_actor_length = new_actor_length
        self._removed: set[int] = set()

    def discard(self, sent) -> str | None:
        """'story' or 'sentence' when a discard phrase occurs in the sentence. PETRARCH-2 reads
        the text's words as written, punctuation attached ("three years ago, a senior
        officer said" has no 'YEARS AGO'); PETRARCH-1 the parser's tokens."""
        words = [t.text for t in sent] if self.linear_patterns else sent.text.split()
        hit = self.dictionaries.discards.hit(words)
        return hit[0] if hit else None

    def code(self, sent, on: date | None = None) -> list[CodedTriple]:
        if self.discard(sent):
            return []
        d = self.dictionaries
        mentions = find_mentions(sent, d.actors, d.agents, on)
        self._removed = removed_tokens(sent, self.comma_limits)
        entities = [e for e in build_entities(sent, mentions) if e.head.i not in self._removed]
        if self.linear_patterns:  # 'the evil Arnor awful Gondor' is Arnor's phrase
            entities = first_actor_per_phrase(entities)
        by_verb: dict[int, list[CodedTriple]] = {}
        blocks: dict[int, object] = {}
        self._targets = {}
        self._one_sided = {}
        self._verb_codes = {}
        for token in sent:
            if token.pos_ not in ("VERB", "AUX") and not token.tag_.startswith("VB"):
                continue
            if token.i in self._removed:
                continue  # inside a comma-delimited clause PETRARCH drops
            entry = self._verb_entry(token)
            if entry is not None:
                blocks[token.i] = entry.block
                by_verb[token.i] = self._code_verb(token, entry, entities)
        self._transform(sent.doc, by_verb, blocks, entities)
        if not self.linear_patterns:
            nesting.fold_object_control(sent.doc, by_verb, self._verb_codes,
                                        self.dictionaries.ontology)
        events: list[CodedTriple] = []
        for index, coded in by_verb.items():
            if clauses.governed_by_coded_verb(sent.doc[index], by_verb, self._targets):
                continue  # "noted that X regretted ...": the upper verb's event stands
            if clauses.hands_over_to_xcomp(sent.doc[index], by_verb):
                continue  # "pledged to expel X": the lower verb says what is done
            coded = self._nested(sent.doc[index], coded)
            if clauses.inside_coded_clause(sent.doc[index], by_verb,
                                           self.linear_patterns):
                continue  # "restored ties with X after crowds burned Y": the main event stands
            for event in coded:
                if event.key() not in {e.key() for e in events}:
                    events.append(event)
        return events

    def _nested(self, verb, coded: list[CodedTriple]) -> list[CodedTriple]:
        if self.linear_patterns:  # PETRARCH-1 has no nested codes
            return coded
        return nesting.nest_under_upper(verb, coded, self._verb_codes.get(verb.head.i),
                                        self.dictionaries.ontology)

    def _transform(self, doc, by_verb, blocks, entities) -> None:
        """Apply the dictionary's `~` transformations to coded clauses under an upper verb."""
        for index in list(by_verb):
            lower = doc[index]
            clause = lower.head if lower.dep_ == "conj" else lower  # "attacked X and took Y"
            upper = clause.head
            if clause.dep_ not in ("ccomp", "xcomp") or upper.i not in blocks:
                continue
            if clause.i < upper.i:  # "X attacked Y, officials said": attribution, not a claim
                continue
            rules = [r for r in self.transformations if r.upper_block == id(blocks[upper.i])]
            subjects, _, _ = arguments.verb_subjects(upper)
            source = self._entity_in(subjects, entities)
            if not rules or source is None:
                continue
            group = conjunct_group(source, entities)  # "Obama and Putin said they ..."
            changed = []
            # "The US said Iraq had attacked": a lower event without a target still counts
            for event in by_verb[index] or self._one_sided.get(index, []):
                sources = [e for e in group if e.code == event.source] or group[:1]
                for member in sources:
                    for rule in rules:
                        result = transform.apply(rule, member.code, event.key())
                        if result:
                            changed.append(CodedTriple(*result, upper.text, rule.text,
                                                       member.text, event.target_text))
                            break
            if changed:
                by_verb[index] = changed
                by_verb[upper.i] = []

    # -- verbs -----------------------------------------------------------------------------
    def _verb_entry(self, verb) -> VerbEntry | None:
        entries = self._verb_entries(verb)
        return entries[0] if entries else None

    def _verb_entries(self, verb) -> list[VerbEntry]:
        """The dictionary entries that fit this verb and its neighbouring words, most
        specific (multi-word) first."""
        # PETRARCH-1 knows a verb only in the forms its dictionary lists or derives
        words = token_words(verb)[:1] if self.linear_patterns else token_words(verb)
        entries = self.dictionaries.verbs.entries_for(*words)
        doc = verb.doc
        out = []
        for entry in entries:
            if entry.before:
                n = len(entry.before)
                words = [t.text.upper() for t in doc[max(0, verb.i - n): verb.i]]
                if tuple(words) != entry.before:
                    continue
            if entry.after:
                following = [t.text.upper() for t in doc[verb.i + 1: verb.i + 1 + len(entry.after)]]
                children = {c.text.upper() for c in verb.children}
                if tuple(following) != entry.after and not set(entry.after) <= children:
                    continue
            out.append(entry)
        return out

    def _patterns(self, verb, entry: VerbEntry) -> list[VerbPattern]:
        """The entry's patterns; in a PETRARCH-1 file also those of later blocks that list the
        same verb again (all its patterns compete, the first block gives the default).
        PETRARCH-2 keeps the first block only."""
        patterns = list(entry.block.patterns)
        if not self.linear_patterns:
            return patterns
        for other in self._verb_entries(verb):
            if other.block is not entry.block and (other.before, other.after) == (
                    entry.before, entry.after):
                patterns += [p for p in other.block.patterns if p not in patterns]
        return patterns

    def _code_verb(self, verb, entry: VerbEntry, entities: list[Entity]) -> list[CodedTriple]:
        subjects, by_agents, passive = arguments.verb_subjects(verb)
        reduced = passive and verb.dep_ == "acl"  # "soldiers killed in X": inside its subject
        if reduced and not by_agents and not self.linear_patterns and verb.head.dep_ == "pobj":
            # "warrants for two men sought in the slaying of X": a participle describing a
            # noun inside a phrase, with no doer, is no event ("soldiers killed in X" is)
            return []
        own = {t.i for t in verb.subtree} if reduced else set()
        subject_ids = {t.i for s in subjects for t in s.subtree} - own
        post = [t for t in clauses.object_region(verb) if t.i not in subject_ids]
        pre = sorted({t for s in subjects for t in s.subtree if t.i not in own},
                     key=lambda t: t.i)
        if not self.linear_patterns:  # "Hundreds of UN troops": the subject's own words
            inner = {t.i for s in subjects for c in s.children if c.dep_ == "prep"
                     for t in c.subtree}
            pre = [t for t in pre if t.i not in inner]
        pre += [t for t in verb.doc[(pre[-1].i + 1 if pre else verb.i): verb.i]
                if t.head.i == verb.i or t.head.head.i == verb.i]
        if self.linear_patterns:  # PETRARCH-1 reads back along the sentence
            start = verb.sent.start
            pre += [t for t in verb.doc[start: verb.i]]
            pre += clauses.governing_verbs(verb)
        if passive and by_agents and not self.linear_patterns:
            # "Evidence against X was presented by Y": the passive subject is what the verb
            # acts on, so the pattern reads it as the object ('PRESENT * EVIDENCE')
            # ('PROTESTOR * ' reads the 'by' agent, the doer, as the words before the verb)
            by_ids = {t.i for c in verb.children if c.dep_ == "agent" for t in c.subtree}
            post = [t for t in pre if t.i in subject_ids] + [t for t in post if t.i not in by_ids]
            pre = ([t for t in pre if t.i not in subject_ids]
                   + [verb.doc[i] for i in sorted(by_ids)])
        pre = sorted({t for t in pre if t.i not in self._removed}, key=lambda t: t.i)
        post = [t for t in post if t.i not in self._removed]
        words = post  # the words its patterns are matched against
        if not self.linear_patterns:  # PETRARCH-2: not those of a clause it reports
            reported = clauses.complement_clause(verb) | clauses.clauses_in_object(verb)
            words = [t for t in post if t.i not in reported]
            # nor does it find its target there, but in that clause's subject
            reported -= clauses.complement_subjects(verb)
            post = [t for t in post if t.i not in reported]
        pattern, slots = self.matcher.best(self._patterns(verb, entry), pre, words, entities,
                                           verb.i)
        code = pattern.code if pattern else (entry.code or entry.block.code)
        if self.dictionaries.ontology is not None and not self.linear_patterns:
            code = self._negated_code(verb, entry, pattern, code)
        self._verb_codes[verb.i] = entry.code or entry.block.code
        if code.is_null:
            return []
        source = slots.get("source")
        target = slots.get("target")
        if passive and self.linear_patterns and not by_agents:
            passive = False  # PETRARCH-1 turns a passive round only on its 'by' agent
        if passive:  # "X was shot in Y" / "X was attacked by Y": X is the target
            if source is None:
                source = (self._entity_in(by_agents, entities) if by_agents
                          else self._first_entity(post, entities, exclude=target, agents_ok=True))
            if target is None:
                target = self._entity_in(subjects, entities)
        else:
            if source is None:
                source = self._entity_in(subjects, entities, doer=not self.linear_patterns)
            agents_ok = True
            if target is None:
                # a bare agent is passed over, but not by a reversed code (the target becomes
                # the source)
                agents_ok = code.reverse is not None
                target = self._first_entity(post, entities, exclude=source, agents_ok=agents_ok)
            if target is None and not (pattern is not None and pattern.compound):
                # "signed an accord to supply Gondor with wheat"; a '%' pattern's actors
                # act on each other instead
                target = self._first_entity(clauses.adverbial_region(verb), entities, source,
                                            agents_ok=agents_ok)
        if reduced and (target is None or target.head.i != verb.head.i):
            return []  # "an agreement forced on the state by X": no coded victim
        extra_sources = []
        if self.new_actor_length > 0 and not passive:
            limit = self.new_actor_length
            if source is None:
                source = new_actors.subject_actor(subjects, limit, entities)
            else:
                extra_sources = new_actors.listed_subject_actors(subjects, limit, entities)
            if target is None:
                target = new_actors.object_actor(post, limit, entities)
        if (target is None and self.linear_patterns and not (pattern and pattern.compound)
                and not clauses.has_noun_phrase(post)):
            return []  # PETRARCH-1 codes a verb only with some noun phrase after it
        if target is not None:
            self._targets[verb.i] = {e.head.i for e in conjunct_group(target, entities)}
        return self._events(verb, entry, pattern, code, source, target, entities, extra_sources)

    def _negated_code(self, verb, entry, pattern, code: EventCode) -> EventCode:
        """'did not clash', 'will not wire tap': negate the code through the coding ontology,
        unless the pattern that matched names the negation itself ('NOT * AID')."""
        if not self._is_negated(verb, entry):
            return code
        if pattern is not None and self.matcher.mentions_any(pattern.pre + pattern.post,
                                                             _NEGATIONS):
            return code
        ontology = self.dictionaries.ontology
        return EventCode(*(c and (ontology.negate(c) or c) for c in (code.forward, code.reverse)))

    @staticmethod
    def _is_negated(verb, entry: VerbEntry) -> bool:
        """A 'not' on the verb, on an adverb of it ("did not even ever clash") or on the first
        word of a multi-word verb ("will not wire tap")."""
        entry_words = set(range(verb.i - len(entry.before), verb.i))
        for token in verb.doc[verb.sent.start: verb.sent.end]:
            if token.dep_ != "neg":
                continue
            head = token.head
            if head.i == verb.i or head.i in entry_words or (
                    head.dep_ == "advmod" and head.head.i == verb.i):
                return True
        return False

    @staticmethod
    def _entity_in(heads, entities: list[Entity], doer: bool = False) -> Entity | None:
        """The actor of the first of `heads` that has one, its own or one inside its phrase;
        as the `doer`, not one of a phrase such as 'the statement by the French presidency'."""
        for head in heads:
            ids = {t.i for t in head.subtree}
            if doer:
                ids -= arguments.phrases_of(head, _FOREIGN_PREPOSITIONS)
            direct = [e for e in entities if e.head.i == head.i]
            if direct:
                return direct[0]
            inside = [e for e in entities if e.head.i in ids]
            if inside:
                return inside[0]
        return None

    def _first_entity(self, region, entities, exclude=None, agents_ok=False) -> Entity | None:
        """The first entity in the region; with a PETRARCH-2 file a bare agent ('---MUS') is
        passed over, as it would never make a target ('attack targeting non-Muslims in X')."""
        ids = {t.i for t in region}
        for entity in entities:
            if entity.head.i in ids and entity is not exclude:
                if not (agents_ok or self.linear_patterns) and _bare_agent(entity.code):
                    # "against the group that has seized Iraq": not into its own clause
                    ids -= {t.i for c in entity.head.children if c.dep_ in ("relcl", "acl")
                            for t in c.subtree}
                    continue
                return entity
        return None

    def _events(self, verb, entry, pattern, code: EventCode, source, target, entities,
                extra_sources=()):
        how = f"{entry.block.name}" + (f" pattern line {pattern.line}" if pattern else " default")
        sources = conjunct_group(source, entities) + list(extra_sources) if source else [None]
        # '%' patterns, and a compound subject with nothing else to act on ("X, Y and Z met"):
        # the conjoined actors act on each other
        if source and len(sources) > 1 and (target is None or target in sources) and (
                (pattern is not None and pattern.compound) or (
                    self.pair_compound_subjects and not clauses.reports_a_clause(verb)
                    and not code.forward.startswith("01"))):  # a joint statement
            pairs = [(a, b) for a in sources for b in sources if a is not b]
        else:
            targets = conjunct_group(target, entities) if target else [None]
            pairs = [(a, b) for a in sources for b in targets]
        # PETRARCH-2 codes a paired code's second half ('[042:043]') only for a verb with its
        # own subject ("X attended Y", not "X prepared to attend Y")
        reverse = code.reverse if self.linear_patterns or arguments.has_own_subject(verb) else None
        out = []
        for a, b in pairs:
            if self.require_dyad and (a is None or b is None):
                if a is not None and code.forward:
                    self._one_sided.setdefault(verb.i, []).extend(
                        CodedTriple(x_code, "---", code.forward, verb.text, how, a.text, "")
                        for x_code in self._codes(a))
                continue
            if a is None and b is None:
                continue
            if a is not None and b is not None and a.code == b.code:
                continue
            for fwd, (x, y) in ((code.forward, (a, b)), (reverse, (b, a))):
                if fwd is None:
                    continue
                for x_code in self._codes(x):
                    for y_code in self._codes(y):
                        if (y_code.startswith("---") and len(y_code) > 3
                                and not self.linear_patterns):
                            # a bare agent target ("---MIL"): mostly wrong in news, but the
                            # act still counts for a transformation ("X said Y killed people")
                            self._one_sided.setdefault(verb.i, []).append(CodedTriple(
                                x_code, "---", fwd, verb.text, how, x.text if x else "", ""))
                            continue
                        out.append(CodedTriple(x_code, y_code, fwd, verb.text, how,
                                               x.text if x else "", y.text if y else ""))
        return out

    def _codes(self, entity) -> list[str]:
        if entity is None:
            return ["---"]
        if self.split_slash_codes and "/" in entity.code:
            return [c for c in entity.code.split("/") if c]
        return [entity.code]
