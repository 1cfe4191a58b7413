"""Tell a file's type from its first bytes, never from its extension."""

from __future__ import annotations

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
    (b"II+\x00", TIFF),  # BigTIFF
    (b"MM\x00+", TIFF),
)

_OTHER_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP/Office file"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"<html", "HTML"),
    (b"<!DOCTYPE", "HTML"),
)


def sniff_media_type(head: bytes) -> str | None:
    """The media type of a supported file from its first bytes, or None."""
    # PDF readers accept junk before the header (within the first KiB); so do we.
    if b"%PDF-" in head[:1024]:
        return PDF
    for signature, media_type in _SIGNATURES:
        if head.startswith(signature):
            return media_type
    return None


def describe_unsupported(head: bytes) -> str:
    """A short human guess at what an unsupported file is, for the error line."""
    for signature, name in _OTHER_SIGNATURES:
        if head[:64].lower().startswith(signature.lower()):
            return name
    sample = head[:512]
    if sample and all(32 <= b < 127 or b in (9, 10, 13) for b in sample):
        return "plain text"
    return "unknown binary data"
