"""Turning the words of a parse (a subject, an object) into coded actors.

A participant token is looked up in the actor mentions of its sentence; a noun that
is not an actor itself may carry one ("the mayor *of Nablus*", "hundreds *of UN
troops*"); pronouns and descriptions ("he", "the two leaders", "the Asian
powerhouse") are resolved through the article's discourse memory.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from .syntax import conjuncts

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
PLURAL_PRONOUNS = {"they", "them", "their", "themselves"}
THING_PRONOUNS = {"it", "its", "itself"}
COUNTRY_NOUNS = {"country", "nation", "powerhouse", "giant", "neighbour", "neighbor", "kingdom", "republic", "superpower", "state", "ally", "power", "regime"}
# Words for some of a group of people, through which "of" reaches the group: "thousands of
# Iraqi Kurds", "members of Hamas's armed wing", "the deputy chief of Israel's militia ally".
PART_NOUNS = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million", "millions", "number", "group",
              "member", "members", "leader", "leaders", "chief", "head", "commander", "unit", "wing", "faction",
              "delegation", "supporter", "supporters", "some", "many", "most", "all", "part"}
# Modifier relations inside one noun phrase: an actor found through them names the phrase.
NP_DEPS = {"compound", "amod", "poss", "nmod", "appos", "det", "nummod", "quantmod"}


# roles of a group that "the group", "the movement", "the militants" can point back to
ARMED_GROUP_ROLES = {"REB", "UAF", "PTY", "OPP", "RAD"}


def is_person(m) -> bool:
    """A mention or reference that names one person (not a body, seat of power or group)."""
    return m.kind == "person"


@dataclass
class ActorRef:
    """An actor filling an event role, with how it was found."""

    code: str
    text: str
    country: str | None
    role: str | None
    name: str | None
    kind: str
    token: int  # token index of the word that filled the role
    start_char: int
    end_char: int
    via: str = "named"  # named, pronoun, description, memory, place

    @classmethod
    def from_mention(cls, m, doc, via: str = "named") -> "ActorRef":
        span = doc[m.start : m.end]
        return cls(m.code, m.text, m.country, m.role, m.name, m.kind, m.head, span.start_char, span.end_char, via)


@dataclass
class Discourse:
    """What an article has said so far: the actors a later pronoun may point to."""

    persons: list[ActorRef] = field(default_factory=list)
    countries: list[ActorRef] = field(default_factory=list)
    actors: list[ActorRef] = field(default_factory=list)
    groups: list[ActorRef] = field(default_factory=list)

    def remember(self, ref: ActorRef) -> None:
        self.actors.append(ref)
        if is_person(ref):
            self.persons.append(ref)
        if ref.kind in ("country", "capital", "metonym") and ref.role is None:
            self.countries.append(ref)
        if ref.kind in ("group", "igo") or (ref.kind == "role" and ref.role in ARMED_GROUP_ROLES and not ref.code.startswith("---")):
            self.groups.append(ref)

    def last_group(self, before_char: int, igo: bool = False) -> ActorRef | None:
        """The last armed or political group (or, with ``igo``, intergovernmental body) named."""
        for ref in reversed(self.groups):
            if ref.start_char < before_char and (ref.code.startswith(("IGO", "NGO")) == igo):
                return ref
        return None

    def last_person(self, before_char: int) -> ActorRef | None:
        for ref in reversed(self.persons):
            if ref.start_char < before_char:
                return ref
        return None

    def last_two_persons(self, before_char: int) -> list[ActorRef]:
        """The two most recent people in office ("the two leaders"); historical figures are skipped."""
        seen: dict[str, ActorRef] = {}
        for ref in reversed(self.persons):
            if ref.role and ref.start_char < before_char and (ref.name or ref.code) not in seen:
                seen[ref.name or ref.code] = ref
            if len(seen) == 2:
                break
        return list(reversed(seen.values()))

    def last_country(self, before_char: int, exclude: set[str]) -> ActorRef | None:
        for ref in reversed(self.countries):
            if ref.start_char < before_char and ref.code not in exclude:
                return ref
        return None


class SentenceActors:
    """Actor mentions of one sentence indexed by token, with discourse fallbacks."""

    def __init__(self, doc, mentions, discourse: Discourse):
        self.doc = doc
        self.discourse = discourse
        self.by_token: dict[int, object] = {}
        self.by_head: dict[int, list] = {}
        self.mentions = sorted(mentions, key=lambda m: m.start)
        for m in mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m
            self.by_head.setdefault(m.head, []).append(m)

    @staticmethod
    def _cue(name: str) -> frozenset[str]:
        from ..actors import get_actor_finder

        return get_actor_finder().lexicon.cue(name)

    def mention_at(self, token: Token):
        return self.by_token.get(token.i)

    def resolve(self, token: Token, exclude: set[str] | None = None) -> list[ActorRef]:
        """All actors a participant token stands for (conjuncts expanded)."""
        out: list[ActorRef] = []
        for tok in conjuncts(token):
            out.extend(self._resolve_one(tok, exclude or set()))
        unique: dict[tuple[str, int], ActorRef] = {}
        for ref in out:
            unique.setdefault((ref.code, ref.start_char), ref)
        return list(unique.values())

    def _resolve_one(self, tok: Token, exclude: set[str]) -> list[ActorRef]:
        m = self.mention_at(tok)
        if m is not None and m.code.startswith("---") and m.role:
            owner = self._pronoun_owner(self.doc[m.head]) or self._prep_owner(self.doc[m.head])
            if owner is not None:  # "its troops" -> the country's military
                text = self.doc[self.doc[m.head].left_edge.i : m.end].text
                return [replace(owner, code=(owner.country or owner.code[:3]) + m.role, role=m.role, name=None, kind="role",
                                text=text, token=m.head, via="pronoun")]
        voice = self._voice_of(tok)
        if voice is not None and (m is None or m.code.startswith("---")):
            return [voice]
        low = tok.lower_
        if m is not None and m.code.startswith("---") and m.head == tok.i:
            described = self._described_group(tok, low, exclude)  # "the militant group that seized ...": the group named before
            if described:
                return described
        if m is not None:
            # "Russian and Ukrainian negotiators": a mention sharing this one's role word
            shared = [x for x in self.by_head.get(m.head, []) if x is not m]
            return [ActorRef.from_mention(x, self.doc) for x in [m, *shared]]
        if tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$"):
            return self._pronoun(tok, low, exclude)
        if low in ("leaders", "sides", "countries", "nations") and any(c.lower_ == "two" for c in tok.children):
            refs = self.discourse.last_two_persons(tok.idx) if low == "leaders" else []
            if len(refs) == 2:
                return [replace(r, token=tok.i, start_char=tok.idx, end_char=tok.idx + len(tok), text="the two leaders", via="description") for r in refs]
        described = self._described_group(tok, low, exclude)
        if described:
            return described
        if low in COUNTRY_NOUNS and any(c.lower_ == "the" for c in tok.children):
            ref = self.discourse.last_country(tok.idx, exclude)
            if ref is not None:
                text = self.doc[tok.left_edge.i : tok.i + 1].text
                return [replace(ref, token=tok.i, start_char=tok.left_edge.idx, end_char=tok.idx + len(tok), text=text, via="description")]
        # an actor inside the noun phrase: "Iraq's national security advisor", "hundreds of UN troops"
        inner = self._inside_phrase(tok)
        if inner:
            return inner
        return []

    def _described_group(self, tok: Token, low: str, exclude: set[str] | None = None) -> list[ActorRef] | None:
        """"The group also fired rockets", "the bloc said", "the militant group": the last group (or
        body) named. None when ``tok`` is no such description; [] when it is but none was named."""
        if not (any(c.lower_ == "the" for c in tok.children) and low in self._cue("group_nouns") | self._cue("igo_nouns")):
            return None
        ref = None
        if low in self._cue("group_nouns"):
            ref = self.discourse.last_group(tok.idx)
        if ref is None and low in self._cue("igo_nouns"):
            ref = self.discourse.last_group(tok.idx, igo=True)
        if ref is None or ref.code in (exclude or ()):
            return []
        text = self.doc[tok.left_edge.i : tok.i + 1].text
        return [replace(ref, token=tok.i, start_char=tok.left_edge.idx, end_char=tok.idx + len(tok), text=text, via="description")]

    def _pronoun(self, tok: Token, low: str, exclude: set[str]) -> list[ActorRef]:
        ref = self._earlier_in_sentence(tok, low)
        if ref is None and low in PERSON_PRONOUNS:
            ref = self.discourse.last_person(tok.idx)
        elif ref is None and low in THING_PRONOUNS:
            ref = self.discourse.last_country(tok.idx, exclude)
        if ref is None:
            return []
        return [replace(ref, token=tok.i, start_char=tok.idx, end_char=tok.idx + len(tok), text=tok.text, via="pronoun")]

    def _voice_of(self, tok: Token) -> ActorRef | None:
        """"His spokesman said", "her office announced": the person last named, speaking through them."""
        if tok.lower_ not in self._cue("voice_nouns"):
            return None
        for child in tok.children:
            if child.dep_ == "poss" and child.lower_ in ("his", "her"):
                ref = self._earlier_in_sentence(child, child.lower_) or self.discourse.last_person(child.idx)
                if ref is not None and not ref.code.startswith("---"):
                    text = self.doc[child.i : tok.i + 1].text
                    return replace(ref, token=tok.i, start_char=child.idx, end_char=tok.idx + len(tok), text=text, via="pronoun")
        return None

    def _prep_owner(self, head: Token) -> ActorRef | None:
        """"dissidents from Egypt", "opponents of Rwanda's Senate": a role word's country."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "of", "in"):
                for obj in child.children:
                    m = self.mention_at(obj) if obj.dep_ == "pobj" else None
                    if m is not None and m.kind in ("country", "capital", "adjective", "region", "metonym"):
                        return ActorRef.from_mention(m, self.doc)
        return None

    def _pronoun_owner(self, head: Token) -> ActorRef | None:
        for child in head.children:
            if child.dep_ == "poss" and child.tag_ == "PRP$" and child.lower_ in ("its", "their"):
                ref = self._earlier_in_sentence(child, "its") or self.discourse.last_country(child.idx, set())
                # "Russia's defence ministry denied that its forces ...": a body with a country lends it too
                if ref is not None and (ref.kind in ("country", "capital", "metonym", "adjective", "region", "group")
                                        or (ref.kind == "role" and ref.country and not ref.code.startswith("---"))):
                    return ref
        return None

    def _earlier_in_sentence(self, tok: Token, low: str) -> ActorRef | None:
        """A pronoun's antecedent in its own sentence: the nearest earlier subject that fits."""
        if low not in PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS:
            return None
        fits = []
        for m in self.mentions:
            if m.end > tok.i or m.start < tok.sent.start:
                continue
            person = is_person(m)
            if low in PERSON_PRONOUNS and not person:
                continue
            if low in THING_PRONOUNS and person:
                continue
            fits.append(m)
        if not fits:
            return None
        subjects = [m for m in fits if self.doc[m.head].dep_ in ("nsubj", "nsubjpass")]
        chosen = (subjects or fits)[-1]
        if chosen.code.startswith("---") and chosen.role:
            # "Bosnian Serbs said their forces had completed their withdrawal": the antecedent
            # "their forces" has the country its own pronoun points to (positions only go back)
            owned = [r for r in self._resolve_one(self.doc[chosen.head], set()) if not r.code.startswith("---")]
            if owned:
                return replace(owned[0], via="pronoun")
        return ActorRef.from_mention(chosen, self.doc, via="pronoun")

    def _inside_phrase(self, tok: Token, depth: int = 0) -> list[ActorRef]:
        """An actor named inside a noun phrase, up to two 'of' links deep: "thousands of
        Iraqi Kurds", "the deputy chief of Israel's militia ally"."""
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                m = self.mention_at(child)
                if m is not None:
                    # "Egyptian and Qatari mediators": every conjoined modifier names an actor
                    more = [self.mention_at(c) for c in child.children if c.dep_ == "conj"]
                    return [ActorRef.from_mention(x, self.doc) for x in [m, *more] if x is not None]
        for child in tok.children if tok.pos_ == "NOUN" else ():  # "US Predator attacks": a modifier's modifier
            if child.dep_ in ("compound", "nmod") and child.pos_ in ("NOUN", "PROPN"):
                for grand in child.children:
                    m = self.mention_at(grand) if grand.dep_ in ("compound", "amod", "poss", "nmod") else None
                    if m is not None:
                        return [ActorRef.from_mention(m, self.doc)]
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        m = self.mention_at(grand)
                        if m is not None:
                            return [ActorRef.from_mention(m, self.doc)]
                        if depth < 1 and tok.lemma_.lower() in PART_NOUNS and grand.pos_ in ("NOUN", "PROPN"):
                            inner = self._inside_phrase(grand, depth + 1)
                            if inner:
                                return inner
        return []
