"""Finding actors in a parsed text: phrase matching, then composing mentions.

1. Every lexicon phrase is matched (:mod:`.matching`: exact case for all-capital aliases
   such as "US", lower-cased for the rest, and a capitalised alias never matches an
   all-lower-case word: "turkey" is not Turkey).
2. Overlaps are settled longest-first; a phrase with several entries (a leader's
   terms, a group whose code changed) takes the one in force on the article's date.
3. Neighbours are composed into one actor: a country or group before a role word
   ("Russian troops" -> RUSMIL, "Ukraine's military" -> UKRMIL), a title and a
   country before a person ("Chinese President Xi Jinping"), a role word alone
   ("police" -> ---COP); a run of role words takes the most specific one ("rebel leaders" ->
   REB, see the "head" use in roles.tsv); a person before a role word gives their country
   ("the Trump administration" -> USAGOV); "former" makes an office-holder ELI (cues.tsv);
   an organisation's officials are the organisation ("Red Cross officials" -> NGOHLHIRC);
   "the Saudi-led coalition" -> SAUMIL (see :mod:`.neighbours`).
4. :mod:`.context` then reads each sentence: misspelt country names, unknown persons in
   apposition or named again, and a country for role words that have none.
5. :mod:`.people` last: a counted demonym is the country's civilians ("200 Venezuelans" ->
   VENCVL); followers ("supporters", "loyalists") are coded from whom they follow.

Out-of-office rule: a known person named outside all of their dated terms is coded
by their country alone (role None), e.g. "Trump" in 2022 -> USA, not USAGOV.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span

from .lexicon import ActorLexicon, Entry, entry_in_force, load_actor_lexicon
from .matching import PhraseIndex
from .neighbours import LED_FORCES, head_and_text, led_end, led_owners, merge_peoples, share_roles
from .people import OFFICE_ROLES, counted_people, follower_code, followers_role  # OFFICE_ROLES: "former" makes their holders ELI

# kinds that name a polity or organisation a role word can attach to
OWNER_KINDS = {"country", "adjective", "capital", "region", "igo", "group", "metonym"}
LINK_WORDS = {"'s", "’s", "'", "the", "of"}


@dataclass
class ActorMention:
    start: int
    end: int
    head: int
    text: str
    code: str
    country: str | None
    role: str | None
    name: str | None
    kind: str
    is_place_name: bool


class ActorFinder:
    def __init__(self, lexicon: ActorLexicon, vocab):
        self.lexicon = lexicon
        self.phrases = PhraseIndex(lexicon, vocab)
        self.entries: dict[str, list[Entry]] = self.phrases.entries

    @classmethod
    def load(cls, extra_dirs: list[Path] | None = None) -> "ActorFinder":
        from ..nlp import get_nlp

        return cls(load_actor_lexicon(extra_dirs), get_nlp().vocab)

    # -- composing -----------------------------------------------------------
    def find(self, doc_or_span, on: date | None = None) -> list[ActorMention]:
        """Every actor named in a Doc or Span, composed and read in its sentence's context."""
        from .context import misspelt_countries, read_context

        doc = doc_or_span.doc if isinstance(doc_or_span, Span) else doc_or_span
        lo, hi = (doc_or_span.start, doc_or_span.end) if isinstance(doc_or_span, Span) else (0, len(doc))
        matches = [m for m in self.phrases.matches(doc) if lo <= m[0] and m[1] <= hi]
        matches += led_owners(doc, matches, self.entries, OWNER_KINDS, lo, hi)
        raw = [(s, e, entry_in_force(entries, on)) for s, e, entries in matches]
        raw = sorted(raw + misspelt_countries(doc, {i for s, e, _ in raw for i in range(s, e)}, self.lexicon, lo, hi))
        mentions = self._compose(doc, merge_peoples(doc, raw, self.lexicon.cue("stateless_peoples")))
        covered = {i for m in mentions for i in range(m.start, m.end)}
        extended = []
        for m in mentions:
            x = self._with_person(doc, m)
            if x is not m and any(i in covered for i in range(m.end, x.end)):
                x = m
            extended.append(x)
        mentions = self._mark_former(doc, share_roles(doc, extended))
        return counted_people(doc, read_context(doc, mentions, self.lexicon, lo, hi), self.lexicon.cue("people_counts"))

    def _compose(self, doc: Doc, raw: list[tuple[int, int, Entry]]) -> list[ActorMention]:
        """Neighbouring matches made into actors: owner + roles, titles + person, person + role."""
        mentions: list[ActorMention] = []
        i = 0
        while i < len(raw):
            start, end, entry = raw[i]
            led = led_end(doc, start, end) if entry.kind in OWNER_KINDS else None
            if led is not None and i + 1 < len(raw) and raw[i + 1][0] == led and raw[i + 1][2].kind == "role" and raw[i + 1][2].role:
                # "U.S.-led forces" -> USAMIL: the leader's own role word
                mentions.append(self._composed(doc, start, raw[i + 1][1], entry, raw[i + 1][2]))
                i += 2
                continue
            if led is not None and led < len(doc) and doc[led].lower_ in self.lexicon.cue("led_forces"):
                # "the Saudi-led coalition" -> SAUMIL
                mentions.append(self._composed(doc, start, led + 1, entry, LED_FORCES))
                i += 1
                continue
            if entry.kind in OWNER_KINDS and self._allegiance(doc, start):
                # "pro-Russian separatists" are not Russian: the country is named, not composed
                mentions.append(replace(self._mention(doc, start, end, entry), kind="allegiance"))
            elif entry.kind in OWNER_KINDS and self._owns_metonym(doc, raw, i):
                # "Russia's FSB", "Britain's Foreign Office": the body, named with its country
                start2, end2, body = raw[i + 1]
                mentions.append(self._mention(doc, start, end2, body))
                i += 2
                continue
            elif entry.kind in OWNER_KINDS:
                # owner [+ 's / adjectives] + role words -> one actor ("Ukraine's military", "Russian troops")
                # owner + title(s) + person -> the person ("Chinese President Xi Jinping")
                j = self._run_end(doc, raw, i + 1, ("title", "role"))
                chain = [r[2] for r in raw[i + 1 : j]]
                role_entry = self._chain_role(chain)
                if j < len(raw) and raw[j][2].kind == "person" and self._adjacent(doc, raw[j - 1][1], raw[j][0]):
                    person = raw[j][2]
                    if person.role is None and role_entry is not None:
                        # the text names the office ("Hezbollah leader X", "China's top diplomat X")
                        m = self._composed(doc, start, raw[j][1], entry, role_entry)
                        mentions.append(replace(m, kind="person", name=person.name))
                    else:
                        mentions.append(self._mention(doc, start, raw[j][1], person, owner=entry if person.role is None and person.country is None else None))
                    i = j + 1
                    continue
                if role_entry is not None:
                    mentions.append(self._composed(doc, start, raw[j - 1][1], entry, role_entry))
                    i = j
                    continue
                mentions.append(self._mention(doc, start, end, entry))
            elif entry.kind == "title":
                j = self._run_end(doc, raw, i + 1, ("title",))
                if j < len(raw) and raw[j][2].kind == "person" and self._adjacent(doc, raw[j - 1][1], raw[j][0]):
                    mentions.append(self._mention(doc, start, raw[j][1], raw[j][2]))
                    i = j + 1
                    continue
                role = next((r[2] for r in raw[i:j] if r[2].role), None)
                after = raw[j - 1][1]
                # "Judge Alejandro Rivera": a title with a role before a name the lexicon does not know
                names_follow = after < len(doc) and doc[after].ent_type_ == "PERSON" and doc[after].ent_iob_ == "B" and not self._facility(doc, after)
                if role is not None and (role.kind == "role" or names_follow):
                    mentions.append(replace(self._mention(doc, start, after, role), kind="role"))
                i = j
                continue
            elif entry.kind == "role":
                j = self._run_end(doc, raw, i + 1, ("title", "role"))
                if self.lexicon.role_use(entry.phrase) == "follower":
                    # "supporters of former President X": the followers, then X (read in context)
                    mentions.append(self._mention(doc, start, end, entry))
                    i += 1
                    continue
                if j < len(raw) and raw[j][2].kind == "person" and self._adjacent(doc, raw[j - 1][1], raw[j][0]):
                    # "President Vladimir Putin", "Prime Minister Nikol Pashinyan"
                    mentions.append(self._mention(doc, start, raw[j][1], raw[j][2]))
                    i = j + 1
                    continue
                role_entry = self._chain_role([r[2] for r in raw[i:j]])
                last = raw[j - 1][1]
                # "rebel leaders": one actor with the more specific role
                if role_entry is not None and self._stands_alone(doc, start, last):
                    mentions.append(self._mention(doc, start, last, role_entry))
                i = j
                continue
            elif entry.kind == "person" and entry.country:
                j = self._run_end(doc, raw, i + 1, ("role",), tight=True)
                role_entry = self._chain_role([r[2] for r in raw[i + 1 : j]])
                if role_entry is not None:
                    # "the Trump administration", "Putin's government": the person's country + the role
                    mentions.append(self._composed(doc, start, raw[j - 1][1], entry, role_entry))
                    i = j
                    continue
                mentions.append(self._mention(doc, start, end, entry))
            else:
                mentions.append(self._mention(doc, start, end, entry))
            i += 1
        return mentions

    def _owns_metonym(self, doc: Doc, raw, i: int) -> bool:
        entry = raw[i][2]
        if i + 1 >= len(raw) or entry.kind not in ("country", "adjective"):
            return False
        body = raw[i + 1][2]
        if body.kind != "metonym" or body.country != entry.country or raw[i + 1][0] - raw[i][1] > 2:
            return False
        return all(doc[k].lower_ in ("'s", "’s", "the") for k in range(raw[i][1], raw[i + 1][0]))

    def _allegiance(self, doc: Doc, start: int) -> bool:
        """"pro-Russian", "anti-American": a country named as a cause, not as an owner."""
        if start >= 2 and doc[start - 1].text == "-":
            return doc[start - 2].lower_ in self.lexicon.cue("allegiance")
        return start >= 1 and doc[start - 1].lower_.rstrip("-") in self.lexicon.cue("allegiance") and doc[start - 1].lower_.endswith("-")

    def _run_end(self, doc: Doc, raw, j: int, kinds: tuple[str, ...], tight: bool = False) -> int:
        """Index after the run of adjacent matches of ``kinds`` starting at ``j``."""
        while j < len(raw) and raw[j][2].kind in kinds:
            gap = doc[raw[j - 1][1] : raw[j][0]]
            if tight and not all(t.lower_ in ("'s", "’s") for t in gap):
                break
            if not self._adjacent(doc, raw[j - 1][1], raw[j][0]):
                break
            j += 1
        return j

    def _chain_role(self, chain: list[Entry]) -> Entry | None:
        """The role a run of role words gives: the last one, unless it is a general head word
        ("leaders", "officials") after a more specific one ("rebel leaders" -> REB)."""
        roles = [e for e in chain if e.role]
        if not roles:
            return None
        last = roles[-1]
        earlier = [e for e in roles[:-1] if e.kind == "role"]
        if earlier and self.lexicon.role_use(last.phrase) == "follower":
            # "government supporters" -> CVL, "rebel supporters" -> REB (a plain role from here on)
            role = followers_role(earlier[-1].role, last.role or "")
            return replace(last, phrase=f"{earlier[-1].phrase} {last.phrase}", code="---" + role, role=role)
        if self.lexicon.role_use(last.phrase) == "head":
            specific = [e for e in roles[:-1] if e.kind == "role" and self.lexicon.role_use(e.phrase) != "head"]
            if specific:
                return specific[-1]
        return last

    def _mark_former(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """"Former Pakistani Prime Minister Imran Khan": a former office-holder is an elite (ELI)."""
        former = self.lexicon.cue("former")
        out = []
        for m in mentions:
            k = m.start - 1
            while k > m.start - 3 and k > 0 and doc[k].pos_ in ("ADJ", "PROPN") and doc[k].lower_ not in former:
                k -= 1  # "Former Socialist prime minister X"
            before = doc[k].lower_ if k >= 0 else ""
            office = m.role in OFFICE_ROLES or (m.kind == "person" and m.role is None and m.country)  # known, out of office
            if m.kind in ("person", "role") and office and (before in former or doc[m.start].lower_ in former):
                country = m.country if m.country and len(m.country) == 3 else None
                m = replace(m, code=(country or "---") + "ELI", role="ELI")
            out.append(m)
        return out

    def _facility(self, doc: Doc, start: int) -> bool:
        """A name spaCy took for a person that ends in a facility word ("the Ambassador Bridge")."""
        end = start + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[end - 1].lower_ in self.lexicon.cue("facility_words")

    def _with_person(self, doc: Doc, m: ActorMention) -> ActorMention:
        """"US Deputy Secretary of Energy Jeffrey Kupfer": a role followed by a person's name."""
        if m.kind != "role" or m.end >= len(doc) or doc[m.end].ent_type_ != "PERSON" or not m.role or self._facility(doc, m.end):
            return m
        end = m.end
        while end < len(doc) and doc[end].ent_type_ == "PERSON" and (end == m.end or doc[end].ent_iob_ == "I"):
            end += 1
        span = doc[m.start:end]
        return ActorMention(m.start, end, span.root.i, span.text, m.code, m.country, m.role, doc[m.end:end].text, "person", False)

    @staticmethod
    def _adjacent(doc: Doc, end: int, start: int) -> bool:
        """Only link words, adjectives or compound nouns between two matches (at most 3)."""
        gap = doc[end:start]
        if len(gap) > 3:
            return False
        return all(t.lower_ in LINK_WORDS or t.pos_ in ("ADJ", "PROPN") or (t.pos_ == "NOUN" and t.dep_ in ("compound", "amod")) for t in gap)

    def _stands_alone(self, doc: Doc, start: int, end: int) -> bool:
        """A role word with no owner; "the two leaders" is left to coreference, and a role
        word modifying another noun ("military cooperation", "police station") is no actor."""
        prev = doc[start - 1].lower_ if start > 0 else ""
        if prev in ("two", "both", "three"):
            return False
        if self.lexicon.role_words.get(doc[start:end].text.lower(), ("", ""))[1] == "owned":
            return False
        if end - start == 1 and doc[start].tag_ == "JJ" and self.lexicon.role_use(doc[start].text) == "head":
            return False  # "an official newspaper": an adjective, not an official
        last = doc[end - 1]
        while last.dep_ == "conj" and last.head.i < last.i:
            last = last.head
        if last.dep_ in ("amod", "compound", "nmod") and last.head.i >= end and last.head.pos_ in ("NOUN", "PROPN"):
            return self.role_of(last.head.lower_) is not None or (last.head.ent_type_ == "PERSON" and not self._facility(doc, last.head.i))
        return True

    def _composed(self, doc: Doc, start: int, end: int, owner: Entry, role: Entry) -> ActorMention:
        base = owner.code if owner.kind in ("group", "igo", "metonym") else (owner.country or owner.code)
        head, text = head_and_text(doc, start, end)
        followers = self.lexicon.role_use(role.phrase) == "follower" and follower_code(owner.kind, owner.code, owner.country, owner.role, role.role or "")
        if followers:
            # "Hamas supporters" -> PSEREBHMS, "Bolsonaro supporters" (out of office) -> BRAOPP
            code, role_code = followers
            return ActorMention(start, end, head, text, code, owner.country, role_code, owner.name if owner.kind in ("group", "igo") else None, "role", False)
        if self._is_the_body(owner, role):
            code = base  # "Hamas gunmen", "Red Cross officials", "Pentagon spokesman" are the body itself
        elif owner.source == "peoples.tsv" and self.lexicon.role_use(role.phrase) == "head":
            code = base  # "Yoruba leaders" lead a people, not a government: NGA
        else:
            if owner.kind == "metonym" and owner.country:
                base = owner.country  # "Kremlin critic" -> RUSOPP: the seat of power gives its country
            code = base if base.endswith(role.role or "") else base + (role.role or "")
        return ActorMention(start, end, head, text, code, owner.country, role.role, owner.name if owner.kind in ("group", "igo") else None, "role", False)

    def _is_the_body(self, owner: Entry, role: Entry) -> bool:
        """Whether owner + role is the owner itself: a group's fighters and leaders ("Hamas gunmen",
        "Fatah Party"), an organisation's or institution's officials, leaders and spokesmen ("Red
        Cross officials" -> NGOHLHIRC, "UN officials" -> IGOUNO, "Pentagon spokesman" -> USAMIL),
        and anyone of an NGO (its code has no room for a role)."""
        if owner.kind == "group":
            return role.role in ("UAF", "REB", "MIL", "GOV", owner.role)
        if owner.kind in ("igo", "metonym"):
            return role.role == "GOV" or self.lexicon.role_use(role.phrase) == "head" or owner.code.startswith("NGO")
        return False

    def _mention(self, doc: Doc, start: int, end: int, entry: Entry, owner: Entry | None = None) -> ActorMention:
        code, country, role = entry.code, entry.country, entry.role
        if owner is not None and entry.kind == "person" and not country:
            country, code = owner.country, owner.country or code
        head, text = head_and_text(doc, start, end)
        return ActorMention(start, end, head, text, code, country, role, entry.name, entry.kind, entry.is_place_name)

    def role_of(self, word: str) -> str | None:
        """The CAMEO role a noun stands for ("advisor" -> GOV), if any."""
        hit = self.lexicon.role_words.get(word.lower())
        return hit[0] if hit and hit[0] != "-" else None

    def describe(self, phrase: str, on: date | None = None) -> ActorMention | None:
        from ..nlp import get_nlp

        found = self.find(get_nlp()(phrase), on)
        return found[0] if found else None


@lru_cache(maxsize=1)
def get_actor_finder() -> ActorFinder:
    return ActorFinder.load()
