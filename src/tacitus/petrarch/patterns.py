"""Matching PETRARCH verb-pattern elements (words, sets, phrases, markers) against tokens."""

from __future__ import annotations

from .matcher import entity_part, token_words
from .verbs_reader import Marker, Phrase, PrepPhrase, SynsetRef, VerbDictionary, Word

_NP_GAP = {"ADJ", "ADV", "NUM"}  # words a '{...}' noun-phrase pattern may skip
_PREPOSITION_DEPS = {"prep", "agent"}  # the head of a prepositional phrase


class PatternMatcher:
    """Matches pattern elements, in order with gaps allowed, against a list of tokens."""

    def __init__(self, verbs: VerbDictionary):
        self.verbs = verbs
        # PETRARCH-1 matched the words of a pattern literally: 'EFFORT' does not take 'efforts'
        self.literal = verbs.linear
        self._synset_cache: dict[str, list[tuple]] = {}

    def synset_members(self, name: str, depth: int = 0) -> list[tuple]:
        if name in self._synset_cache:
            return self._synset_cache[name]
        members: list[tuple] = []
        for member in self.verbs.synsets.get(name, ()):
            if len(member) == 1 and isinstance(member[0], SynsetRef) and depth < 5:
                members.extend(self.synset_members(member[0].name, depth + 1))
            else:
                members.append(member)
        self._synset_cache[name] = members
        return members

    def mentions_any(self, items: tuple, words: set[str]) -> bool:
        """True when a pattern's elements name one of `words`, directly or through a set."""
        for item in items:
            if isinstance(item, Word) and item.text in words:
                return True
            if isinstance(item, SynsetRef) and any(
                    self.mentions_any(member, words) for member in self.synset_members(item.name)):
                return True
            if isinstance(item, (Phrase, PrepPhrase)) and self.mentions_any(item.items, words):
                return True
        return False

    def word_matches(self, word: Word, token) -> bool:
        forms = token_words(token)
        if self.literal:
            return forms[0] == word.text
        if word.text in forms:
            return True
        # no stemming (PETRARCH-2 has none) beyond a plural ending
        return not word.exact and forms[0] in (word.text + "S", word.text + "ES")

    def match_at(self, item, tokens: list, i: int) -> int | None:
        """Match `item` starting exactly at tokens[i]; returns the index after it, or None."""
        if i >= len(tokens):
            return None
        if isinstance(item, Word):
            return i + 1 if self.word_matches(item, tokens[i]) else None
        if isinstance(item, SynsetRef):
            for member in self.synset_members(item.name):
                end = self.match_adjacent(member, tokens, i)
                if end is not None:
                    return end
            return None
        if isinstance(item, Phrase):
            if item.adjacent:
                return self.match_adjacent(item.items, tokens, i)
            return self._match_gapped(item.items, tokens, i)
        return None

    def _match_gapped(self, items: tuple, tokens: list, i: int) -> int | None:
        """'{NEW &TIETYPES RELATIONS}' on 'new global economic relations': the first element
        starts at tokens[i], the others follow in order; only modifiers (adjectives, adverbs,
        numbers) may come between them ('economic trade relations' is another noun phrase)."""
        words = [x for x in items if not isinstance(x, Marker)]
        if not words:
            return i
        end = self.match_at(words[0], tokens, i)
        for item in words[1:]:
            found = None
            while end is not None and end < len(tokens):
                found = self.match_at(item, tokens, end)
                if found is not None or tokens[end].pos_ not in _NP_GAP:
                    break
                end += 1
            end = found
        return end

    def match_adjacent(self, items: tuple, tokens: list, i: int) -> int | None:
        for item in items:
            if isinstance(item, Marker):
                continue
            i = self.match_at(item, tokens, i)
            if i is None:
                return None
        return i

    def match_sequence(self, items: tuple, tokens: list, entity_at: dict[int, object],
                       slots: dict[str, object], start: int = 0) -> int | None:
        """Match items in order (gaps allowed). Fills slots['source'/'target'] with entities."""
        pos = start
        for item in items:
            if isinstance(item, Marker):
                if item.kind == "skip":  # '^': the next actor is passed over
                    pos = skip_entity(tokens, entity_at, pos)
                    if pos is None:
                        return None
                elif item.kind in ("source", "target"):
                    found = next((entity_at[k] for k in range(pos, len(tokens))
                                  if k in entity_at), None)
                    if found is None:
                        return None
                    k = next(k for k in range(pos, len(tokens)) if entity_at.get(k) is found)
                    if any(entity_at.get(j) is found for j in range(pos)):
                        found = entity_part(found, tokens[k])  # its first words were passed
                    slots.setdefault(item.kind, found)
                continue
            if isinstance(item, PrepPhrase):
                pos = self._match_prep(item, tokens, entity_at, slots, pos)
                if pos is None:
                    return None
                continue
            for k in range(pos, len(tokens)):
                end = self.match_at(item, tokens, k)
                if end is not None:
                    slots["_width"] = slots.get("_width", 0) + end - k  # words matched
                    if slots["_width"] == end - k:
                        slots["_first"] = k  # where the first word matched
                    pos = end
                    break
            else:
                return None
        return pos

    def _match_prep(self, item: PrepPhrase, tokens, entity_at, slots, pos):
        for k in range(pos, len(tokens)):
            if tokens[k].text.upper() != item.prep:
                continue
            inner: dict[str, object] = {}
            words = [x for x in item.items if not isinstance(x, Marker)]
            end = self.match_sequence(tuple(words), tokens, entity_at, inner, k + 1)
            if end is None:
                continue
            markers = {x.kind for x in item.items if isinstance(x, Marker)}
            after = k + 1
            for _ in range(sum(isinstance(x, Marker) and x.kind == "skip" for x in item.items)):
                after = skip_entity(tokens, entity_at, after)  # '(IN ^) +': past its actor
                if after is None:
                    break
            if after is None:
                continue
            # '(TO +)': its object is the target, and in a PETRARCH-1 file so is that of '(TO)'
            # (PETRARCH-2 only asks for the preposition there); '(AT ^)' skips it
            if (not words and not markers) or "target" in markers:
                sub = {t.i for t in tokens[k].subtree}
                found = next((entity_at[j] for j in range(k + 1, len(tokens))
                              if j in entity_at and tokens[j].i in sub), None)
                if found is None:
                    continue
                if "target" in markers or self.literal:
                    slots.setdefault("target", found)
            if "source" in markers:
                found = next((entity_at[j] for j in range(k + 1, len(tokens)) if j in entity_at),
                             None)
                if found is None:
                    continue
                slots.setdefault("source", found)
            return max(end, after)
        return None

    def best(self, patterns: list, pre, post, entities, verb_i: int):
        """(pattern, slots) of the most specific pattern that matches the words before (`pre`)
        and after (`post`) the verb at `verb_i`; (None, {}) when none does."""
        entity_tokens = {}
        for entity in entities:
            entity_tokens[entity.head.i] = entity
            for m in entity.mentions:
                for i in range(m.start, m.end):
                    entity_tokens.setdefault(i, entity)
        pre_at = {k: entity_tokens[t.i] for k, t in enumerate(pre) if t.i in entity_tokens}
        post_at = {k: entity_tokens[t.i] for k, t in enumerate(post) if t.i in entity_tokens}
        best: tuple[tuple, object, dict] = ((-1, -1), None, {})
        for pattern in patterns:
            slots: dict = {}
            end = self.match_sequence(pattern.pre, pre, pre_at, slots)
            if end is None:
                continue
            if pattern.pre_joined and not (end > 0 and pre[end - 1].i == verb_i - 1):
                continue  # 'RECENTLY_*' against "recently did allow"

            width = slots.get("_width", 0)
            slots["_width"] = 0
            if self.match_sequence(pattern.post, post, post_at, slots) is None:
                continue
            if not self.literal and self._first_word_outside_object(pattern, post, slots,
                                                                      verb_i):
                continue
            # the most specific pattern; on a tie the one that covers more words
            # ('&HYPERCURR' matching 'austrian gold florin' beats '&CURRENCY' on 'florin');
            # in a PETRARCH-2 file then the one whose words come first after the verb, as it
            # tries the verb's object before the phrases that follow ("launched attacks
            # during its campaign": '* ATTACKS', not '* CAMPAIGN')
            rank = (pattern.size, width + slots["_width"])
            if not self.literal:  # a word named outright before one of a set ('- MISSILE *'
                # over '- &WEAPON *'), as PETRARCH-2 looks a word up before trying its sets
                rank += (_literal_words(pattern.pre + pattern.post),
                         -slots.get("_first", len(post)))
            if rank > best[0] or self._restates(pattern, best[1]):
                best = (rank, pattern, slots)
        return best[1], best[2]

    @staticmethod
    def _first_word_outside_object(pattern, post, slots, verb_i) -> bool:
        """'- * FROM +' on "withdrew from X": PETRARCH-2 reads the first word after the verb
        as its object's, and meets a preposition only as a phrase ('(FROM BORDER)')."""
        first = next((x for x in pattern.post if not isinstance(x, Marker)), None)
        k = slots.get("_first")
        if not isinstance(first, (Word, SynsetRef, Phrase)) or k is None or k >= len(post):
            return False
        token = post[k]
        if token.dep_ in _PREPOSITION_DEPS:
            return True
        # "made remarks at the start of a trip": not '* TRIP', a word inside a phrase after
        # the verb's object (without an object, spaCy may have put a stray one in a phrase:
        # "received by courier money")
        if not any(c.dep_ in ("dobj", "obj") for c in token.doc[verb_i].children):
            return False
        for _ in range(12):
            token = token.head
            if token.i == verb_i or token.head.i == token.i:
                return False
            if token.dep_ in _PREPOSITION_DEPS:
                return True
        return False

    def _restates(self, pattern, best) -> bool:
        """PETRARCH-2 stores a block's patterns by their words: a later line with the same
        words ('* &TREATY' under RATIFY after '* &TREATY' under APPROVE) replaces the earlier."""
        return (best is not None and not self.literal
                and (pattern.pre, pattern.post) == (best.pre, best.post))


def _literal_words(items: tuple) -> int:
    """How many of a pattern's elements are words named outright (not '&SET' references)."""
    total = 0
    for item in items:
        if isinstance(item, Word):
            total += 1
        elif isinstance(item, (Phrase, PrepPhrase)):
            total += _literal_words(item.items)
    return total


_NOUNS = {"NOUN", "PROPN"}


def skip_entity(tokens: list, entity_at: dict[int, object], pos: int) -> int | None:
    """The position just after the next noun phrase from `pos`: an actor (all its words) or
    a phrase with no code ('warned their populations about ...'); None if there is none."""
    first = next((k for k in range(pos, len(tokens))
                  if k in entity_at or tokens[k].pos_ in _NOUNS), None)
    if first is None:
        return None
    entity = entity_at.get(first)
    end = first + 1
    while end < len(tokens) and (
            entity_at.get(end) is entity if entity is not None
            else end not in entity_at and tokens[end].pos_ in _NOUNS):
        end += 1
    return end
