"""Is a sentence about the future? Read from the dependency parse of its main verb.

Future or planned: a 'will' / 'shall' / ''ll' or a modal of possibility or obligation
('may', 'might', 'must', 'should') on the main verb without a perfect 'have'; a
present-tense plan or schedule with an infinitive ('is set to', 'is expected to',
'plans to', 'is due to', 'is going to'); a bare headline infinitive ('Putin to visit
China next week'); 'scheduled for' / 'planned for'. A past reporting verb ('said',
'announced') passes the question to the clause it reports ('said it would hold talks').
"""
from __future__ import annotations

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "may", "might", "must", "should"}
_PLAN_VERBS = {"set", "expect", "schedule", "slate", "due", "poise", "plan", "intend", "aim",
               "prepare", "go", "hope", "seek", "vow", "pledge", "promise", "want", "about"}
_REPORTING = {"say", "announce", "tell", "report", "state", "add", "confirm", "note", "declare",
              "write", "insist", "warn"}
_PRESENT_BE = {"is", "are", "am", "'s", "'re", "'m"}


def _auxiliaries(verb) -> list:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def _verb_is_future(verb, reported: bool = False) -> bool:
    auxes = _auxiliaries(verb)
    aux_words = {a.lower_ for a in auxes}
    if "have" in aux_words or "has" in aux_words or "had" in aux_words:
        return False
    if aux_words & _FUTURE_AUX or (reported and "would" in aux_words):
        return True
    has_infinitive = any(
        c.dep_ in ("xcomp", "ccomp") and any(g.dep_ == "aux" and g.tag_ == "TO" for g in c.children)
        for c in verb.children
    )
    lemma = verb.lemma_.lower()
    if lemma in _PLAN_VERBS and has_infinitive:
        # 'is set to embark', 'plans to visit'; not 'planned to' (past)
        if verb.tag_ in ("VBZ", "VBP") or (verb.tag_ in ("VBN", "VBG", "JJ") and aux_words & _PRESENT_BE):
            return True
        if verb.tag_ == "JJ" or lemma == "due":
            return any(c.lower_ in _PRESENT_BE for c in verb.children)
    if lemma == "be" and verb.tag_ in ("VBZ", "VBP"):
        # 'the visit is scheduled for May 16' parsed with 'scheduled' as an adjective complement
        for c in verb.children:
            if c.dep_ in ("acomp", "attr", "xcomp") and c.lemma_.lower() in _PLAN_VERBS:
                if any(g.dep_ in ("prep", "xcomp") for g in c.children):
                    return True
    if verb.dep_ == "ROOT" and verb.tag_ == "VB" and any(a.tag_ == "TO" for a in auxes):
        return True  # headline infinitive: 'Putin to visit China'
    if lemma in ("schedule", "plan", "slate", "set") and verb.tag_ == "VBN" and aux_words & _PRESENT_BE:
        return True  # 'the visit is scheduled for Thursday'
    return False


def sentence_is_future(sent) -> bool:
    """True when the main verb of the spaCy sentence ``sent`` (a Span) is future or planned."""
    root = sent.root
    if _verb_is_future(root):
        return True
    if root.lemma_.lower() in _REPORTING and root.tag_ in ("VBD", "VBZ", "VBP", "VBN"):
        for child in root.children:
            if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX") and _verb_is_future(child, reported=True):
                return True
    return False
