"""``tacitus explain``: how a sentence was read and why each event was (or was not) coded."""
from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.table import Table


def explain_text(text: str, published: date | None = None, console: Console | None = None) -> dict:
    """Print the parse, actors, triggers and events of ``text``; return them as data too."""
    from . import make_article
    from .events.coder import find_candidates
    from .pipeline import Pipeline

    console = console or Console()
    pipe = Pipeline()
    article = make_article(text, published)
    doc = pipe.parse(pipe.parse_text(article))
    coded = pipe.code(article, doc)
    mentions = pipe.actors.find(doc, on=article.published)

    parse = Table(title="Parse", header_style="bold")
    for col in ("i", "word", "lemma", "pos", "dep", "head"):
        parse.add_column(col)
    for t in doc:
        parse.add_row(str(t.i), t.text, t.lemma_, t.pos_, t.dep_, f"{t.head.i} {t.head.text}")
    console.print(parse)

    actors = Table(title="Actors", header_style="bold")
    for col in ("words", "code", "kind", "name"):
        actors.add_column(col)
    for m in mentions:
        actors.add_row(m.text, m.code, m.kind, m.name or "")
    console.print(actors)

    sents = list(doc.sents)
    by_sentence = [[m for m in mentions if s.start <= m.start < s.end] for s in sents]
    results = find_candidates(doc, by_sentence, pipe.lexicon)
    trig = Table(title="Triggers not coded", header_style="bold")
    for col in ("word", "frame", "why not"):
        trig.add_column(col)
    rejected = []
    for res in results:
        for r in res.rejections:
            trig.add_row(r.trigger.text, r.frame.describe(), r.reason)
            rejected.append({"trigger": r.trigger.text, "frame": r.frame.describe(), "reason": r.reason})
    console.print(trig)

    ev = Table(title="Events", header_style="bold")
    for col in ("source", "code", "target", "modality", "date", "why"):
        ev.add_column(col, overflow="fold")
    for e in coded.events:
        ev.add_row(e.source.code, f"{e.cameo} {e.cameo_name}", e.target.code if e.target else "-", e.modality, e.event_date or "", e.explanation)
    console.print(ev)
    return {"actors": [m.__dict__ for m in mentions], "events": [e.to_dict() for e in coded.events], "rejected": rejected}
