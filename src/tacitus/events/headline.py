"""Headline reading: a present-tense verb that the parser took for a plural noun.

Headlines drop articles and use the present tense ("Mali's junta expels French ambassador",
"UN General Assembly votes to demand Russia withdraw from Ukraine"), and the small English
model then reads the verb as a plural noun at the root of a verbless phrase. When a sentence
has no verb at its root and such a word is a verb the trigger lexicon knows, the sentence is
parsed again with that word in its past form, which the model reads as the verb it is, and
the new arcs and parts of speech replace the old ones for that sentence. The lemmas, the
named entities and the tokens stay as they were.

It costs one parse of a short phrase, and only for verbless sentences with a known verb.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import EventLexicon
from .words import forget_words

# a headline is short; a longer verbless stretch is a list, a caption or a table row
MAX_HEADLINE_TOKENS = 20
VOWELS = set("aeiou")
# what may follow a headline verb: its object or its infinitive ("Peace talks *in* Geneva" is a noun phrase)
OBJECT_STARTS = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "PART", "PRON"}


def past_form(lemma: str) -> str:
    """A past form good enough for the parser to read a verb ("expel" -> "expelled")."""
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in VOWELS:
        return lemma[:-1] + "ied"
    if len(lemma) > 2 and lemma[-1] in "lpgt" and lemma[-2] in VOWELS and lemma[-3] not in VOWELS:
        return lemma + lemma[-1] + "ed"  # expel, slap, drag: doubled
    return lemma + "ed"


def misread_verb(sent: Span, lexicon: EventLexicon) -> Token | None:
    """The headline verb the parser read as a plural noun, if the sentence has one."""
    if len(sent) > MAX_HEADLINE_TOKENS or sent.root.pos_ in ("VERB", "AUX"):
        return None
    for tok in sent:
        if (tok.tag_ == "NNS" and tok.is_lower and tok.lower_.endswith("s") and sent.start < tok.i < sent.end - 1
                and tok.nbor(-1).pos_ in ("NOUN", "PROPN")  # a subject just before it
                and tok.nbor().pos_ in OBJECT_STARTS  # and an object or 'to' after it
                and (_known_verb(tok, lexicon) or _known_infinitive(tok, sent, lexicon))):
            return tok
    return None


def _known_verb(tok: Token, lexicon: EventLexicon) -> bool:
    return (tok.lemma_.lower(), "V") in lexicon.frames


def _known_infinitive(tok: Token, sent: Span, lexicon: EventLexicon) -> bool:
    """"UN General Assembly votes *to demand* ...": a known verb's infinitive follows."""
    return tok.nbor().lower_ == "to" and tok.i + 2 < sent.end and _known_verb(tok.nbor(2), lexicon)


def reread_headline(sent: Span, lexicon: EventLexicon, nlp=None) -> Token | None:
    """Re-parse a headline whose verb was read as a noun; returns the verb, or None if nothing changed."""
    verb = misread_verb(sent, lexicon)
    if verb is None:
        return None
    if nlp is None:
        from ..nlp import get_nlp

        nlp = get_nlp()
    words = [t.text_with_ws for t in sent]
    k = verb.i - sent.start
    words[k] = past_form(verb.lemma_.lower()) + verb.whitespace_
    again = nlp("".join(words))
    if len(again) != len(sent) or again[k].pos_ != "VERB" or again[k].dep_ != "ROOT":
        return None
    if any(a.text != t.text for i, (a, t) in enumerate(zip(again, sent)) if i != k):
        return None
    start = sent.start
    for new, old in zip(again, sent):
        old.head = sent.doc[start + new.head.i]
        old.dep_ = new.dep_
        old.pos_ = new.pos_
        old.tag_ = "VBZ" if new.i == k else new.tag_
    forget_words(sent.doc)  # the parts of speech and dependencies read before are stale now
    return verb
