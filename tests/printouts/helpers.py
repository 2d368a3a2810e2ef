"""Reading a PDF back: its text, page sizes, fonts, word boxes, and the QR codes on it."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader


def text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text, in reading order (poppler), one string a page."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        found = subprocess.run(["pdftotext", "-layout", str(source), "-"], capture_output=True, text=True, check=True)
    return [page for page in found.stdout.split("\f") if page.strip()]


def page_sizes_mm(pdf: bytes) -> list[tuple[int, int]]:
    return [(round(float(p.mediabox.width) / 72 * 25.4), round(float(p.mediabox.height) / 72 * 25.4))
            for p in PdfReader(BytesIO(pdf)).pages]


def fonts(pdf: bytes) -> dict[str, bool]:
    """Each font used, and whether its glyphs are embedded in the file."""
    found: dict[str, bool] = {}
    for page in PdfReader(BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            inner = descendants[0].get_object() if descendants else font
            descriptor = inner.get("/FontDescriptor")
            embedded = bool(descriptor) and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
    return found


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def words(pdf: bytes) -> list[tuple[float, float, list[Word]]]:
    """Per page: width, height and the word boxes poppler finds."""
    with tempfile.TemporaryDirectory() as folder:
        source, html = Path(folder) / "in.pdf", Path(folder) / "out.html"
        source.write_bytes(pdf)
        subprocess.run(["pdftotext", "-bbox", str(source), str(html)], check=True)
        markup = html.read_text(encoding="utf-8")
    pages = []
    for size, body in re.findall(r'<page (width="[^"]+" height="[^"]+")>(.*?)</page>', markup, re.S):
        width, height = (float(v) for v in re.findall(r'"([\d.]+)"', size))
        boxes = [Word(t, float(a), float(b), float(c), float(d)) for a, b, c, d, t in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', body)]
        pages.append((width, height, boxes))
    return pages


def qr_codes(pdf: bytes) -> list[str]:
    """The QR codes on the first page, decoded by zbar from a 150 dpi rendering."""
    assert shutil.which("zbarimg") and shutil.which("pdftoppm"), "needs zbar-tools and poppler-utils"
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(source),
                        f"{folder}/page"], check=True)
        image = next(Path(folder).glob("page*.png"))
        found = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True)
    return found.stdout.split()


@dataclass(frozen=True)
class Shown:
    """A run of text as drawn: its size in points and how high on the page (points from the foot)."""

    text: str
    size: float
    y: float


def text_sizes(pdf: bytes) -> list[Shown]:
    """Every run of text on every page with the size it is drawn at (the font size the content
    sets, times the text and graphics matrices' vertical scale)."""
    shown: list[Shown] = []

    def visit(found: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if found.strip():
            shown.append(Shown(found, size * abs(tm[3]) * abs(cm[3] or 1), tm[5] * (cm[3] or 1) + cm[5]))

    for page in PdfReader(BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return shown
