"""Identity search for investigators: one free-text query, ranked hits with reasons.

The query may hold a name (typos, nicknames, initials, given and surname in
either order), a phone, part of an address, SSN last four, a date of birth or
an e-mail, in any mix: "bob quarshie 62704", "217-555-0143", "1420 elm st",
"ssn 4821 1970-05-06".

The front door; the work is split by job:

* ``search_query``: the query read into structured terms and free words;
* ``search_tokens``: how alike a word and an indexed token are, graded by the
  kind of match (exact, nickname pair, shared formal name, misspelling);
* ``search_index``: the in-memory index, scores and the ranking rules;
* ``search_cache``: the index of a database, cached and refreshed.
"""

from __future__ import annotations

from sqlmodel import Session

from skiptrace.search_cache import LayeredIndex, entries_from_session, index_for_session
from skiptrace.search_index import IndexEntry, SearchHit, SearchIndex
from skiptrace.search_query import (
    MAX_QUERY_CHARS,
    ParsedQuery,
    QueryTooLong,
    check_query_length,
    parse_query,
)

__all__ = ["MAX_QUERY_CHARS", "IndexEntry", "LayeredIndex", "ParsedQuery", "QueryTooLong",
           "SearchHit", "SearchIndex", "check_query_length", "entries_from_session",
           "index_for_session", "parse_query", "search_identities"]


def search_identities(session: Session, query: str, limit: int = 20) -> list[SearchHit]:
    """Identities matching a free-text query, best first, each with its score and reasons.

    A query over ``MAX_QUERY_CHARS`` raises ``QueryTooLong`` (a ValueError) before the
    index is touched."""
    check_query_length(query)
    return index_for_session(session).search(query, limit=limit)
