"""Readers for PETRARCH discard lists and issue dictionaries.

Discards: one phrase a line; `+PHRASE` discards the whole story, a bare phrase the sentence.
Issues (Phoenix.IssueCoding.txt): `<ISSUE CATEGORY="..." TYPE="...">` sections of
`phrase [CODE]` lines (no code: the category); `~phrase` lines are exclusions;
`n:word` marks a noun (plural allowed),
`pre+n:school` joins words with a hyphen or space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .common import DictionaryError, iter_lines, normalise_phrase

_ISSUE_OPEN = re.compile(r'<ISSUE\s+CATEGORY\s*=\s*"([^"]*)"(?:\s+TYPE\s*=\s*"([^"]*)")?\s*>',
                         re.IGNORECASE)


@dataclass
class Discards:
    paths: list[Path] = field(default_factory=list)
    sentence: set[tuple[str, ...]] = field(default_factory=set)
    story: set[tuple[str, ...]] = field(default_factory=set)

    def hit(self, words: list[str]) -> tuple[str, tuple[str, ...]] | None:
        """('story'|'sentence', phrase) for the first discard phrase found in `words`."""
        upper = [w.upper() for w in words]
        for kind, phrases in (("story", self.story), ("sentence", self.sentence)):
            for phrase in phrases:
                n = len(phrase)
                for i in range(len(upper) - n + 1):
                    if tuple(upper[i:i + n]) == phrase:
                        return kind, phrase
        return None


def read_discards(path: Path | str, text: str | None = None,
                  dictionary: Discards | None = None) -> Discards:
    path = Path(path)
    result = dictionary or Discards()
    result.paths.append(path)
    for line in iter_lines(path, text):
        stripped = line.text.strip()
        if not stripped:
            continue
        story = stripped.startswith("+")
        phrase = normalise_phrase(stripped.lstrip("+"))
        if not phrase:
            raise DictionaryError(path, line.number, "'+' with no phrase to discard")
        if any(ch in stripped for ch in "[]{}"):
            raise DictionaryError(path, line.number, f"unexpected code or braces in discard "
                                  f"{stripped!r}: a discard line is just a phrase")
        (result.story if story else result.sentence).add(phrase)
    return result


@dataclass(frozen=True)
class IssuePhrase:
    category: str
    code: str | None  # None for an exclusion ('~' line)
    words: tuple[str, ...]
    nouns: tuple[bool, ...]  # which words were marked n: (plural forms allowed)


@dataclass
class Issues:
    paths: list[Path] = field(default_factory=list)
    phrases: list[IssuePhrase] = field(default_factory=list)

    def find(self, words: list[str]) -> list[str]:
        """Issue codes whose phrases occur in `words` (exclusions remove their matches)."""
        upper = [w.upper() for w in words]
        codes: list[str] = []
        for phrase in self.phrases:
            if phrase.code and _occurs(phrase, upper) and phrase.code not in codes:
                codes.append(phrase.code)
        return codes


def _occurs(phrase: IssuePhrase, upper: list[str]) -> bool:
    n = len(phrase.words)
    for i in range(len(upper) - n + 1):
        if all(upper[i + k] == w or (phrase.nouns[k] and upper[i + k] in (w + "S", w + "ES"))
               for k, w in enumerate(phrase.words)):
            return True
    return False


def read_issues(path: Path | str, text: str | None = None) -> Issues:
    path = Path(path)
    result = Issues([path])
    category: str | None = None
    for line in iter_lines(path, text):
        stripped = line.text.strip()
        if not stripped:
            continue
        opened = _ISSUE_OPEN.match(stripped)
        if opened:
            category = opened.group(1)
            continue
        if stripped.upper().startswith("</ISSUE"):
            category = None
            continue
        if category is None:
            raise DictionaryError(path, line.number, f"issue phrase {stripped!r} outside any "
                                  "<ISSUE CATEGORY=...> section")
        exclusion = stripped.startswith("~")
        code_match = re.search(r"\[([^\]]*)\]", stripped)
        body = stripped.lstrip("~")
        if code_match:
            body = stripped[: code_match.start()].lstrip("~")
        words, nouns = [], []
        for token in body.replace("+", " ").split():
            nouns.append(token.lower().startswith("n:"))
            words.append(token[2:].upper() if nouns[-1] else token.upper())
        if not words:
            raise DictionaryError(path, line.number, "issue line has no phrase")
        # a phrase without [CODE] (some in Phoenix.IssueCoding.txt) codes as its category
        code = None if exclusion else (code_match.group(1).strip() if code_match else category)
        result.phrases.append(IssuePhrase(category, code, tuple(words), tuple(nouns)))
    return result
