"""Finding actors in a parsed text: phrase matching, then composing mentions.

1. Every lexicon phrase is compiled once into spaCy PhraseMatchers (exact case for
   all-capital aliases such as "US", lower-cased for the rest, and a capitalised alias
   never matches an all-lower-case word: "turkey" is not Turkey).
2. Overlaps are settled longest-first; a phrase with several entries (a leader's
   terms, a group whose code changed) takes the one in force on the article's date.
3. Neighbours are composed into one actor: a country or group before a role word
   ("Russian troops" -> RUSMIL, "Ukraine's military" -> UKRMIL), a title and a
   country before a person ("Chinese President Xi Jinping"), a role word alone
   ("police" -> ---COP).

Out-of-office rule: a known person named outside all of their dated terms is coded
by their country alone (role None), e.g. "Trump" in 2022 -> USA, not USAGOV.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .lexicon import ActorLexicon, Entry, load_actor_lexicon

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
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        self.entries: dict[str, list[Entry]] = {}
        from ..nlp import get_nlp

        tokenizer = get_nlp().tokenizer
        exact_patterns: dict[str, Doc] = {}
        lower_patterns: dict[str, Doc] = {}
        for entry in lexicon.entries:
            key = entry.phrase if entry.exact_case else entry.phrase.lower()
            key = ("E:" if entry.exact_case else "L:") + key
            self.entries.setdefault(key, []).append(entry)
            target = exact_patterns if entry.exact_case else lower_patterns
            if key not in target:
                target[key] = [tokenizer(entry.phrase)]
                if "'" in entry.phrase:  # typographic apostrophes ("People’s Republic")
                    target[key].append(tokenizer(entry.phrase.replace("'", "’")))
        for key, docs in exact_patterns.items():
            self.exact.add(key, docs)
        for key, docs in lower_patterns.items():
            self.lower.add(key, docs)

    @classmethod
    def load(cls, extra_dirs: list[Path] | None = None) -> "ActorFinder":
        from ..nlp import get_nlp

        return cls(load_actor_lexicon(extra_dirs), get_nlp().vocab)

    # -- matching ------------------------------------------------------------
    def _matches(self, doc: Doc) -> list[tuple[int, int, list[Entry]]]:
        found = []
        strings = doc.vocab.strings
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                key = strings[match_id]
                entries = self.entries.get(key, [])
                span = doc[start:end]
                if key.startswith("L:") and any(c.isupper() for c in key[2:]) is False:
                    pass
                # a capitalised alias never matches an all-lower-case word ("turkey", "china")
                if key.startswith("L:") and any(not e.exact_case and any(ch.isupper() for ch in e.phrase) for e in entries):
                    if span.text.islower():
                        entries = [e for e in entries if not any(ch.isupper() for ch in e.phrase)]
                if entries:
                    found.append((start, end, entries))
        # longest first, then leftmost; no overlaps
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        taken: set[int] = set()
        kept = []
        for start, end, entries in found:
            if any(i in taken for i in range(start, end)):
                continue
            taken.update(range(start, end))
            kept.append((start, end, entries))
        kept.sort()
        return kept

    @staticmethod
    def _choose(entries: list[Entry], on: date | None) -> Entry:
        """The entry in force on ``on``; out of office, a person keeps only their country."""
        active = [e for e in entries if e.active(on)]
        if active:
            return max(active, key=lambda e: (e.kind != "role", e.start or date.min))
        undated = [e for e in entries if e.start is None and e.end is None]
        if undated:
            return undated[0]
        if on is None:
            return max(entries, key=lambda e: e.start or date.min)
        # nearest term before (else after) the date; a person out of office keeps their country only
        before = [e for e in entries if e.start and e.start <= on]
        e = max(before, key=lambda e: e.start) if before else min(entries, key=lambda e: e.start or date.max)
        if e.kind == "person":
            return Entry(e.phrase, e.country or "---", e.country, None, e.name, "person", e.start, e.end, source=e.source)
        return e

    # -- composing -----------------------------------------------------------
    def find(self, doc_or_span, on: date | None = None) -> list[ActorMention]:
        doc = doc_or_span.doc if isinstance(doc_or_span, Span) else doc_or_span
        lo, hi = (doc_or_span.start, doc_or_span.end) if isinstance(doc_or_span, Span) else (0, len(doc))
        raw = [(s, e, self._choose(entries, on)) for s, e, entries in self._matches(doc) if lo <= s and e <= hi]
        mentions: list[ActorMention] = []
        i = 0
        while i < len(raw):
            start, end, entry = raw[i]
            consumed = 1
            if entry.kind in OWNER_KINDS:
                owner = entry
                j = i + 1
                # owner [+ 's / adjectives] + role word -> one actor ("Ukraine's military", "Russian troops")
                # owner + title(s) + person -> the person ("Chinese President Xi Jinping")
                while j < len(raw) and raw[j][2].kind in ("title", "role") and self._adjacent(doc, raw[j - 1][1], raw[j][0]):
                    j += 1
                if j < len(raw) and raw[j][2].kind == "person" and self._adjacent(doc, raw[j - 1][1], raw[j][0]) and j > i:
                    s2, e2, person = raw[j]
                    mentions.append(self._mention(doc, start, e2, person, owner=owner if person.role is None and person.country is None else None))
                    i = j + 1
                    continue
                if j > i + 1 or (j == i + 1 and False):
                    pass
                if j > i + 1:
                    role_entry = raw[j - 1][2]
                    if role_entry.role:
                        mentions.append(self._composed(doc, start, raw[j - 1][1], owner, role_entry))
                        i = j
                        continue
                mentions.append(self._mention(doc, start, end, entry))
            elif entry.kind == "title":
                j = i + 1
                while j < len(raw) and raw[j][2].kind == "title" and self._adjacent(doc, raw[j - 1][1], raw[j][0]):
                    j += 1
                if j < len(raw) and raw[j][2].kind == "person" and self._adjacent(doc, raw[j - 1][1], raw[j][0]):
                    mentions.append(self._mention(doc, start, raw[j][1], raw[j][2]))
                    i = j + 1
                    continue
                role = next((r[2] for r in raw[i:j] if r[2].role), None)
                if role is not None and role.kind == "role":
                    mentions.append(self._mention(doc, start, raw[j - 1][1], role))
                i = j
                continue
            elif entry.kind == "role":
                j = i + 1
                while j < len(raw) and raw[j][2].kind in ("title", "role") and self._adjacent(doc, raw[j - 1][1], raw[j][0]):
                    j += 1
                if j < len(raw) and raw[j][2].kind == "person" and self._adjacent(doc, raw[j - 1][1], raw[j][0]):
                    # "President Vladimir Putin", "Prime Minister Nikol Pashinyan"
                    mentions.append(self._mention(doc, start, raw[j][1], raw[j][2]))
                    i = j + 1
                    continue
                if entry.role and self._stands_alone(doc, start, end):
                    mentions.append(self._mention(doc, start, end, entry))
            else:
                mentions.append(self._mention(doc, start, end, entry))
            i += consumed
        covered = {i for m in mentions for i in range(m.start, m.end)}
        extended = []
        for m in mentions:
            x = self._with_person(doc, m)
            if x is not m and any(i in covered for i in range(m.end, x.end)):
                x = m
            extended.append(x)
        return self._share_roles(doc, extended)

    @staticmethod
    def _with_person(doc: Doc, m: ActorMention) -> ActorMention:
        """"US Deputy Secretary of Energy Jeffrey Kupfer": a role followed by a person's name."""
        if m.kind != "role" or m.end >= len(doc) or doc[m.end].ent_type_ != "PERSON" or not m.role:
            return m
        end = m.end
        while end < len(doc) and doc[end].ent_type_ == "PERSON" and (end == m.end or doc[end].ent_iob_ == "I"):
            end += 1
        span = doc[m.start:end]
        return ActorMention(m.start, end, span.root.i, span.text, m.code, m.country, m.role, doc[m.end:end].text, "person", False)

    @staticmethod
    def _share_roles(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """"US and British activists": the role word applies to both owners."""
        for k in range(1, len(mentions)):
            prev, cur = mentions[k - 1], mentions[k]
            if cur.kind != "role" or not cur.role or prev.role or prev.kind not in ("country", "adjective", "region"):
                continue
            between = doc[prev.end : cur.start]
            if len(between) == 1 and between[0].lower_ in ("and", ",", "or"):
                mentions[k - 1] = ActorMention(prev.start, prev.end, cur.head, prev.text, (prev.country or prev.code) + cur.role,
                                               prev.country, cur.role, None, "role", False)
        return mentions

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
        last = doc[end - 1]
        while last.dep_ == "conj" and last.head.i < last.i:
            last = last.head
        if last.dep_ in ("amod", "compound", "nmod") and last.head.i >= end and last.head.pos_ in ("NOUN", "PROPN"):
            return self.role_of(last.head.lower_) is not None or last.head.ent_type_ == "PERSON"
        return True

    def _composed(self, doc: Doc, start: int, end: int, owner: Entry, role: Entry) -> ActorMention:
        span = doc[start:end]
        base = owner.code if owner.kind in ("group", "igo", "metonym") else (owner.country or owner.code)
        if owner.kind == "group" and role.role in ("UAF", "REB", "MIL", "GOV"):
            code = base  # "Hamas gunmen", "Houthi fighters" are the group itself
        else:
            code = base if base.endswith(role.role or "") else base + (role.role or "")
        return ActorMention(start, end, span.root.i, span.text, code, owner.country, role.role, owner.name if owner.kind in ("group", "igo") else None, "role", False)

    def _mention(self, doc: Doc, start: int, end: int, entry: Entry, owner: Entry | None = None) -> ActorMention:
        span = doc[start:end]
        code, country, role = entry.code, entry.country, entry.role
        if owner is not None and entry.kind == "person" and not country:
            country, code = owner.country, owner.country or code
        return ActorMention(start, end, span.root.i, span.text, code, country, role, entry.name, entry.kind, entry.is_place_name)

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
