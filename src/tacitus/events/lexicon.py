"""The event lexicon: trigger frames, modality cues and code shifts, loaded from data files."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..datafiles import DataFileError, data_path, read_tsv


@dataclass(frozen=True)
class Frame:
    """One way a word can carry a CAMEO event (a row of ``event_triggers.tsv``)."""

    lemma: str
    pos: str  # "V" or "N"
    code: str
    preps: tuple[str, ...] = ()
    recip: bool = False
    mutual: bool = False
    notarget: bool = False
    inverse: bool = False
    nodobj: bool = False
    needprep: bool = False  # fires only with one of its prepositions ("call on/for", not "called it a disappointment")
    noclause: bool = False  # fires only when the word governs no clause ("helped Egypt", not "helped militants join")
    needactor: bool = False  # never coded without an actor target: its thing objects are figurative ("fight inflation")
    unknown_doers: frozenset[str] = frozenset()  # weapons/blasts as the doer: the attacker is unknown (---)
    srcprep: str | None = None
    qualifiers: tuple[tuple[str, str], ...] = ()
    role_codes: tuple[tuple[str, str], ...] = ()  # the source's role changes the code ("strike" by workers: 143)
    target_codes: tuple[tuple[str, str], ...] = ()  # a word describing the target changes the code ("killed ... leader": 186)
    subject_codes: tuple[tuple[str, str], ...] = ()  # a word describing the subject changes the code ("peacekeepers arrived": 074)
    objects: frozenset[str] = frozenset()
    line: int = 0
    file: str = "event_triggers.tsv"

    def describe(self) -> str:
        pos = "verb" if self.pos == "V" else "noun"
        extra = f" + object {'|'.join(sorted(self.objects))}" if self.objects else ""
        return f"{pos} '{self.lemma}'{extra} -> {self.code} ({self.file} line {self.line})"


@dataclass
class EventLexicon:
    frames: dict[tuple[str, str], list[Frame]] = field(default_factory=dict)
    cues: dict[str, str] = field(default_factory=dict)
    shifts: dict[str, dict[str, str]] = field(default_factory=dict)
    plover_overrides: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # code -> (event type, mode)

    def frames_for(self, lemma: str, pos: str) -> list[Frame]:
        return self.frames.get((lemma, pos), [])

    def shift(self, kind: str, code: str) -> str | None:
        """The code an intent/reject/threat shift gives, by longest matching prefix."""
        if kind == "demand":  # CAMEO 10 mirrors 02: an appeal made as a demand
            appeal = self.shift("appeal", code)
            return "10" + appeal[2:] if appeal else None
        table = self.shifts.get(kind, {})
        for n in range(len(code), 1, -1):
            if code[:n] in table:
                return table[code[:n]]
        return None

    @property
    def object_lemmas(self) -> frozenset[str]:
        return frozenset(o for fs in self.frames.values() for f in fs for o in f.objects)


def _parse_frame(path: Path, number: int, row: dict[str, str]) -> Frame:
    lemma, pos, code = row["lemma"].lower(), row["pos"].upper(), row["code"]
    if pos not in ("V", "N"):
        raise DataFileError(f"{path}:{number}: pos must be V or N, not {pos!r}")
    if not (code.isdigit() and 2 <= len(code) <= 4):
        raise DataFileError(f"{path}:{number}: {code!r} is not a CAMEO event code")
    flags = [f.strip() for f in row.get("flags", "").split(",") if f.strip()]
    srcprep = None
    for f in flags:
        if f.startswith("srcprep="):
            srcprep = f.split("=", 1)[1]
        elif f not in ("recip", "mutual", "notarget", "inverse", "nodobj", "needprep", "noclause", "needactor"):
            raise DataFileError(f"{path}:{number}: unknown flag {f!r}")
    quals = []
    roles = []
    target_words = []
    subject_words = []
    doers = []
    for q in row.get("qualifiers", "").split(","):
        if q.strip().startswith("doer:"):
            doers.append(q.strip()[5:].strip().lower())
        elif q.strip().startswith("role:"):
            role, _, rcode = q.strip()[5:].partition("=")
            roles.append((role.strip(), rcode.strip()))
        elif q.strip().startswith("subject:"):
            word, _, scode = q.strip()[8:].partition("=")
            if not scode.strip().isdigit():
                raise DataFileError(f"{path}:{number}: qualifier {q!r} needs subject:word=code")
            subject_words.append((word.strip().lower(), scode.strip()))
        elif q.strip().startswith("target:"):
            word, _, tcode = q.strip()[7:].partition("=")
            if not tcode.strip().isdigit():
                raise DataFileError(f"{path}:{number}: qualifier {q!r} needs target:word=code")
            target_words.append((word.strip().lower(), tcode.strip()))
        elif q.strip():
            word, _, qcode = q.partition("=")
            if not qcode.strip().isdigit():
                raise DataFileError(f"{path}:{number}: qualifier {q!r} needs word=code")
            quals.append((word.strip().lower(), qcode.strip()))
    return Frame(
        lemma=lemma,
        pos=pos,
        code=code,
        preps=tuple(p.strip() for p in row.get("preps", "").split(",") if p.strip()),
        recip="recip" in flags,
        mutual="mutual" in flags,
        notarget="notarget" in flags,
        inverse="inverse" in flags,
        nodobj="nodobj" in flags,
        needprep="needprep" in flags,
        noclause="noclause" in flags,
        needactor="needactor" in flags,
        unknown_doers=frozenset(doers),
        srcprep=srcprep,
        qualifiers=tuple(quals),
        role_codes=tuple(roles),
        target_codes=tuple(target_words),
        subject_codes=tuple(subject_words),
        objects=frozenset(o.strip().lower() for o in row.get("objects", "").split("|") if o.strip()),
        line=number,
        file=path.name,
    )


def load_event_lexicon(extra: list[Path] | None = None) -> EventLexicon:
    """Read the trigger frames (the package's file, then any extra files), cues and shifts."""
    lex = EventLexicon()
    builtin = sorted(data_path(".").glob("event_triggers*.tsv"))  # event_triggers.tsv, event_triggers_more.tsv, ...
    for path in [*builtin, *(extra or [])]:
        for number, row in read_tsv(path):
            frame = _parse_frame(Path(path), number, row)
            lex.frames.setdefault((frame.lemma, frame.pos), []).append(frame)
    for _, row in read_tsv(data_path("modality_cues.tsv")):
        lex.cues[row["cue"].lower()] = row["effect"]
    for _, row in read_tsv(data_path("code_shifts.tsv")):
        lex.shifts.setdefault(row["shift"], {})[row["from"]] = row["to"]
    overrides = data_path("events/plover_overrides.tsv")
    for number, row in read_tsv(overrides):
        if not row["code"].isdigit() or not row["event_type"].isupper():
            raise DataFileError(f"{overrides}:{number}: needs a CAMEO code and an upper-case PLOVER event type")
        lex.plover_overrides[row["code"]] = (row["event_type"], row.get("mode") or None)
    return lex


@lru_cache(maxsize=1)
def get_event_lexicon() -> EventLexicon:
    return load_event_lexicon()
