"""Telling SEO keyword strings ("russian movie filming space") from real alt text.

Scraped pages often fill ``alt=`` with search keywords. Such a string is no
description of the picture: exporters drop it and checks may flag it. Real alt
text and captions read as a phrase or a sentence: they carry a verb or
sentence punctuation, or are cased as written prose.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_SENTENCE_PUNCT = re.compile(r"[.,;:!?\"“”()]")
_MAX_WORDS = 12

# Finite verbs that captions and alt texts use ("Peresild waves before the launch"): auxiliaries,
# and third-person or past forms. Participles alone ("filming") do not make a sentence, and bare
# forms that double as nouns ("set", "launch", "show") would hide real keyword strings.
# fmt: off
_VERBS = frozenset({
    "is", "are", "was", "were", "be", "been", "am", "has", "have", "had", "does", "did", "will",
    "would", "can", "could", "may", "might", "shall", "should", "must",
    "shows", "showed", "stands", "stood", "sits", "sat", "speaks", "spoke", "looks", "looked",
    "poses", "posed", "walks", "walked", "arrives", "arrived", "waves", "waved", "holds", "held",
    "smiles", "smiled", "talks", "talked", "gestures", "gestured", "attends", "attended", "enters",
    "entered", "takes", "took", "gives", "gave", "watches", "watched", "prepares", "prepared",
    "lands", "landed", "launches", "launched", "lifts", "lifted", "flies", "flew", "floats",
    "floated", "says", "said", "celebrates", "celebrated", "meets", "met", "greets", "greeted",
})

# Words after which an article ("the", "a") may start a noun phrase in prose.
_AFTER_WHICH_ARTICLES_FIT = frozenset({
    "of", "in", "on", "at", "to", "for", "from", "with", "by", "about", "into", "onto", "over",
    "under", "after", "before", "during", "near", "inside", "outside", "and", "or", "but", "as",
    "than", "like", "via", "against", "between", "through", "across", "behind", "beside", "above",
    "below", "around",
})
# fmt: on
_BEFORE_ARTICLE = _AFTER_WHICH_ARTICLES_FIT | _VERBS
_ARTICLES = frozenset({"the", "a", "an"})


def is_keyword_string(text: str) -> bool:
    """True when ``text`` looks like an SEO keyword string rather than a description.

    A keyword string is short, has no sentence punctuation and no finite verb,
    and is either all lower case ("russian film crew space") or strings nouns
    together with a stray article ("Peresild movie the challenge"), which prose
    never does.
    """
    stripped = text.strip()
    words = _WORD.findall(stripped)
    if not words or len(words) > _MAX_WORDS or _SENTENCE_PUNCT.search(stripped):
        return False
    lowered = [w.lower() for w in words]
    if any(w in _VERBS for w in lowered):
        return False
    if all(w == lw for w, lw in zip(words, lowered, strict=True)):
        return True
    return any(
        word in _ARTICLES and previous not in _BEFORE_ARTICLE
        for previous, word in zip(lowered, lowered[1:], strict=False)
    )
