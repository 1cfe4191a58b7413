"""Court paperwork composed from vocabularies (doc-type training data and the generator's
``other`` papers)."""
