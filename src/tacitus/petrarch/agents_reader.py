"""Reader for PETRARCH agent dictionaries.

    !PERSON! = MAN, MEN, WOMAN        a substitution set, used as CATTLE!PERSON!
    PRESIDENT [~GOV]                  an agent: '~GOV' is appended to the actor's code,
    HUMAN_RIGHTS_BODY [NGO~]          'NGO~' is put in front of it
    POLICE {} [~COP]                  '{}': no plural is generated
    GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]   explicit plural(s)

Regular plurals (S, ES, Y->IES, MAN->MEN) are generated for the last word otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .common import DictionaryError, iter_lines, normalise_phrase

_SUBST = re.compile(r"^(![A-Za-z0-9_]+!)\s*=\s*(.+)$")
_SUBST_USE = re.compile(r"![A-Za-z0-9_]+!")


@dataclass(frozen=True)
class Agent:
    code: str  # without the '~'
    prefix: bool  # True for 'NGO~' (goes before the actor code)
    line: int

    def apply(self, actor_code: str | None) -> str:
        """Combine with an actor code; no actor gives '---' + code (or code + '---')."""
        base = actor_code or "---"
        if base.endswith(self.code) and not self.prefix:
            return base
        return self.code + base if self.prefix else base + self.code


@dataclass
class AgentDictionary:
    paths: list[Path] = field(default_factory=list)
    phrases: dict[tuple[str, ...], Agent] = field(default_factory=dict)
    by_first_word: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # tolerated oddities, kept

    def add(self, phrase: tuple[str, ...], agent: Agent) -> None:
        if phrase and phrase not in self.phrases:
            self.phrases[phrase] = agent
            self.by_first_word.setdefault(phrase[0], []).append(phrase)

    def finish(self) -> None:
        for phrases in self.by_first_word.values():
            phrases.sort(key=len, reverse=True)


def plural(word: str) -> str:
    if word.endswith("MAN"):
        return word[:-3] + "MEN"
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith(("S", "X", "Z", "CH", "SH")):
        return word + "ES"
    return word + "S"


def read_agents(path: Path | str, text: str | None = None,
                dictionary: AgentDictionary | None = None) -> AgentDictionary:
    path = Path(path)
    result = dictionary or AgentDictionary()
    result.paths.append(path)
    substitutions: dict[str, list[str]] = {}
    for line in iter_lines(path, text):
        stripped = line.text.strip()
        if not stripped:
            continue
        subst = _SUBST.match(stripped)
        if subst:
            members = [m.strip() for m in subst.group(2).split(",") if m.strip()]
            if not members:
                raise DictionaryError(path, line.number, f"empty substitution set {subst.group(1)}")
            substitutions[subst.group(1).upper()] = members
            continue
        code_match = re.search(r"\[([^\]}]*)[\]}]", stripped)  # '[~ENV}' typo tolerated
        if not code_match:
            if "[" in stripped or " " in stripped.strip():
                raise DictionaryError(path, line.number, f"agent {stripped!r} has no [~CODE]")
            # a lone word with no code (a few in Phoenix.agents.txt): nothing to code it as
            result.warnings.append(f"{path}:{line.number}: agent {stripped!r} has no code; skipped")
            continue
        code = code_match.group(1).strip()
        if code.count("~") != 1 or not re.fullmatch(r"~?[A-Za-z0-9]+~?", code):
            raise DictionaryError(path, line.number, f"bad agent code [{code}]: expected "
                                  "'~CODE' (suffix) or 'CODE~' (prefix)")
        agent = Agent(code.strip("~").upper(), code.endswith("~"), line.number)
        head = stripped[: code_match.start()].strip()
        plurals: list[str] | None = None
        if "{" in head:
            if "}" not in head:
                raise DictionaryError(path, line.number, f"missing '}}' in {stripped!r}")
            plurals = head[head.index("{") + 1: head.index("}")].split()
            head = head[: head.index("{")].strip()
        if not head:
            raise DictionaryError(path, line.number, f"agent line {stripped!r} has no phrase")
        for name in _expand(head, substitutions, path, line.number):
            phrase = normalise_phrase(name)
            result.add(phrase, agent)
            if plurals is None:
                result.add(phrase[:-1] + (plural(phrase[-1]),), agent)
        for name in plurals or ():
            result.add(normalise_phrase(name), agent)
    result.finish()
    return result


def _expand(head: str, substitutions: dict[str, list[str]], path: Path, line: int) -> list[str]:
    found = _SUBST_USE.search(head)
    if not found:
        return [head]
    key = found.group(0).upper()
    if key not in substitutions:
        raise DictionaryError(path, line, f"unknown substitution set {key}")
    out = []
    for member in substitutions[key]:
        out.extend(_expand(head[: found.start()] + member + head[found.end():],
                           substitutions, path, line))
    return out
