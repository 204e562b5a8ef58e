"""Actors: who the text names (countries, capitals, IGOs, groups, leaders, roles)."""
from .finder import ActorFinder, ActorMention, get_actor_finder
from .lexicon import ActorLexicon, Entry, load_actor_lexicon

__all__ = ["ActorFinder", "ActorMention", "get_actor_finder", "ActorLexicon", "Entry", "load_actor_lexicon"]
