"""Finding dictionary actors in a spaCy sentence and matching verb patterns against it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .actors_reader import ActorDictionary
from .agents_reader import Agent, AgentDictionary

# dependency labels that tie a modifier noun to the noun phrase it belongs to
_NP_LINKS = {"compound", "amod", "poss", "nmod", "nummod", "det", "case", "flat"}
_JOINING_PREPS = {"OF", "FROM", "IN", "FOR"}


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
    """Longest-match actor and agent phrases, left to right (actors win ties).

    A token the writer joined with underscores ('Dol_Amroth', as PETRARCH spells phrases)
    counts as its words."""
    words: list[str] = []
    lemmas: list[str] = []
    owner: list = []  # the token each word belongs to
    for token in sent:
        parts = [p for p in token.text.upper().split("_") if p] or [token.text.upper()]
        words += parts
        lemmas += parts if len(parts) > 1 else [token.lemma_.upper()]
        owner += [token] * len(parts)
    mentions: list[Mention] = []

    def add(i: int, n: int, **kind) -> int:
        mentions.append(Mention(owner[i].i, owner[i + n - 1].i + 1, **kind))
        return i + n

    i = 0
    while i < len(words):
        actor = _longest(words, i, actors.by_first_word, actors.phrases)
        agent = _longest(words, i, agents.by_first_word, agents.phrases)
        spread = _spread_actor(words, owner, i, actors.by_first_word)
        if _after_prefix(owner[i]):  # "pro-Russia rebels": one written word, not Russia
            actor = None
            spread = None
        if spread and len(spread[0]) > max(len(actor or ()), len(agent or ())):
            i = add(i, spread[1], actor_code=actors.phrases[spread[0]].code_on(on))
        elif actor and (not agent or len(actor) >= len(agent)):
            i = add(i, len(actor), actor_code=actors.phrases[actor].code_on(on))
        elif agent:
            i = add(i, len(agent), agent=agents.phrases[agent])
        elif owner[i].pos_ == "PROPN" and words[i] in actors.surnames:
            i = add(i, 1, actor_code=actors.surnames[words[i]].code_on(on))
        else:
            i += 1
        while 0 < i < len(words) and mentions and mentions[-1].end > owner[i].i:
            i += 1  # the rest of a joined token already inside a mention
    return mentions


def _after_prefix(token) -> bool:
    """The token ends a hyphenated word that began with another word ('pro-Russia',
    'anti-Moscow'): PETRARCH reads the written word whole, so it names no actor."""
    if token.i < 2 or token.i - 2 < token.sent.start:
        return False
    hyphen, prefix = token.nbor(-1), token.nbor(-2)
    return (hyphen.text == "-" and not hyphen.whitespace_ and not prefix.whitespace_
            and prefix.is_alpha and prefix.is_lower)


_MODIFIER_DEPS = {"amod", "compound", "npadvmod", "punct", "advmod", "nummod", "hmod", "hyph"}


def _spread_actor(words: list[str], owner: list, i: int, index: dict):
    """'Ithilen state-run television' for ITHILEN TELEVISION: a multi-word actor phrase whose
    words stand in order in one noun phrase with a few modifiers of its head between them.
    Returns (phrase, number of words covered) or None."""
    for phrase in index.get(words[i], ()):
        if len(phrase) < 2:
            continue
        j, k, gaps = i + 1, 1, []
        while k < len(phrase) and j < len(words) and len(gaps) <= 3:
            if words[j] == phrase[k]:
                k += 1
            else:
                gaps.append(owner[j])
            j += 1
        if k < len(phrase) or not gaps or len(gaps) > 3:
            continue
        head = owner[j - 1]
        if head.left_edge.i <= owner[i].i and all(
                g.dep_ in _MODIFIER_DEPS and head in g.ancestors for g in gaps):
            return phrase, j - i
    return None


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
        entity.code = _phrase_code(entity.mentions)
        if entity.code:  # else an actor whose code does not hold on this date
            entities.append(entity)
    entities = _share_listed_modifiers(entities)
    _inherit_agents(entities)
    return sorted(entities, key=lambda e: e.head.i)


def _share_listed_modifiers(entities: list[Entity]) -> list[Entity]:
    """'US and British activists': a list of actors that modifies an agent noun gives each
    actor that agent (USAOPP, GBROPP); the first actor joins the noun's own phrase."""
    by_head = {e.head.i: e for e in entities}
    dropped: set[int] = set()
    for entity in entities:
        if any(m.actor_code for m in entity.mentions) or not entity.code:
            continue
        agents = [m.agent for m in entity.mentions if m.agent]
        for child in entity.head.children:
            first = by_head.get(child.i)
            if (child.dep_ not in _NP_LINKS or first is None or child.i > entity.head.i
                    or any(m.agent for m in first.mentions)):
                continue
            listed = [by_head.get(c.i) for c in child.conjuncts if c.i < entity.head.i]
            listed = [o for o in listed if o is not None and not any(m.agent for m in o.mentions)]
            if not listed:
                continue
            entity.mentions = first.mentions + entity.mentions
            entity.code = _phrase_code(entity.mentions)
            dropped.add(id(first))
            for other in listed:
                for agent in agents[:1]:
                    other.code = agent.apply(other.code)
            break
    return [e for e in entities if id(e) not in dropped]


def _phrase_code(mentions: list[Mention]) -> str | None:
    """The code of one noun phrase: its first actor with its agents applied."""
    actor = next((m.actor_code for m in mentions if m.actor_code), None)
    agent_list = [m.agent for m in mentions if m.agent]
    if actor is None and not agent_list:
        return None
    code = actor or None
    applied: set[str] = set()
    for agent in sorted(agent_list, key=lambda a: not a.prefix):
        if agent.code not in applied:  # 'MSF Arnor diplomat' -> NGO + ARN + GOV
            code = agent.apply(code)
            applied.add(agent.code)
    return code


def entity_part(entity: Entity, token) -> Entity:
    """What is left of `entity` from `token` on, once a pattern's '^' has passed over its
    first words: 'the parliament | of Gondor' leaves GON, not GONLEG."""
    rest = [m for m in entity.mentions if m.start >= token.i]
    code = _phrase_code(rest) if rest and rest != entity.mentions else None
    return Entity(token, code, rest) if code else entity


def first_actor_per_phrase(entities: list[Entity]) -> list[Entity]:
    """PETRARCH-1 codes a noun phrase by its first actor: in 'the evil Arnor awful Gondor'
    an actor that follows another with only determiners, adjectives and nouns between them
    (no comma, no conjunction) is dropped."""
    kept: list[Entity] = []
    for entity in entities:
        previous = kept[-1] if kept else None
        start = min(m.start for m in entity.mentions)
        if previous is not None and any(m.actor_code for m in entity.mentions) and any(
                m.actor_code for m in previous.mentions):
            doc = entity.head.doc
            end = max([m.end for m in previous.mentions] + [previous.head.i + 1])
            between = doc[end:start]
            if (end <= start and doc[end].sent == entity.head.sent
                    and all(t.pos_ in ("DET", "ADJ", "NOUN") for t in between)):
                continue
        kept.append(entity)
    return kept


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
        linked = list(actor_token.conjuncts)
        # "Lawmakers in Fornost and Gondor" parsed with Gondor joined to 'Lawmakers': an actor
        # listed right after the agent's own 'in X' still belongs to the phrase
        agent_first = min(m.start for m in entity.mentions if m.agent) < actor_mentions[0].start
        if agent_first:
            linked += [c for c in entity.head.conjuncts if c.i > actor_token.i]
        for conj in linked:
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
                if _other_clause_subject(entity, at[i]):
                    break  # "... against X southwest of Baghdad, the U.S. command said"
                last, glued = at[i], False
                if last not in found:
                    found.append(last)
            elif token.lower_ in _LIST_GLUE:
                glued = True
            elif not (token.pos_ in ("DET", "ADJ") or (token.pos_ == "NOUN" and (i + 1) in at)):
                break
            i += step
    return found[1:]


def _other_clause_subject(entity: Entity, other: Entity) -> bool:
    """One of the two is the subject of a verb and the other the object of a preposition:
    not two items of one written list, but the end of one clause and the start of another."""
    roles = {entity.head.dep_, other.head.dep_}
    return "pobj" in roles and bool(roles & {"nsubj", "nsubjpass"})
