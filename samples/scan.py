"""Turn a text-layer PDF into what a scanner or fax machine would have produced.

Pages are rasterized with pdfium, then degraded the way office scanners degrade paper
(skew, blur, uneven lighting, sensor noise, JPEG) and written without any text layer:
as an image-only PDF, a single-page PNG or a multi-page TIFF (bilevel, fax-like).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import reportlab
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas as rl_canvas

PDF_DPI = 200
IMAGE_DPI = 300


@dataclass(frozen=True, slots=True)
class ScanSettings:
    """How one document was scanned; drawn once per document from its seed."""

    skew_degrees: float
    turn_degrees: int  # 0, 90, 180 or 270: a page fed sideways or upside down
    blur_radius: float
    noise_sigma: float
    light_falloff: float
    jpeg_quality: int
    bilevel: bool


def draw_settings(rng: np.random.Generator, *, bilevel: bool) -> ScanSettings:
    skew = float(rng.uniform(0.3, 2.0)) * (1 if rng.random() < 0.5 else -1)
    turn = int(rng.choice((90, 180, 270))) if rng.random() < 0.1 else 0
    return ScanSettings(
        skew_degrees=round(skew, 2), turn_degrees=turn,
        blur_radius=float(rng.uniform(0.6, 1.0)), noise_sigma=float(rng.uniform(2.0, 4.5)),
        light_falloff=float(rng.uniform(0.06, 0.18)), jpeg_quality=int(rng.integers(58, 71)),
        bilevel=bilevel,
    )


def rasterize(pdf_path: Path, dpi: int) -> list[Image.Image]:
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        pages = []
        for page in document:
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            pages.append(bitmap.to_pil().convert("L"))
            page.close()
        return pages
    finally:
        document.close()


def _fax_header(page: Image.Image, line: str) -> Image.Image:
    """The line a fax machine prints across the top of every page it sends."""
    font_path = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    font = ImageFont.truetype(str(font_path), size=max(18, page.width // 110))
    stamped = page.copy()
    ImageDraw.Draw(stamped).text((page.width // 25, page.height // 160), line, fill=0, font=font)
    return stamped


def fax_line(rng: np.random.Generator, pages: int, sent: date) -> str:
    """One sending's header; ``{page}`` is filled in per page."""
    sent = sent + timedelta(days=int(rng.integers(0, 30)))
    sender = "".join(str(int(d)) for d in rng.integers(0, 10, 10))
    return (f"{sent.strftime('%b').upper()}-{sent.day:02d}-{sent.year} "
            f"{int(rng.integers(1, 12)):02d}:{int(rng.integers(0, 60)):02d}  FROM:{sender}  "
            f"TO:{''.join(str(int(d)) for d in rng.integers(0, 10, 10))}  "
            f"P.{{page:03d}}/{pages:03d}")


def _lid_shadow(pixels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A dark band along one edge where the scanner lid did not close on the page."""
    height, width = pixels.shape
    band = int(rng.integers(6, 28))
    edge = int(rng.integers(0, 4))
    shade = float(rng.uniform(70, 140))
    if edge == 0:
        pixels[:band, :] = np.minimum(pixels[:band, :], shade)
    elif edge == 1:
        pixels[-band:, :] = np.minimum(pixels[-band:, :], shade)
    elif edge == 2:
        pixels[:, :band] = np.minimum(pixels[:, :band], shade)
    else:
        pixels[:, -band:] = np.minimum(pixels[:, -band:], shade)
    return pixels


def _lighting(height: int, width: int, falloff: float, rng: np.random.Generator) -> np.ndarray:
    """A lamp brighter at one spot and dimmer away from it (computed coarse, then enlarged)."""
    small_h, small_w = max(2, height // 16), max(2, width // 16)
    ys, xs = np.mgrid[0:small_h, 0:small_w].astype(np.float32)
    cx, cy = rng.uniform(0.2, 0.8) * small_w, rng.uniform(0.2, 0.8) * small_h
    distance = np.hypot((xs - cx) / small_w, (ys - cy) / small_h)
    coarse = (255 * (1.0 - falloff * distance / distance.max())).astype(np.uint8)
    smooth = Image.fromarray(coarse, "L").resize((width, height), Image.Resampling.BILINEAR)
    return np.asarray(smooth, dtype=np.float32) / 255.0


def degrade(page: Image.Image, settings: ScanSettings, rng: np.random.Generator) -> Image.Image:
    """Paper tone, uneven lighting, skew, optics blur and sensor noise."""
    paper = float(rng.uniform(228, 246))
    ink = float(rng.uniform(18, 45))
    pixels = np.asarray(page, dtype=np.float32) / 255.0
    toned = ink + (paper - ink) * pixels
    if not settings.bilevel and rng.random() < 0.5:
        toned = _lid_shadow(toned, rng)
    height, width = toned.shape
    lit = toned * _lighting(height, width, settings.light_falloff, rng)
    image = Image.fromarray(np.clip(lit, 0, 255).astype(np.uint8), "L")
    image = image.rotate(settings.skew_degrees, resample=Image.Resampling.BILINEAR, expand=False,
                         fillcolor=int(paper * 0.8))
    noisy = np.asarray(image, dtype=np.float32)
    noisy += rng.standard_normal(noisy.shape, dtype=np.float32) * settings.noise_sigma
    specks = rng.integers(0, 2500, noisy.shape, dtype=np.uint16) == 0
    noisy[specks] = rng.uniform(30, 120)
    image = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8), "L")
    image = image.filter(ImageFilter.GaussianBlur(settings.blur_radius))
    if settings.bilevel:
        threshold = float(rng.uniform(140, 175))
        image = image.point(lambda value: 255 if value > threshold else 0).convert("1")
    if settings.turn_degrees:
        image = image.rotate(settings.turn_degrees, expand=True)
    return image


def write_image_pdf(pages: list[Image.Image], path: Path, settings: ScanSettings) -> None:
    """An image-only PDF: one grayscale JPEG per page, no text layer at all.

    The JPEG goes in as a binary stream (no ASCII85), a quarter smaller and much faster.
    """
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        _write_image_pdf(pages, path, settings)
    finally:
        rl_config.useA85 = saved


def _write_image_pdf(pages: list[Image.Image], path: Path, settings: ScanSettings) -> None:
    pdf = rl_canvas.Canvas(str(path), invariant=1)
    pdf.setTitle("")
    pdf.setAuthor("")
    pdf.setCreator("")
    pdf.setProducer("")
    for page in pages:
        buffer = io.BytesIO()
        page.save(buffer, "JPEG", quality=settings.jpeg_quality, optimize=True)
        buffer.seek(0)
        width_pt = page.width * 72 / PDF_DPI
        height_pt = page.height * 72 / PDF_DPI
        pdf.setPageSize((width_pt, height_pt))
        pdf.drawImage(ImageReader(buffer), 0, 0, width=width_pt, height=height_pt)
        pdf.showPage()
    pdf.save()


def write_png(page: Image.Image, path: Path) -> None:
    page.save(path, "PNG", dpi=(IMAGE_DPI, IMAGE_DPI), optimize=True)


def write_tiff(pages: list[Image.Image], path: Path) -> None:
    compression = "group4" if pages[0].mode == "1" else "tiff_lzw"
    pages[0].save(path, "TIFF", save_all=True, append_images=pages[1:], compression=compression,
                  dpi=(IMAGE_DPI, IMAGE_DPI))


def scan_document(pdf_path: Path, out_stem: Path, kind: str, seed: int,
                  sent: date = date(2024, 1, 2)) -> Path:
    """Write the scanned rendering of ``pdf_path``; ``kind`` is 'pdf', 'png' or 'tiff'.

    ``sent`` is the document's date: a fax header, when there is one, is dated after it.
    """
    rng = np.random.default_rng(seed)
    bilevel = kind in ("png", "tiff")
    settings = draw_settings(rng, bilevel=bilevel)
    dpi = IMAGE_DPI if bilevel else PDF_DPI
    pages = rasterize(pdf_path, dpi)
    if bilevel and rng.random() < 0.6:
        header = fax_line(rng, len(pages), sent)
        pages = [_fax_header(page, header.format(page=number))
                 for number, page in enumerate(pages, start=1)]
    pages = [degrade(page, settings, rng) for page in pages]
    target = out_stem.with_name(f"{out_stem.name}.scan.{kind}")
    if kind == "pdf":
        write_image_pdf(pages, target, settings)
    elif kind == "png":
        write_png(pages[0], target)
    else:
        write_tiff(pages, target)
    return target
