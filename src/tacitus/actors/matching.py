"""Matching the lexicon's phrases in a parsed text (the first step of :mod:`.finder`).

Every lexicon phrase is compiled once into spaCy PhraseMatchers: exact case for
all-capital aliases such as "US", lower-cased for the rest. Case rules then drop
matches a reader would not take for the name:

- a capitalised alias never matches an all-lower-case word ("turkey", "china"), except a
  known person after a title ("President obama") and a demonym before a role word
  ("tunisian rioters");
- a group's name of several capitalised words matches only with those words capitalised:
  "a strict Islamic state" is no Islamic State, "islamic jihad" no Palestinian Islamic Jihad;
- an acronym in brackets after a name ("Municipality Association (AKK)") is no person;
- "the West" inside a longer place name ("the West Darfur city") is not the West.

Overlapping matches are settled longest first, then leftmost.
"""
from __future__ import annotations

from spacy.attrs import ENT_IOB, IS_LOWER, POS
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .lexicon import ActorLexicon, Entry


class PhraseIndex:
    """The lexicon's phrases, compiled for matching; ``entries`` maps a match key ("E:" exact,
    "L:" lower-cased phrase) to the entries of that phrase."""

    def __init__(self, lexicon: ActorLexicon, vocab):
        from ..nlp import get_nlp

        self.lexicon = lexicon
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        self.entries: dict[str, list[Entry]] = {}
        tokenizer = get_nlp().tokenizer
        exact_patterns: dict[str, list[Doc]] = {}
        lower_patterns: dict[str, list[Doc]] = {}
        for entry in lexicon.entries:
            key = entry.phrase if entry.exact_case else entry.phrase.lower()
            key = ("E:" if entry.exact_case else "L:") + key
            self.entries.setdefault(key, []).append(entry)
            target = exact_patterns if entry.exact_case else lower_patterns
            if key not in target:
                target[key] = [tokenizer(entry.phrase)]
                if "'" in entry.phrase:  # typographic apostrophes ("People’s Republic")
                    target[key].append(tokenizer(entry.phrase.replace("'", "’")))
        # lower-case keys with a capitalised entry: only these are checked against all-lower-case words
        self.capitalised = {k for k, es in self.entries.items()
                            if k.startswith("L:") and any(any(ch.isupper() for ch in e.phrase) for e in es)}
        # lower-case keys of several words naming a group: their capitals are checked word by word
        self.group_names = {k for k, es in self.entries.items()
                            if k.startswith("L:") and " " in k and any(e.kind == "group" for e in es)}
        for key, docs in exact_patterns.items():
            self.exact.add(key, docs)
        for key, docs in lower_patterns.items():
            self.lower.add(key, docs)

    def matches(self, doc: Doc) -> list[tuple[int, int, list[Entry]]]:
        """(start, end, entries) for every phrase found, longest first and without overlaps,
        returned in text order."""
        found = []
        strings = doc.vocab.strings
        n = len(doc)
        # "inside an entity" and "proper noun" per token, read once from token arrays
        iob_pos_lower = doc.to_array([ENT_IOB, POS, IS_LOWER]).tolist()
        propn = strings["PROPN"]
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                key = strings[match_id]
                entries = self.entries.get(key, [])
                if key in self.capitalised and (iob_pos_lower[start][2] if end - start == 1 else doc[start:end].text.islower()):
                    after_title = start > 0 and self.lexicon.role_use(doc[start - 1].text) in ("title", "both")
                    before_role = self._role_follows(doc, end)
                    entries = [e for e in entries if not any(ch.isupper() for ch in e.phrase)
                               or (after_title and e.kind == "person") or (before_role and e.kind == "adjective")]
                if key in self.group_names:
                    entries = [e for e in entries if e.kind != "group" or _capitals_kept(e.phrase, doc[start:end])]
                if key.startswith("E:") and 0 < start and end < n and doc[start - 1].text == "(" and doc[end].text == ")":
                    entries = [e for e in entries if e.kind != "person"]
                if entries and end < n and iob_pos_lower[end][0] == 1 and iob_pos_lower[end][1] == propn:
                    entries = [e for e in entries if e.kind != "region"]
                if entries:
                    found.append((start, end, entries))
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

    def _role_follows(self, doc: Doc, end: int) -> bool:
        """A role noun (one or two words, not a title) starts at ``end``."""
        for n in (1, 2):
            if end + n <= len(doc) and self.lexicon.role_use(doc[end : end + n].text) in ("noun", "both", "head", "follower"):
                return True
        return False


def _capitals_kept(phrase: str, span) -> bool:
    """Whether every capitalised word of ``phrase`` is capitalised in the text ``span`` too."""
    words = phrase.split()
    if len(words) != len(span):
        return True  # tokenised differently ("al-Qaeda"): not checked
    return all(not w[:1].isupper() or t.text[:1].isupper() for w, t in zip(words, span))
