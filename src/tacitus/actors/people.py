"""People named as a crowd or as someone's following, coded once the sentence is read.

- A country's people counted and acted upon: "deported more than 200 Venezuelans", "killing
  scores of Afghans" are that country's civilians (VENCVL), not the state. A demonym standing
  alone ("the Israelis said") stays the country, and so does a counted crowd that acts as the
  subject ("thousands of Serbians demonstrated" -> SRB, as PETRARCH codes it). The counting
  words are the cue ``people_counts`` in ``data/actors/cues.tsv``.
- Followers ("supporters", "loyalists": the "follower" use in roles.tsv) take their code
  from whom they follow; see :func:`follower_code`.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

# roles an office-holder has; their followers are civilians, not the opposition
OFFICE_ROLES = {"GOV", "MIL", "LEG", "JUD", "SPY", "COP"}
# roles whose followers share them ("Houthi loyalists", "party supporters")
MOVEMENT_ROLES = {"REB", "UAF", "PTY", "OPP", "RAD"}
NON_COUNTRIES = {"IGO", "NGO", "IMG", "MNC"}


def follower_code(kind: str, code: str, country: str | None, role: str | None, follower_role: str) -> tuple[str, str | None] | None:
    """(code, role) of the followers of an actor (given by its kind, code, country and role):
    the group or body itself ("Hamas supporters" -> PSEREBHMS), the movement's country and role
    ("Houthi loyalists"), the country's civilians for an office-holder's followers ("supporters of
    President X" -> CVL), else the country's opposition ("supporters of former President
    Bolsonaro" -> BRAOPP). None when the actor has no country to give."""
    if kind in ("group", "igo") or code.startswith(("IGO", "NGO", "IMG")):
        return code, role
    if not country or len(country) != 3 or country in NON_COUNTRIES:
        return None
    role = followers_role(role, follower_role)
    return country + role, role


def followers_role(role: str | None, follower_role: str) -> str:
    """The role of those who follow an actor with ``role``: the movement's own ("rebel supporters"
    -> REB), civilians for an office ("government supporters" -> CVL), else ``follower_role``."""
    if role in MOVEMENT_ROLES:
        return role
    if role in OFFICE_ROLES:
        return "CVL"
    return follower_role


def counted_people(doc: Doc, mentions: list, count_words: frozenset[str]) -> list:
    """Demonyms used as nouns with a count ("200 Venezuelans", "scores of Afghans") become the
    country's civilians unless their phrase is the active subject; every other mention is
    returned unchanged."""
    out = []
    for m in mentions:
        head = doc[m.head]
        if (m.kind == "adjective" and m.country and len(m.country) == 3 and m.country not in NON_COUNTRIES
                and head.i == m.end - 1 and head.tag_ in ("NNPS", "NNS") and _counted(head, count_words)):
            m = replace(m, code=m.country + "CVL", role="CVL", kind="role", name=None)
        out.append(m)
    return out


def _counted(tok: Token, count_words: frozenset[str]) -> bool:
    """"200 Venezuelans", "many Syrians", "scores of Afghans", "hundreds of thousands of Israelis",
    when the phrase is not the subject of an active verb."""
    phrase = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else tok
    while phrase.dep_ == "pobj" and phrase.head.lower_ == "of":  # "hundreds of thousands of"
        phrase = phrase.head.head
    if phrase.dep_ == "nsubj":
        return False
    if any(c.dep_ in ("nummod", "quantmod") or (c.dep_ == "amod" and c.lower_ in count_words) for c in tok.children):
        return True
    if tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return False
    prep = tok.head
    whole = prep.head
    # the word before "of" counts too: spaCy may hang "of Afghans" on an earlier noun
    before = tok.doc[prep.i - 1] if prep.i > 0 else whole
    return whole.lower_ in count_words or whole.pos_ == "NUM" or before.lower_ in count_words
