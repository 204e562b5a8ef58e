"""Language identification: a fast check for English, else langdetect (seeded, so repeatable).

Most input is English news, and langdetect costs ~10 ms a text; English function words
make up a quarter of English prose and almost none of other languages' prose, so a text
where they are frequent is English without asking langdetect.
"""
from __future__ import annotations

import re

from langdetect import DetectorFactory, LangDetectException, detect

DetectorFactory.seed = 0

# Below this many letters langdetect guesses; such texts are never rejected on language.
MIN_LETTERS = 80
_SAMPLE_CHARS = 1500
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
# Words frequent in English and rare elsewhere (no "a", "in", "die", "on" ...: other languages use them).
_ENGLISH = frozenset(
    "the of and to is that for was with said by from his her it are were has have had be this which "
    "an not their they but would will been who its also after about than more when there".split()
)
ENGLISH_SHARE = 0.10


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (``en``, ``fr``, ``zh``), or None if too short to tell."""
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    words = _WORD.findall(sample.lower())
    if len(words) >= 20 and sum(w in _ENGLISH for w in words) / len(words) >= ENGLISH_SHARE:
        return "en"
    try:
        code = detect(sample)
    except LangDetectException:
        return None
    return code.split("-")[0].lower()
