"""file -> pages (words + boxes): the intake stage as one function.

Per page, the text layer is used when it really holds the page's text;
otherwise the page is rendered at 300 dpi and read by the OCR engine the
settings name (``intake.ocr``; tesseract by default), one page per core. A page
that fails is recorded as failed with its reason and the rest of the document
still reads. Full SSNs are masked in every page's words before anything else
reads them (``intake.redaction``).
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageSequence

from core.document import PageContent, ReadDocument
from intake import errors, pdf, sniff
from intake.classify import classify_document
from intake.filestore import sha256_hex
from intake.ocr import OcrEngine, ParallelSetup, get_engine, ocr_page_image
from intake.ocr.preprocess import Picture, enlarge_coarse, page_pictures, smooth_upsampled
from intake.ocr_layer import MIN_LEFTOVER_INK, leftover_ink, leftover_ink_share, merge_words
from intake.redaction import redact_page
from intake.settings import IntakeSettings
from intake.text_layer import IMAGE_PAGE_SHARE, assess_text_layer, image_share, page_words

log = logging.getLogger(__name__)

Progress = Callable[[str], None]
DEFAULT_IMAGE_DPI = 300.0
# Pages looked at per page the leftover-ink pass may read (intake.ocr_layer).
LAYER_PAGES_LOOKED_AT = 3


@dataclass
class _OcrTask:
    number: int
    width: float
    height: float
    image: Image.Image | None
    dpi: float
    error: errors.IntakeError | None = None
    pictures: list[Picture] = field(default_factory=list)  # drawn on the page, with dpi


@dataclass
class _LayerTask:
    """A text-layer page drawn over a picture: the ink its layer lacks, to read."""

    page: PageContent
    image: Image.Image | None = None
    dpi: float = 0.0


def _noop(_: str) -> None:
    return None


def _check_page_size(number: int, width: float, height: float, settings: IntakeSettings) -> None:
    inches = (width / 72.0, height / 72.0)
    if max(inches) > settings.max_page_inches or min(inches) < settings.min_page_inches:
        raise errors.absurd_page_size(number, width, height)


def _render_dpi(width: float, height: float, settings: IntakeSettings) -> float:
    """The OCR resolution, lowered for huge pages so a page stays under the pixel cap."""
    dpi = float(settings.ocr_dpi)
    megapixels = (width / 72 * dpi) * (height / 72 * dpi) / 1e6
    if megapixels > settings.max_megapixels:
        dpi *= (settings.max_megapixels / megapixels) ** 0.5
    return dpi


def _pdf_pages(data: bytes, settings: IntakeSettings, progress: Progress
               ) -> tuple[list[PageContent], list[_OcrTask], list[_LayerTask]]:
    plumber, data = pdf.open_pdf(data)
    with plumber:
        count = len(plumber.pages)
        if count > settings.max_pages:
            raise errors.too_many_pages(count, settings.max_pages)
        if count == 0:
            raise errors.truncated("the PDF has no pages")
        pages: list[PageContent] = []
        tasks: list[_OcrTask] = []
        over_picture: list[PageContent] = []  # text-layer pages drawn over a scan
        for index, page in enumerate(plumber.pages):
            number = index + 1
            width, height = float(page.width), float(page.height)
            _check_page_size(number, width, height, settings)
            progress(f"reading page {number}/{count}")
            try:
                words = page_words(page)
                verdict = assess_text_layer(words, height, image_share(page))
            except Exception as exc:  # one broken page must not sink the document
                log.warning("page %d: text layer unreadable (%s); will OCR", number, exc)
                words, verdict = [], None
            if verdict is not None and verdict.use_text_layer:
                pages.append(PageContent(number, width, height, "text", words))
                if verdict.image_share >= IMAGE_PAGE_SHARE:
                    over_picture.append(pages[-1])
            else:
                tasks.append(_OcrTask(number, width, height, None, 0.0))
    layer_tasks: list[_LayerTask] = []
    if tasks or (over_picture and settings.ocr_layer_pages):
        renderer = pdf.open_for_rendering(data)
        try:
            for task in tasks:
                task.dpi = _render_dpi(task.width, task.height, settings)
                try:
                    task.image = pdf.render_pdf_page(renderer, task.number - 1, task.dpi)
                    task.pictures = _pictures(renderer, task.number - 1)
                except Exception as exc:
                    task.error = errors.unreadable(f"page {task.number} cannot be rendered: {exc}")
            layer_tasks = _layer_tasks(renderer, over_picture, settings)
        finally:
            renderer.close()
    return pages, tasks, layer_tasks


def _pictures(renderer, index: int) -> list[Picture]:
    page = renderer[index]
    try:
        return page_pictures(page)
    finally:
        page.close()


def _layer_tasks(renderer, candidates: list[PageContent], settings: IntakeSettings
                 ) -> list[_LayerTask]:
    """The first ``ocr_layer_pages`` pages whose trusted text layer lies over a picture
    that still shows ink once the layer's words are whited out (``intake.ocr_layer``)."""
    chosen: list[_LayerTask] = []
    # Rendering is the cost of looking: a long scan whose pages have nothing left over
    # is looked at for a few pages, not all of them.
    for page in candidates[:settings.ocr_layer_pages * LAYER_PAGES_LOOKED_AT]:
        if len(chosen) >= settings.ocr_layer_pages:
            break
        try:
            dpi = _render_dpi(page.width, page.height, settings)
            image = smooth_upsampled(pdf.render_pdf_page(renderer, page.number - 1, dpi), dpi,
                                     _pictures(renderer, page.number - 1))
            image = leftover_ink(image, page.words, dpi)
        except Exception as exc:  # the layer is still there: keep it and go on
            log.warning("page %d: leftover ink not rendered (%s)", page.number, exc)
            continue
        if leftover_ink_share(image) < MIN_LEFTOVER_INK:
            continue
        chosen.append(_LayerTask(page, image, dpi))
    return chosen


def _image_pages(data: bytes, settings: IntakeSettings) -> list[_OcrTask]:
    import io

    try:
        with warnings.catch_warnings():
            # we apply our own, configurable pixel cap per page below
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.size  # noqa: B018  (forces the header to be parsed)
    except Image.DecompressionBombError:
        raise errors.too_many_pixels(1, float("inf"), settings.max_megapixels) from None
    except Exception as exc:
        raise errors.truncated(f"image cannot be opened: {type(exc).__name__}") from None
    frames = getattr(image, "n_frames", 1)
    if frames > settings.max_pages:
        raise errors.too_many_pages(frames, settings.max_pages)
    tasks: list[_OcrTask] = []
    for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
        megapixels = frame.width * frame.height / 1e6
        if megapixels > settings.max_megapixels:
            raise errors.too_many_pixels(number, megapixels, settings.max_megapixels)
        dpi_info = frame.info.get("dpi") or image.info.get("dpi")
        has_dpi = bool(dpi_info and dpi_info[0] and dpi_info[0] > 1)
        dpi = float(dpi_info[0]) if dpi_info and has_dpi else DEFAULT_IMAGE_DPI
        width, height = frame.width / dpi * 72, frame.height / dpi * 72
        _check_page_size(number, width, height, settings)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                copy = frame.convert("L")
        except OSError as exc:
            raise errors.truncated(f"image data is cut short ({exc})") from None
        copy, dpi = enlarge_coarse(copy, dpi, settings.ocr_dpi,
                                   max_megapixels=settings.max_megapixels)
        tasks.append(_OcrTask(number, width, height, copy, dpi))
    return tasks


def _engine(settings: IntakeSettings) -> OcrEngine:
    """The engine the settings choose (I012 for a name nobody registered)."""
    return get_engine(settings.ocr_engine)


def _fallback(settings: IntakeSettings) -> OcrEngine | None:
    """The engine that reads again the pages the first was unsure of; none when it is off
    or the same engine."""
    name = settings.ocr_fallback.strip().lower()
    if name == "off" or name == settings.ocr_engine.strip().lower():
        return None
    return get_engine(name)


def _ocr_task(task: _OcrTask, engine: OcrEngine, settings: IntakeSettings,
              fallback: OcrEngine | None = None) -> PageContent:
    if task.error is not None or task.image is None:
        reason = task.error.message if task.error else "page could not be rendered"
        return PageContent(task.number, task.width, task.height, "ocr", [], "failed", reason)
    try:
        result = ocr_page_image(task.image, task.dpi, engine=engine, page=task.number,
                                language=settings.ocr_language, timeout=settings.ocr_timeout,
                                fix_orientation=settings.fix_orientation,
                                deskew=settings.deskew, pictures=task.pictures,
                                fallback=fallback)
    except errors.IntakeError as exc:
        return PageContent(task.number, task.width, task.height, "ocr", [], "failed", exc.message)
    finally:
        task.image = None  # free the bitmap as soon as it is read
    return PageContent(task.number, task.width, task.height, "ocr", result.words)


def ocr_tasks(tasks: list[_OcrTask], engine: OcrEngine, settings: IntakeSettings,
              progress: Progress) -> list[PageContent]:
    """OCR pages in parallel, one page per worker (the engine set up for that first)."""
    if not tasks:
        return []
    if isinstance(engine, ParallelSetup):
        engine.prepare_parallel()
    total = len(tasks)
    done = 0
    results: list[PageContent] = []
    workers = min(settings.worker_count, total)
    fallback = _fallback(settings)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr") as pool:
        for page in pool.map(lambda t: _ocr_task(t, engine, settings, fallback), tasks):
            done += 1
            progress(f"OCR page {done}/{total}")
            results.append(page)
    return results


def _read_leftover(task: _LayerTask, engine: OcrEngine, settings: IntakeSettings) -> None:
    if task.image is None:
        return
    page = task.page
    try:
        read = engine.read(task.image, task.dpi, page=page.number,
                           language=settings.ocr_language, timeout=settings.ocr_timeout)
    except errors.IntakeError as exc:  # the text layer stands as it was
        log.warning("page %d: leftover ink not read (%s)", page.number, exc.message)
        return
    finally:
        task.image = None
    page.words = merge_words(page.words, read.words)


def read_leftover_ink(tasks: list[_LayerTask], engine: OcrEngine, settings: IntakeSettings,
                      progress: Progress) -> None:
    """One OCR pass per text-layer page over a picture, on the ink its layer lacks; the new
    words join the page in place (before SSN masking, which runs after)."""
    if not tasks:
        return
    if isinstance(engine, ParallelSetup):
        engine.prepare_parallel()
    workers = min(settings.worker_count, len(tasks))
    progress(f"OCR of stamps and margins on {len(tasks)} page(s)")
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr-layer") as pool:
        list(pool.map(lambda t: _read_leftover(t, engine, settings), tasks))


def read_bytes(data: bytes, name: str, *, settings: IntakeSettings | None = None,
               progress: Progress | None = None) -> ReadDocument:
    """Read a file's bytes into pages of words. Raises IntakeError for a bad file."""
    settings = settings or IntakeSettings.from_env()
    progress = progress or _noop
    engine = _engine(settings)  # a misconfigured engine fails every file the same clear way
    if not data:
        raise errors.empty_file()
    media_type = sniff.sniff_media_type(data[:2048])
    if media_type is None:
        raise errors.unsupported(sniff.describe_unsupported(data[:2048]))
    layer_tasks: list[_LayerTask] = []
    if media_type == sniff.PDF:
        pages, tasks, layer_tasks = _pdf_pages(data, settings, progress)
    else:
        pages, tasks = [], _image_pages(data, settings)
    pages.extend(ocr_tasks(tasks, engine, settings, progress))
    read_leftover_ink(layer_tasks, engine, settings, progress)
    pages.sort(key=lambda p: p.number)
    pages = redact_pages(pages)
    document = ReadDocument(path=name, sha256=sha256_hex(data), media_type=media_type,
                            pages=pages)
    document.doc_type = classify(document)
    return document


def redact_pages(pages: list[PageContent]) -> list[PageContent]:
    """Every page with its full SSNs masked (text layer and OCR alike), before any other
    reader sees the words (intake.redaction)."""
    redacted: list[PageContent] = []
    for page in pages:
        page, found = redact_page(page)
        if found:
            log.debug("page %d: %d full SSN(s) masked", page.number, found)
        redacted.append(page)
    return redacted


def read_file(path: Path, *, settings: IntakeSettings | None = None,
              progress: Progress | None = None) -> ReadDocument:
    """Read one file from disk (see ``read_bytes``)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise errors.not_found() from None
    except IsADirectoryError:
        raise errors.unreadable("is a directory") from None
    except PermissionError:
        raise errors.unreadable("permission denied") from None
    return read_bytes(data, str(path), settings=settings, progress=progress)


def classify(document: ReadDocument) -> str:
    """The document type from its words (the classifier lives in intake.classify)."""
    doc_type, _confidence = classify_document(document.pages)
    return doc_type
