"""Bring your own dictionaries: read PETRARCH/TABARI-format dictionaries and code with them."""

from .actors_reader import Actor, ActorDictionary, DatedCode, read_actors
from .agents_reader import Agent, AgentDictionary, read_agents
from .coder import CodedTriple, PetrarchCoder
from .common import DictionaryError
from .dictionaries import Dictionaries
from .discards import Discards, Issues, read_discards, read_issues
from .scoring import score
from .suites import evaluate, record_date
from .verbs_reader import VerbDictionary, read_verbs

__all__ = [
    "Actor", "ActorDictionary", "Agent", "AgentDictionary", "CodedTriple", "DatedCode",
    "Dictionaries", "DictionaryError", "Discards", "Issues", "PetrarchCoder", "VerbDictionary",
    "evaluate", "read_actors", "read_agents", "read_discards", "read_issues", "read_verbs",
    "record_date", "score",
]
