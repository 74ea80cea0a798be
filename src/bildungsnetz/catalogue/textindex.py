"""Text side of the catalogue search: the same Python code turns documents and queries
into terms, so SQLite and PostgreSQL compare identical strings with identical rules.

Reuses the canonical form of :mod:`bildungsnetz.core.fulltext` (umlauts spelled out,
accents removed, lower case, split at everything that is not ``a-z``/``0-9``) and the
Snowball German stemmer. Unlike the school index, documents are stemmed too (in Python,
when a record is written), and the stems are stored one per row in ``catalogue_searchterm``.
A query word matches a stored term by prefix (``LIKE 'stem%'``), or – for long words – as
part of a compound (``LIKE '%stem%'``) with a lower weight. ``LIKE`` on lower-case ASCII
behaves the same on both databases, so the result sets are identical.

This module has no model imports: the data migration uses it to build the first index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..core.fulltext import fold

MIN_TOKEN = 2
MAX_TERM_LENGTH = 60
MAX_QUERY_TERMS = 8
# Query stems at least this long also match with their last letter cut off
# ("schulpsychologi" → "schulpsycholog*"), because Snowball stems inflected forms of one
# word to slightly different stems.
TRIM_FROM = 8
# Query terms at least this long also match inside compounds ("sozialarbeit" finds
# "Schulsozialarbeit") with a lower weight.
INFIX_FROM = 6

# Irregular plurals the stemmer cannot join; both sides map them to one lemma.
LEMMAS = {
    "museen": "museum",
    "zentren": "zentrum",
    "gymnasien": "gymnasium",
    "praktika": "praktikum",
    "studien": "studium",
    "curricula": "curriculum",
    "kriterien": "kriterium",
    "ministerien": "ministerium",
    "stadien": "stadion",
    "themen": "thema",
}

STOPWORDS = frozenset(
    """aber alle als am an auch auf aus bei bis da das dass dem den der des die durch ein
    eine einem einen einer eines es fuer ihr im in ist mit nach nicht noch oder sich sie
    so sowie ueber um und uns vom von vor wie wir zu zum zur""".split()
)

# Weights of the fields of a document (higher = more important).
WEIGHT_TITLE = 10
WEIGHT_TAGS = 6
WEIGHT_PROVIDER = 4
WEIGHT_KIND = 3
WEIGHT_TEXT = 3
WEIGHT_CONTEXT = 1

_TOKEN = re.compile(r"[0-9a-z]+")
_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("german")


@lru_cache(maxsize=20000)
def term(token: str) -> str:
    """The stored/searched form of one folded token."""
    token = LEMMAS.get(token, token)
    if token.isdigit() or len(token) < 4:
        return token[:MAX_TERM_LENGTH]
    return _stemmer().stemWord(token)[:MAX_TERM_LENGTH]


def tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(fold(text or "")) if len(t) >= MIN_TOKEN]


def material_fields(
    *,
    title: str,
    tags: str,
    provider: str,
    kind: str,
    description: str,
    citation: str,
    criterion_title: str,
    key_statements: list[str],
) -> list[tuple[str, int]]:
    """The weighted texts of a material. The criterion's title and key statements are
    context: a query for "Hochbegabung" (a key statement of 6.6.14) finds its materials."""
    return [
        (title, WEIGHT_TITLE),
        (tags, WEIGHT_TAGS),
        (provider, WEIGHT_PROVIDER),
        ("" if kind == "ohne_angabe" else kind, WEIGHT_KIND),
        (description, WEIGHT_TEXT),
        (citation, WEIGHT_TEXT),
        (criterion_title, WEIGHT_CONTEXT),
        (" ".join(key_statements), WEIGHT_CONTEXT),
    ]


def criterion_fields(
    *, title: str, key_statements: list[str], explanation: str
) -> list[tuple[str, int]]:
    return [
        (title, WEIGHT_TITLE),
        (" ".join(key_statements), WEIGHT_TAGS),
        (explanation, WEIGHT_CONTEXT),
    ]


def document_terms(fields: Iterable[tuple[str, int]]) -> dict[str, int]:
    """``{term: weight}`` of a document given ``(text, weight)`` pairs; a term keeps the
    highest weight of the fields it occurs in. Stop words are not indexed."""
    result: dict[str, int] = {}
    for text, weight in fields:
        for token in tokens(text):
            if token in STOPWORDS:
                continue
            stem = term(token)
            if result.get(stem, 0) < weight:
                result[stem] = weight
    return result


@dataclass(frozen=True)
class QueryTerm:
    word: str  # the folded query word
    stem: str  # its term
    prefix: str  # what stored terms must start with
    infix: bool  # also match inside compounds

    def match(self, stored: str) -> float:
        """How well a stored term matches: 1 exact, .8 prefix, .4 inside a compound, 0."""
        if stored == self.stem:
            return 1.0
        if stored.startswith(self.prefix):
            return 0.8
        if self.infix and self.prefix in stored:
            return 0.4
        return 0.0


def query_terms(query: str) -> list[QueryTerm]:
    result: list[QueryTerm] = []
    seen: set[str] = set()
    for token in tokens(query):
        if token in STOPWORDS:
            continue
        stem = term(token)
        if stem in seen:
            continue
        seen.add(stem)
        prefix = stem[:-1] if len(stem) >= TRIM_FROM else stem
        result.append(QueryTerm(token, stem, prefix, len(prefix) >= INFIX_FROM))
    return result[:MAX_QUERY_TERMS]


def highlight(text: str, qterms: list[QueryTerm], *, max_words: int = 40) -> SafeString:
    """An escaped snippet of ``text`` around the first matching word, matches in ``<mark>``.

    Without a match the beginning of the text is returned.
    """
    text = text or ""
    spans = list(_WORD.finditer(text))
    if not spans:
        return mark_safe(escape(text))

    def is_hit(word: str) -> bool:
        folded = tokens(word)
        return any(q.match(term(t)) > 0 for t in folded for q in qterms)

    hits = [i for i, m in enumerate(spans) if qterms and is_hit(m.group())]
    first = hits[0] if hits else 0
    start_word = max(0, first - max_words // 3)
    end_word = min(len(spans), start_word + max_words)
    start = spans[start_word].start()
    end = spans[end_word - 1].end()
    hit_set = set(hits)
    out: list[str] = ["… " if start_word > 0 else ""]
    cursor = start
    for i in range(start_word, end_word):
        m = spans[i]
        out.append(escape(text[cursor : m.start()]))
        word = escape(m.group())
        out.append(f"<mark>{word}</mark>" if i in hit_set else word)
        cursor = m.end()
    if end_word < len(spans):
        out.append(" …")
    else:
        out.append(escape(text[end:]))
    return mark_safe("".join(out))
