"""Finding dictionary actors in a spaCy sentence and matching verb patterns against it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .actors_reader import ActorDictionary
from .agents_reader import Agent, AgentDictionary
from .verbs_reader import Marker, Phrase, PrepPhrase, SynsetRef, VerbDictionary, Word

# dependency labels that tie a modifier noun to the noun phrase it belongs to
_NP_LINKS = {"compound", "amod", "poss", "nmod", "nummod", "det", "case", "flat"}
_JOINING_PREPS = {"OF", "FROM", "IN", "FOR"}
_NP_GAP = {"ADJ", "ADV", "NUM"}  # words a '{...}' noun-phrase pattern may skip


def token_words(token) -> tuple[str, ...]:
    """Upper-case forms a dictionary word may match: the text and the lemma."""
    text = token.text.upper()
    lemma = token.lemma_.upper()
    return (text,) if lemma == text else (text, lemma)


@dataclass
class Mention:
    start: int  # token index in the Doc
    end: int  # exclusive
    actor_code: str | None = None
    agent: Agent | None = None


@dataclass
class Entity:
    """A noun phrase that carries an actor (and/or agent) code."""

    head: object  # spaCy Token
    code: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def text(self) -> str:
        doc = self.head.doc
        start = min(m.start for m in self.mentions)
        end = max(m.end for m in self.mentions)
        return doc[start:end].text


def _longest(words: list[str], i: int, index: dict, phrases: dict):
    for phrase in index.get(words[i], ()):
        n = len(phrase)
        if tuple(words[i:i + n]) == phrase:
            return phrase
    return None


def find_mentions(sent, actors: ActorDictionary, agents: AgentDictionary, on: date | None
                  ) -> list[Mention]:
    """Longest-match actor and agent phrases, left to right (actors win ties)."""
    tokens = list(sent)
    words = [t.text.upper() for t in tokens]
    lemmas = [t.lemma_.upper() for t in tokens]
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        actor = _longest(words, i, actors.by_first_word, actors.phrases)
        agent = _longest(words, i, agents.by_first_word, agents.phrases) or _longest(
            lemmas, i, agents.by_first_word, agents.phrases)
        if actor and (not agent or len(actor) >= len(agent)):
            code = actors.phrases[actor].code_on(on)
            mentions.append(Mention(tokens[i].i, tokens[i].i + len(actor), actor_code=code))
            i += len(actor)
        elif agent:
            mentions.append(Mention(tokens[i].i, tokens[i].i + len(agent),
                                    agent=agents.phrases[agent]))
            i += len(agent)
        elif tokens[i].pos_ == "PROPN" and words[i] in actors.surnames:
            code = actors.surnames[words[i]].code_on(on)
            mentions.append(Mention(tokens[i].i, tokens[i].i + 1, actor_code=code))
            i += 1
        else:
            i += 1
    return mentions


def _span_root(doc, mention: Mention):
    root = doc[mention.end - 1]
    while mention.start <= root.head.i < mention.end and root.head.i != root.i:
        root = root.head
    return root


def _np_head(token, agent_heads: set[int], climb: bool = True):
    """Climb from a modifier to the head noun of its noun phrase ("Arnor's minister")."""
    while climb and token.dep_ in _NP_LINKS and token.head.i != token.i and token.head.pos_ in (
            "NOUN", "PROPN", "PRON", "ADJ", "NUM"):
        token = token.head
    # "ambassadors of Arnor", "soldiers from Gondor": attach to the agent noun
    if (token.dep_ == "pobj" and token.head.text.upper() in _JOINING_PREPS
            and token.head.head.i in agent_heads):
        return token.head.head
    return token


def build_entities(sent, mentions: list[Mention]) -> list[Entity]:
    """Group mentions into noun phrases and give each its combined actor+agent code."""
    doc = sent.doc
    roots = [_span_root(doc, m) for m in mentions]
    agent_heads: set[int] = set()
    for mention, root in zip(mentions, roots):
        if mention.agent:
            agent_heads.add(_np_head(root, set()).i)
    groups: dict[int, Entity] = {}
    for mention, root in zip(mentions, roots):
        # an actor followed by ',' or 'and' is an item of a list, not a modifier of the noun
        following = doc[root.i + 1].lower_ if root.i + 1 < len(doc) else ""
        listed = mention.actor_code and following in (",", "and", "or", "nor")
        head = _np_head(root, agent_heads, climb=not listed)
        entity = groups.setdefault(head.i, Entity(head, ""))
        entity.mentions.append(mention)
    entities = []
    for entity in groups.values():
        actor = next((m.actor_code for m in entity.mentions if m.actor_code), None)
        agent_list = [m.agent for m in entity.mentions if m.agent]
        if actor is None and not agent_list:
            continue  # an actor whose code does not hold on this date
        code = actor or None
        applied: set[str] = set()
        for agent in sorted(agent_list, key=lambda a: not a.prefix):
            if agent.code not in applied:  # 'MSF Arnor diplomat' -> NGO + ARN + GOV
                code = agent.apply(code)
                applied.add(agent.code)
        entity.code = code
        entities.append(entity)
    _inherit_agents(entities)
    return sorted(entities, key=lambda e: e.head.i)


def _inherit_agents(entities: list[Entity]) -> None:
    """'ambassadors of Arnor, Osgiliath and Gondor': conjuncts share the agent of the first;
    'Danish media and government': a bare agent conjoined with an actor's agent takes that actor.
    """
    by_head = {e.head.i: e for e in entities}
    for entity in entities:
        if any(m.actor_code for m in entity.mentions):
            continue
        for conj in entity.head.conjuncts:
            other = by_head.get(conj.i)
            actor = other and next((m.actor_code for m in other.mentions if m.actor_code), None)
            if actor:
                code = actor
                for agent in [m.agent for m in entity.mentions if m.agent][:1]:
                    code = agent.apply(actor)
                # agents between the actor and the conjoined noun apply to both ('Islamist')
                for m in other.mentions:
                    if m.agent and m.start < other.head.i and m.agent.code not in code:
                        code = m.agent.apply(actor) + code[len(actor):]
                entity.code = code
                break
    for entity in entities:
        agents = [m.agent for m in entity.mentions if m.agent]
        actor_mentions = [m for m in entity.mentions if m.actor_code]
        if not agents or not actor_mentions:
            continue
        actor_token = _span_root(entity.head.doc, actor_mentions[0])
        for conj in actor_token.conjuncts:
            other = by_head.get(conj.i)
            if other and not any(m.agent for m in other.mentions):
                other.code = agents[0].apply(other.code)


def conjunct_group(entity: Entity, entities: list[Entity]) -> list[Entity]:
    """The entity and the entities conjoined with it ("Gondor and Osgiliath")."""
    by_head = {e.head.i: e for e in entities}
    group = [entity]
    anchors = [entity.head] + [_span_root(entity.head.doc, m) for m in entity.mentions
                               if m.actor_code]
    for anchor in anchors:
        linked = list(anchor.conjuncts)
        # a mis-parsed list ("Arnor and the evil awful Gondor": Gondor as appos) still counts
        if linked:
            linked += [c for t in [anchor, *linked] for c in t.children if c.dep_ == "appos"]
        for conj in linked:
            other = by_head.get(conj.i)
            if other and other not in group:
                group.append(other)
    if len(group) == 1:  # the parse saw no list: look at the words
        group += _listed_with(entity, entities)
    return sorted(group, key=lambda e: e.head.i)


_LIST_GLUE = {",", "and", "or", "nor"}


def _listed_with(entity: Entity, entities: list[Entity]) -> list[Entity]:
    """Entities in the same written list as `entity` ("Mordor, the Shire, Arnor and Bree"),
    whatever the parser made of it: only commas, conjunctions, determiners and adjectives
    (or a noun right before an actor: "the evil awful Gondor") may stand between them."""
    doc = entity.head.doc
    at: dict[int, Entity] = {}
    for other in entities:
        for m in other.mentions:
            for i in range(m.start, m.end):
                at[i] = other
        at.setdefault(other.head.i, other)
    if entity.head.i not in at:
        return []
    found = [entity]
    for step in (-1, 1):
        i, glued, last = entity.head.i + step, False, entity
        while 0 <= i < len(doc) and doc[i].sent == entity.head.sent:
            token = doc[i]
            if i in at and at[i] is last:
                pass
            elif i in at:
                if not glued:  # two actors with no comma or 'and' between: not a list
                    break
                last, glued = at[i], False
                if last not in found:
                    found.append(last)
            elif token.lower_ in _LIST_GLUE:
                glued = True
            elif not (token.pos_ in ("DET", "ADJ") or (token.pos_ == "NOUN" and (i + 1) in at)):
                break
            i += step
    return found[1:]


class PatternMatcher:
    """Matches pattern elements, in order with gaps allowed, against a list of tokens."""

    def __init__(self, verbs: VerbDictionary):
        self.verbs = verbs
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
                if item.kind in ("source", "target"):
                    found = next((entity_at[k] for k in range(pos, len(tokens))
                                  if k in entity_at), None)
                    if found is None:
                        return None
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
            # '(TO)', '(TO +)': its object is the target; '(AT ^)' skips it
            if (not words and not markers) or "target" in markers:
                sub = {t.i for t in tokens[k].subtree}
                found = next((entity_at[j] for j in range(k + 1, len(tokens))
                              if j in entity_at and tokens[j].i in sub), None)
                if found is None:
                    continue
                slots.setdefault("target", found)
            if "source" in markers:
                found = next((entity_at[j] for j in range(k + 1, len(tokens)) if j in entity_at),
                             None)
                if found is None:
                    continue
                slots.setdefault("source", found)
            return max(end, k + 1)
        return None
