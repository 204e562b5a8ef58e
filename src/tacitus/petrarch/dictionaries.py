"""A set of PETRARCH dictionaries, found in a folder the way PETR_config.ini lists them."""

from __future__ import annotations

import configparser
from dataclasses import dataclass, field
from pathlib import Path

from .actors_reader import ActorDictionary, read_actors
from .agents_reader import AgentDictionary, read_agents
from .common import DictionaryError
from .discards import Discards, Issues, read_discards, read_issues
from .ontology import CodingOntology, read_ontology
from .verbs_reader import VerbDictionary, read_verbs


@dataclass
class Dictionaries:
    verbs: VerbDictionary
    actors: ActorDictionary
    agents: AgentDictionary
    discards: Discards = field(default_factory=Discards)
    issues: Issues | None = None
    ontology: CodingOntology | None = None  # PETRARCH-2's internal coding ontology (negation)

    @classmethod
    def load(cls, directory: Path | str, *, verbs_file: str | None = None) -> "Dictionaries":
        """Load the dictionaries of a folder.

        A `PETR_config.ini` in the folder names the files (its [Dictionaries] section);
        otherwise files are recognised by name: `*verbs*`/`CAMEO*` (a PETRARCH-2 file, e.g.
        `*.2.0.txt` or `CAMEO.2.0.txt`, is preferred over a PETRARCH-1 one), `*actors*`,
        `*agents*`, `*discards*`, `*Issue*`, `*Ontology*` (the internal coding ontology, used to
        negate codes as PETRARCH-2 does). Preposition lists are ignored.
        `verbs_file` names the verb file to use instead (e.g. the PETRARCH-1 one).
        """
        directory = Path(directory)
        if not directory.is_dir():
            raise FileNotFoundError(f"{directory}: not a folder of PETRARCH dictionaries")
        config = directory / "PETR_config.ini"
        names = _from_config(config) if config.exists() else _by_name(directory)
        if verbs_file is not None:
            names["verbs"] = verbs_file
        if names["verbs"] is None:
            raise FileNotFoundError(f"{directory}: no verb dictionary (*verbs*.txt or CAMEO*.txt)")
        if not names["actors"]:
            raise FileNotFoundError(f"{directory}: no actor dictionary (*actors*.txt)")
        verbs = read_verbs(directory / names["verbs"])
        actors = read_actors([directory / n for n in names["actors"]])
        agents = AgentDictionary()
        for name in names["agents"]:
            read_agents(directory / name, dictionary=agents)
        discards = Discards()
        for name in names["discards"]:
            read_discards(directory / name, dictionary=discards)
        issues = read_issues(directory / names["issues"]) if names["issues"] else None
        ontology = names.get("ontology")
        ontology = read_ontology(directory / ontology) if ontology else None
        return cls(verbs, actors, agents, discards, issues, ontology)


def _by_name(directory: Path) -> dict:
    files = sorted(p.name for p in directory.iterdir() if p.is_file() and p.suffix == ".txt")
    lower = {name: name.lower() for name in files}
    verbs = [n for n in files if "verb" in lower[n] or lower[n].startswith("cameo")]
    # Prefer the PETRARCH-2 format: 'CAMEO.2.0.txt', '*verbs.2.0.txt', '*verbs_2_*'
    verbs.sort(key=lambda n: (not ("2.0" in n or "_2_" in n), n))
    return {
        "verbs": verbs[0] if verbs else None,
        "actors": [n for n in files if "actor" in lower[n]],
        "agents": [n for n in files if "agent" in lower[n]],
        "discards": [n for n in files if "discard" in lower[n]],
        "issues": next((n for n in files if "issue" in lower[n]), None),
        "ontology": next((n for n in files if "ontology" in lower[n]), None),
    }


def _from_config(config: Path) -> dict:
    parser = configparser.ConfigParser(inline_comment_prefixes=("#",))
    parser.read(config, encoding="utf-8")
    if "Dictionaries" not in parser:
        raise DictionaryError(config, 0, "no [Dictionaries] section")
    section = parser["Dictionaries"]

    def names(key: str) -> list[str]:
        return [n.strip() for n in section.get(key, "").split(",") if n.strip()]

    return {
        "verbs": (names("verbfile_name") or [None])[0],
        "actors": names("actorfile_list"),
        "agents": names("agentfile_name"),
        "discards": names("discardfile_name"),
        "issues": (names("issuefile_name") or [None])[0],
        # PETR_config.ini does not name it: PETRARCH-2 reads it from beside the other files
        "ontology": _by_name(config.parent)["ontology"],
    }
