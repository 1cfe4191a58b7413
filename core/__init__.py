"""The shared ground under every stage: the document model (words, lines, pages), the
result model (fields, parties, provenance), the vocabulary, settings and coded errors.
"""
