"""Pages built in code: lines of text placed at given points become Words with boxes."""

from __future__ import annotations

from core.document import PageContent, ReadDocument, Word

CHAR_WIDTH = 6.0
LINE_HEIGHT = 10.0


def words_at(text: str, x: float, y: float, line: int = 0, confidence: float = 1.0
             ) -> list[Word]:
    """The words of ``text`` set from (x, y) in a monospaced 6-point-wide face."""
    words = []
    position = x
    for token in text.split(" "):
        if token:
            width = CHAR_WIDTH * len(token)
            words.append(Word(token, (position, y, position + width, y + LINE_HEIGHT),
                              confidence, line))
        position += CHAR_WIDTH * (len(token) + 1)
    return words


def sized_words(text: str, x: float, y: float, height: float) -> list[Word]:
    """The words of ``text`` set from (x, y) in a face ``height`` points tall (a form's
    small label print beside its larger fill)."""
    out, position = [], x
    for token in text.split():
        width = 0.6 * height * len(token)
        out.append(Word(token, (position, y, position + width, y + height), 1.0, 0))
        position += width + 0.6 * height
    return out


def page(*placed: tuple[float, float, str], number: int = 1, source: str = "text"
         ) -> PageContent:
    """A page from (x, y, text) triples."""
    words: list[Word] = []
    for index, (x, y, text) in enumerate(placed):
        words.extend(words_at(text, x, y, line=index))
    return PageContent(number=number, width=612, height=792, source=source,  # type: ignore[arg-type]
                       words=words)


def stacked(lines: list[str], x: float = 72, top: float = 72, step: float = 14
            ) -> list[tuple[float, float, str]]:
    """Lines set one under the other at the left margin."""
    return [(x, top + i * step, text) for i, text in enumerate(lines)]


def document(*pages: PageContent, doc_type: str = "other") -> ReadDocument:
    return ReadDocument(path="built.pdf", sha256="0" * 64, media_type="application/pdf",
                        pages=list(pages), doc_type=doc_type)
