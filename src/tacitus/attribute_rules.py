"""A cached, exact stand-in for spaCy's ``attribute_ruler`` component.

The English model's attribute ruler maps each token's fine tag (and, for some words, its
lower-case form or dependency label) to a coarse POS, morphology and sometimes a lemma,
through a general Matcher with ~180 patterns. It costs as much as the parser on news text
because every token runs through the Matcher and a Python loop. Here the same rules are
compiled once and their outcome cached per (tag, relevant word form, dependency label, is
space) — a handful of hundred keys on any corpus — so each token costs one dict lookup.

The result is the stock component's, token for token (``tests/test_attribute_rules.py``
compares both on the bundled articles): rules apply in the order the stock component
applies them (later rules win), two-token rules ("gon na", "there is") are checked
pairwise. If the model's rules use anything this module does not implement, ``install``
leaves the stock component in place.
"""
from __future__ import annotations

import re
from typing import Callable

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.tokens._retokenize import set_token_attrs

FEATURES = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the token attributes rules may test
FACTORY = "tacitus_cached_attribute_ruler"


class UnsupportedRule(ValueError):
    """A rule uses a token attribute or operator this module does not implement."""


def _predicate(feature: str, value) -> Callable[[tuple], bool]:
    """One token condition, over a (tag, lower, dep, is_space) tuple of strings/bools."""
    if feature not in FEATURES:
        raise UnsupportedRule(feature)
    at = FEATURES.index(feature)
    if isinstance(value, dict):
        if len(value) != 1:
            raise UnsupportedRule(str(value))
        (op, arg), = value.items()
        if op == "IN":
            allowed = set(arg)
            return lambda f: f[at] in allowed
        if op == "NOT_IN":
            banned = set(arg)
            return lambda f: f[at] not in banned
        if op == "REGEX":
            pattern = re.compile(arg)
            return lambda f: f[at] is not None and bool(pattern.search(f[at]))
        raise UnsupportedRule(op)
    return lambda f: f[at] == value


def _token_condition(spec: dict) -> Callable[[tuple], bool]:
    if "OP" in spec:
        raise UnsupportedRule("OP")
    tests = [_predicate(feature, value) for feature, value in spec.items()]
    return lambda f: all(t(f) for t in tests)


class CachedAttributeRuler:
    """Applies an AttributeRuler's rules with a cache; see the module docstring."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.conditions: list[Callable[[tuple], bool]] = []  # every distinct token condition
        self.single: list[tuple[int, int, dict]] = []  # (rule id, condition, attrs)
        self.pairs: list[tuple[int, int, int, int, dict]] = []  # (rule id, cond 0, cond 1, index, attrs)
        self.words: set[str] = set()  # lower-case forms some rule names
        self.regexes: list[re.Pattern] = []
        self._lower_cache: dict[int, str | None] = {}
        self._token_cache: dict[tuple, tuple[dict, list, frozenset]] = {}

    def take_rules(self, stock) -> None:
        """Compile the rules of a stock AttributeRuler (raises UnsupportedRule)."""
        seen: dict[str, int] = {}

        def condition(spec: dict) -> int:
            key = repr(sorted(spec.items(), key=lambda kv: kv[0]))
            if key not in seen:
                seen[key] = len(self.conditions)
                self.conditions.append(_token_condition(spec))
                value = spec.get("LOWER")
                if isinstance(value, str):
                    self.words.add(value)
                elif isinstance(value, dict) and "REGEX" in value:
                    self.regexes.append(re.compile(value["REGEX"]))
                elif isinstance(value, dict):
                    self.words.update(next(iter(value.values())))
            return seen[key]

        for rule_id, attrs in enumerate(stock.attrs):
            _, patterns = stock.matcher.get(str(rule_id))
            index = stock.indices[rule_id]
            for pattern in patterns:
                if len(pattern) == 1 and index in (0, -1):
                    self.single.append((rule_id, condition(pattern[0]), attrs))
                elif len(pattern) == 2 and index in (0, 1, -1, -2):
                    self.pairs.append((rule_id, condition(pattern[0]), condition(pattern[1]), index % 2, attrs))
                else:
                    raise UnsupportedRule(f"pattern of {len(pattern)} tokens, index {index}")
        self.pair_starts = {c0 for _, c0, _, _, _ in self.pairs}

    def _lower_key(self, lower_id: int) -> str | None:
        """The lower-case form if some rule names it, else None (so the cache stays small)."""
        key = self._lower_cache.get(lower_id, 0)
        if key == 0:
            lower = self.vocab.strings[lower_id]
            named = lower in self.words or any(r.search(lower) for r in self.regexes)
            key = self._lower_cache[lower_id] = lower if named else None
        return key

    def _outcome(self, features: tuple) -> tuple[dict, list, frozenset]:
        """(cache entry) its single-token rules' attrs merged in order, the rules, the conditions met."""
        met = frozenset(i for i, cond in enumerate(self.conditions) if cond(features))
        rules = [(rule_id, attrs) for rule_id, c, attrs in self.single if c in met]
        return _merged(rules), rules, met

    def __call__(self, doc):
        if not len(doc):
            return doc
        strings = self.vocab.strings
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        cache = self._token_cache
        outcomes = []
        for tag, lower, dep, space in rows:
            key = (tag, self._lower_key(lower), dep, space)
            out = cache.get(key)
            if out is None:
                features = (strings[tag] if tag else "", key[1], strings[dep] if dep else "", bool(space))
                out = cache[key] = self._outcome(features)
            outcomes.append(out)
        extra: dict[int, list] = {}  # token -> two-token rules that reach it
        if self.pairs:
            starts = self.pair_starts
            for i in range(len(outcomes) - 1):
                met = outcomes[i][2]
                if starts.isdisjoint(met):
                    continue
                for rule_id, c0, c1, index, attrs in self.pairs:
                    if c0 in met and c1 in outcomes[i + 1][2]:
                        extra.setdefault(i + index, []).append((rule_id, attrs))
        for i, (merged, rules, _) in enumerate(outcomes):
            if i in extra:
                merged = _merged(sorted(rules + extra[i], key=lambda r: r[0]))
            if merged:
                set_token_attrs(doc[i], merged)
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


def _merged(rules: list) -> dict:
    """The attrs of rules applied in order: a later rule's value for an attribute wins."""
    merged: dict = {}
    for _, attrs in rules:
        merged.update(attrs)
    return merged


@Language.factory(FACTORY)
def _make_cached_attribute_ruler(nlp, name):
    return CachedAttributeRuler(nlp.vocab)


def install(nlp, name: str = "attribute_ruler") -> bool:
    """Swap the pipeline's stock attribute ruler for the cached one; False if left as it was."""
    if name not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe(name)
    cached = CachedAttributeRuler(nlp.vocab)
    try:
        cached.take_rules(stock)
    except UnsupportedRule:
        return False
    nlp.replace_pipe(name, FACTORY)
    nlp.get_pipe(name).__dict__.update(cached.__dict__)
    return True
