"""Reader for PETRARCH verb dictionaries.

Handles both the PETRARCH-2 / CAMEO.2.0 format and the older PETRARCH-1 / TABARI pattern format,
which share their layout:

    &SYNSET                   a synonym set; members follow as `+WORD` or `+TWO_WORDS` lines,
    +MEMBER                   a member may itself be `&OTHER` (nested set) or `(A PHRASE)`
    --- NAME [code] ---       starts a verb block; `code` is the default for its verbs (`---` none)
    VERB {FORMS} [code]       a verb (irregular forms in braces; regular ones are generated)
    +CORDON_OFF {...}         a multi-word verb: `+` marks the verb word (`WIRE_+TAP`)
    - pre * post [code]       a pattern: `*` the verb, `$` source, `+` target, `^` skip a phrase,
                              `%` compound actor, `(PREP words)` prepositional phrase, `{A B}` an
                              adjacent phrase, `&SET` a synonym set, `WORD_` exact (no stemming)
    [A:B]                     paired code: A source->target and B target->source (`[:B]` B only)
    ~ ... = ...               transformation (kept as text; the coder does not apply them)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .common import DictionaryError, SourceLine, iter_lines

_CODE = re.compile(r"\[([^\]]*)\]")
_TOKEN = re.compile(r"[{}()]|[^\s{}()]+")
_NULL_CODES = {"", "---", "+++", "###"}


@dataclass(frozen=True)
class Word:
    text: str  # upper case
    exact: bool = False  # trailing underscore: no stemming


@dataclass(frozen=True)
class SynsetRef:
    name: str  # with the leading '&'


@dataclass(frozen=True)
class Marker:
    kind: str  # 'verb' (*), 'verb-joined' (_*), 'source' ($), 'target' (+), 'skip' (^),
    # 'compound' (%)


@dataclass(frozen=True)
class Phrase:
    items: tuple  # words / synset refs, in order
    adjacent: bool = True  # 'A_B' (closed connector): next to each other; '{A B}': gaps allowed


@dataclass(frozen=True)
class PrepPhrase:
    prep: str  # upper-case preposition
    items: tuple  # words, synsets, phrases, markers inside the parentheses


@dataclass(frozen=True)
class EventCode:
    """The code(s) a pattern or block yields; `None` where there is none."""

    forward: str | None  # source -> target
    reverse: str | None = None  # target -> source (second half of a paired code)

    @property
    def is_null(self) -> bool:
        return self.forward is None and self.reverse is None


@dataclass(frozen=True)
class VerbPattern:
    pre: tuple  # elements before the verb (in text order)
    post: tuple  # elements after the verb
    code: EventCode
    compound: bool
    line: int
    pre_joined: bool = False  # 'RECENTLY_*': the last word before the verb must touch it

    @property
    def size(self) -> int:
        """How specific the pattern is: the number of words and sets it must match."""
        return _count_words(self.pre) + _count_words(self.post)


@dataclass(frozen=True)
class VerbEntry:
    """One verb (possibly multi-word) of a block, in one of its forms."""

    block: "VerbBlock"
    before: tuple[str, ...]  # words that precede the verb word (WIRE in WIRE_+TAP)
    after: tuple[str, ...]  # particles after it (OFF in +CORDON_OFF)
    code: EventCode | None  # a code given on the verb line itself


@dataclass(eq=False)
class VerbBlock:
    name: str
    code: EventCode
    line: int
    patterns: list[VerbPattern] = field(default_factory=list)


@dataclass
class VerbDictionary:
    path: Path
    synsets: dict[str, list[tuple]] = field(default_factory=dict)
    blocks: list[VerbBlock] = field(default_factory=list)
    forms: dict[str, list[VerbEntry]] = field(default_factory=dict)  # verb-word form -> entries
    transformations: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # oddities PETRARCH tolerates, kept

    @property
    def linear(self) -> bool:
        """True for a PETRARCH-1 (TABARI-style) file: its patterns are plain word sequences
        read along the sentence, with (almost) no '(PREP ...)' phrases as PETRARCH-2 uses."""
        patterns = [p for b in self.blocks for p in b.patterns]
        with_preps = sum(1 for p in patterns
                         if any(isinstance(e, PrepPhrase) for e in p.pre + p.post))
        return bool(patterns) and with_preps < 0.01 * len(patterns)

    def entries_for(self, *words: str) -> list[VerbEntry]:
        """Entries whose verb word has one of the given (upper-case) forms, multi-word first."""
        seen: dict[int, VerbEntry] = {}
        for word in words:
            for entry in self.forms.get(word.upper(), ()):
                seen.setdefault(id(entry), entry)
        return sorted(seen.values(), key=lambda e: -(len(e.before) + len(e.after)))


def _count_words(elements: tuple) -> int:
    total = 0
    for element in elements:
        if isinstance(element, (Word, SynsetRef)):
            total += 1
        elif isinstance(element, Phrase):
            total += _count_words(element.items)
        elif isinstance(element, PrepPhrase):
            total += 1 + _count_words(element.items)
    return total


def parse_code(text: str, path: Path, line: int) -> EventCode:
    """`042`, `042:043`, `:173`, `---` -> EventCode."""
    text = text.strip()
    if any(ch.isspace() for ch in text):
        raise DictionaryError(path, line, f"bad event code [{text}]: contains a space")
    forward, _, reverse = text.partition(":")
    return EventCode(
        None if forward in _NULL_CODES else forward,
        None if reverse in _NULL_CODES else reverse,
    )


def regular_forms(verb: str) -> list[str]:
    """Regular inflections of an upper-case verb as PETRARCH generates them."""
    forms = [verb]
    if verb.endswith("E"):
        forms += [verb + "S", verb + "D", verb[:-1] + "ING"]
    elif verb.endswith("Y") and len(verb) > 1 and verb[-2] not in "AEIOU":
        forms += [verb[:-1] + "IES", verb[:-1] + "IED", verb + "ING"]
    elif verb.endswith(("S", "X", "Z", "CH", "SH")):
        forms += [verb + "ES", verb + "ED", verb + "ING"]
    else:
        forms += [verb + "S", verb + "ED", verb + "ING"]
        if (len(verb) >= 3 and verb[-1] not in "AEIOUWXY" and verb[-2] in "AEIOU"
                and verb[-3] not in "AEIOU"):  # TAP -> TAPPED, TAPPING
            forms += [verb + verb[-1] + "ED", verb + verb[-1] + "ING"]
    return forms


def _split_word(token: str) -> list:
    """`WOULD_*_TALKS` -> [Word(WOULD), Marker(verb), Word(TALKS)]; `CASH_` -> exact word."""
    if len(token) > 1 and token[0] == "*":
        return [Marker("verb")] + _split_word(token[1:])
    if len(token) > 1 and token[-1] == "*":
        kind = "verb-joined" if token[-2] == "_" else "verb"
        return _split_word(token[:-1]) + [Marker(kind)]
    parts = token.split("_")
    out: list = []
    for index, part in enumerate(parts):
        if not part:
            if out and isinstance(out[-1], Word):
                out[-1] = Word(out[-1].text, exact=True)
            continue
        out.append(_atom(part))
    return _join_connected(out)


def _join_connected(items: list) -> list:
    """'MOST_CERTAINLY_&NEG_EVER': words joined by '_' (a closed connector) must be adjacent
    in the sentence, so a run of them becomes one Phrase; markers stay apart."""
    out: list = []
    run: list = []
    for item in items + [None]:
        if isinstance(item, (Word, SynsetRef)):
            run.append(item)
            continue
        out.extend(run if len(run) < 2 else [Phrase(tuple(run))])
        run = []
        if item is not None:
            out.append(item)
    return out


_MARKERS = {"*": "verb", "$": "source", "+": "target", "^": "skip", "%": "compound"}


def _atom(part: str):
    if part in _MARKERS:
        return Marker(_MARKERS[part])
    if part.startswith("&"):
        return SynsetRef(part.upper())
    return Word(part.upper())


def parse_pattern_elements(
    text: str, path: Path, line: int, warnings: list[str] | None = None
) -> list:
    """Tokenise a pattern body into elements (markers, words, sets, phrases, prep phrases)."""
    tokens = _TOKEN.findall(text)
    position = 0

    def read_until(closer: str | None) -> list:
        nonlocal position
        items: list = []
        while position < len(tokens):
            token = tokens[position]
            position += 1
            if token in (")", "}"):
                if token == closer:
                    return items
                if closer is None and warnings is not None:  # a stray closer: tolerated
                    warnings.append(f"{path}:{line}: stray {token!r} in pattern ignored")
                    continue
                raise DictionaryError(path, line, f"unbalanced {token!r} in pattern")
            if token == "(":
                inner = read_until(")")
                if not inner or not isinstance(inner[0], Word):
                    raise DictionaryError(path, line, "a '(' phrase must start with a preposition")
                items.append(PrepPhrase(inner[0].text, tuple(inner[1:])))
            elif token == "{":
                items.append(Phrase(tuple(read_until("}")), adjacent=False))
            else:
                items.extend(_split_word(token))
        if closer is not None:
            raise DictionaryError(path, line, f"missing {closer!r} in pattern")
        return items

    return read_until(None)


def _parse_pattern(
    body: str, code: EventCode, path: Path, line: int, warnings: list[str]
) -> VerbPattern | None:
    elements = parse_pattern_elements(body, path, line, warnings)
    compound = any(isinstance(e, Marker) and e.kind == "compound" for e in elements)
    elements = [e for e in elements if not (isinstance(e, Marker) and e.kind == "compound")]
    verbs = ("verb", "verb-joined")
    verb_at = [i for i, e in enumerate(elements) if isinstance(e, Marker) and e.kind in verbs]
    if not verb_at:
        return None
    cut = verb_at[0]  # a second '*' (a few TABARI-era lines have one) is ignored, as PETRARCH does
    joined = elements[cut].kind == "verb-joined"
    elements = elements[: cut + 1] + [
        e for e in elements[cut + 1:] if not (isinstance(e, Marker) and e.kind in verbs)
    ]
    return VerbPattern(tuple(elements[:cut]), tuple(elements[cut + 1:]), code, compound, line,
                       pre_joined=joined)


class _VerbReader:
    def __init__(self, path: Path):
        self.result = VerbDictionary(path)
        self.path = path
        self.synset: str | None = None
        self.block: VerbBlock | None = None

    def feed(self, line: SourceLine) -> None:
        text = line.text.strip()
        if not text:
            return
        if text.startswith("~"):
            self.result.transformations.append(text)
            return
        if text.startswith("---"):
            self._start_block(text, line.number)
        elif text.startswith("&"):
            # '&PREPOSIT1_': the trailing '_' (no stemming) is not part of the name
            name = text.split()[0].upper().rstrip("_")
            self.synset = name
            self.block = None
            self.result.synsets.setdefault(name, [])
        elif self.block is None and self.synset is not None and text.startswith("+"):
            member = text[1:].strip().strip("()").strip()
            if not member:
                raise DictionaryError(self.path, line.number, "empty synonym set member")
            # a member's words are matched next to each other anyway: no Phrase needed
            items = tuple(x for tok in member.split() for e in _split_word(tok)
                          for x in (e.items if isinstance(e, Phrase) else (e,)))
            self.result.synsets[self.synset].append(items)
        elif self.block is None:
            raise DictionaryError(
                self.path, line.number, f"line outside any synonym set or verb block: {text!r}"
            )
        elif text.startswith("-") or text.startswith("*"):
            self._add_pattern(text.lstrip("-").strip(), line.number)
        else:
            self._add_verb(text, line.number)

    def _start_block(self, text: str, number: int) -> None:
        inner = text.strip("-").strip()
        name = inner.split("[", 1)[0].strip()
        codes = _CODE.findall(inner)
        if not name or "]" in name or (not codes and "[" in inner):
            raise DictionaryError(self.path, number, f"bad verb block header {text!r}: "
                                  "expected '--- NAME [code] ---'")
        code = parse_code(codes[0] if codes else "---", self.path, number)
        self.block = VerbBlock(name, code, number)
        self.result.blocks.append(self.block)
        self.synset = None

    def _add_pattern(self, body: str, number: int) -> None:
        codes = list(_CODE.finditer(body))
        if not codes:  # PETRARCH-1 files have a few; the pattern cannot code anything: skip it
            self.result.warnings.append(f"{self.path}:{number}: pattern has no [code]; skipped")
            return
        code = parse_code(codes[-1].group(1), self.path, number)
        body = body[: codes[-1].start()].strip()
        pattern = _parse_pattern(body, code, self.path, number, self.result.warnings)
        if pattern is None:  # a TABARI-era line without the verb: it can never match
            self.result.warnings.append(f"{self.path}:{number}: pattern has no '*'; skipped")
        else:
            self.block.patterns.append(pattern)

    def _add_verb(self, text: str, number: int) -> None:
        text = text.split(";", 1)[0].strip()  # ';' starts a TABARI-style comment
        code = None
        match = _CODE.search(text)
        if match:
            code = parse_code(match.group(1), self.path, number)
            text = (text[: match.start()] + text[match.end():]).strip()
        forms_text = ""
        if "{" in text:
            if text.count("{") != 1 or "}" not in text or text.index("}") < text.index("{"):
                raise DictionaryError(self.path, number, f"bad verb forms in {text!r}")
            forms_text = text[text.index("{") + 1: text.index("}")]
            rest = text[text.index("}") + 1:].strip()
            if rest:
                raise DictionaryError(self.path, number, f"unexpected text after forms: {rest!r}")
            text = text[: text.index("{")].strip()
        if not text:
            raise DictionaryError(self.path, number, "verb line has no verb before its forms")
        if any(not ch.isalnum() and ch not in "_+-' ." for ch in text):
            raise DictionaryError(self.path, number, f"bad verb {text!r}: unexpected character")
        text = "_".join(text.split())  # 'LASH OUT' is read as LASH_OUT
        for form in [text] + forms_text.split():
            self._index_form(form, number, code, generate=form == text and not forms_text)
        if forms_text:  # irregular forms given: still index the regular ones of the base
            self._index_form(text, number, code, generate=True)

    def _index_form(self, form: str, number: int, code, generate: bool) -> None:
        words = [w for w in form.upper().split("_") if w]
        marked = [i for i, w in enumerate(words) if w.startswith("+")]
        if len(marked) > 1:
            raise DictionaryError(self.path, number, f"verb {form!r} marks more than one word '+'")
        verb_index = marked[0] if marked else 0
        if len(words) > 1 and not marked:
            verb_index = 0
        words = [w.lstrip("+") for w in words]
        if not words or not all(words):
            raise DictionaryError(self.path, number, f"bad verb {form!r}")
        entry = VerbEntry(self.block, tuple(words[:verb_index]),
                          tuple(words[verb_index + 1:]), code)
        verb = words[verb_index]
        for surface in regular_forms(verb) if generate else [verb]:
            self.result.forms.setdefault(surface, []).append(entry)


def read_verbs(path: Path | str, text: str | None = None) -> VerbDictionary:
    """Read a PETRARCH-2 (CAMEO.2.0) or PETRARCH-1 verb dictionary."""
    path = Path(path)
    reader = _VerbReader(path)
    for line in iter_lines(path, text):
        reader.feed(line)
    return reader.result
