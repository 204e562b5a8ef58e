"""Document tone on GDELT's scale, from the VADER sentiment lexicon.

Method (the same arithmetic as GDELT's ``AvgTone``, with an open lexicon in place of GDELT's):

1. Split the text into words: runs of letters, with inner apostrophes or hyphens kept
   ("don't", "well-being"), lower-cased.
2. Look each word up in vaderSentiment's lexicon (7,500 words and emoticons, each rated
   -4..+4 by human raters; shipped with the package, read offline). A word counts as
   positive when its rating is at least +0.5, negative when at most -0.5; milder words and
   words not in the lexicon are neutral.
3. ``positive`` = positive words / all words x 100, ``negative`` likewise;
   ``tone`` = positive - negative (range -100..+100; news text falls mostly within -10..+10);
   ``polarity`` = positive + negative (how emotionally charged the text is, whatever the sign).

Like GDELT's tone it is a bag of words: no negation ("not good" counts "good"), no intensifiers,
no context. It ranks and compares texts; it does not read them. Empty text has tone 0.0.
"""
from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[a-z]+(?:['’\-][a-z]+)*")
THRESHOLD = 0.5  # |VADER rating| a word needs to count as positive or negative


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, float]:
    """VADER's word ratings, loaded once per process."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return dict(SentimentIntensityAnalyzer().lexicon)


def tone_details(text: str) -> dict:
    """{"tone", "positive", "negative", "polarity", "word_count"} for ``text`` (percentages of words)."""
    if not isinstance(text, str):
        raise TypeError(f"tone needs a str, got {type(text).__name__}")
    words = WORD.findall(text.lower().replace("’", "'"))
    if not words:
        return {"tone": 0.0, "positive": 0.0, "negative": 0.0, "polarity": 0.0, "word_count": 0}
    lexicon = _lexicon()
    pos = neg = 0
    for word in words:
        rating = lexicon.get(word)
        if rating is None:
            continue
        if rating >= THRESHOLD:
            pos += 1
        elif rating <= -THRESHOLD:
            neg += 1
    n = len(words)
    positive, negative = 100.0 * pos / n, 100.0 * neg / n
    return {
        "tone": positive - negative,
        "positive": positive,
        "negative": negative,
        "polarity": positive + negative,
        "word_count": n,
    }


def tone(text: str) -> float:
    """GDELT-style tone of ``text``: positive word share minus negative word share, in percent."""
    return tone_details(text)["tone"]
