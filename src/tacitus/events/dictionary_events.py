"""Events coded with user-supplied PETRARCH dictionaries, as Tacitus Event records."""
from __future__ import annotations

from ..codebook import get_codebook, plover_for
from ..model import Actor, Event
from .coder import event_id


def _actor(code: str, text: str) -> Actor | None:
    if not code or code == "---":
        return None
    country = code[:3] if code[:3] != "---" else None
    role = code[3:6] or None
    return Actor(text=text or code, code=code, country=country, role=role, name=None)


def petrarch_events(coder, article, doc, sents, places, times_by_sentence) -> list[Event]:
    codebook = get_codebook()
    pub = article.published.isoformat() if article.published else None
    events: list[Event] = []
    for index, sent in enumerate(sents):
        for n, triple in enumerate(coder.code(sent, article.published)):
            source = _actor(triple.source, triple.source_text) or Actor(text=triple.source_text or "", code="---")
            info = codebook.get(triple.code)
            # the fictional test dictionaries use codes outside CAMEO: keep them, with neutral values
            name = info.name if info else f"code {triple.code} (from the dictionaries)"
            root = triple.code[:2] if triple.code[:2].isdigit() else "01"
            if not (root.isdigit() and 1 <= int(root) <= 20):
                root = "01"
            quad = info.quad_class if info else 1
            gold = info.goldstein if info else 0.0
            target = _actor(triple.target, triple.target_text)
            events.append(
                Event(
                    event_id=event_id(article.doc_id, index, n, source.code, target.code if target else None, triple.code),
                    doc_id=article.doc_id,
                    sentence_index=index,
                    sentence=sent.text,
                    char_span=(sent.start_char, sent.end_char),
                    source=source,
                    target=target,
                    cameo=triple.code,
                    cameo_root=root,
                    cameo_name=name,
                    quad_class=quad,
                    goldstein=gold,
                    modality="asserted",
                    published=pub,
                    event_date=pub,
                    event_date_end=None,
                    date_source="publication" if pub else "none",
                    location=None,
                    trigger={"text": triple.trigger, "lemma": triple.trigger.lower()},
                    explanation=triple.explanation,
                    confidence=0.7,
                    plover=plover_for(triple.code) if info else None,
                )
            )
    return events
