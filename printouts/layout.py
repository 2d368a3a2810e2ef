"""What every handout shares: embedded fonts, styles, the QR code, the footer, the document's
metadata and outline (title, language, author; headings as bookmarks), PDF bytes out."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import reportlab
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, SimpleDocTemplate, TableStyle

from forms.choices import HandoutLanguage
from forms.profile import ServiceProfile
from forms.timefmt import format_clock, format_date, local
from printouts.wording import texts as texts  # the handouts take their wording from here too

FONT, BOLD = "WalkinSans", "WalkinSans-Bold"
# Bitstream Vera ships with ReportLab and has every glyph of Finnish, Swedish and English
# (å ä ö, and Š Ž for names), so no system font is needed.
_FONTS = Path(reportlab.__file__).parent / "fonts"


class DoesNotFit(ValueError):
    """The text is too long for the paper; the message says what to shorten."""


@cache
def fonts() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(_FONTS / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(_FONTS / "VeraBd.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    # Charts: the graphics renderer starts every drawing in its default font; make it ours,
    # so chart labels are embedded Vera and no Helvetica is referenced.
    STATE_DEFAULTS["fontName"] = FONT



PLAIN_FINNISH = HandoutLanguage.SELKO.value
PLAIN_BODY_SIZE = 14
"""Plain Finnish (selkosuomi) is printed at least this large (points), as Selkokeskus advises."""


@cache
def document_language(language: str) -> str:
    """The language a document declares (/Lang): plain Finnish is Finnish to a screen reader."""
    return "fi" if language == PLAIN_FINNISH else language


@cache
def styles(scale: float = 1.0, plain: bool = False) -> dict[str, ParagraphStyle]:
    """Black on white, ragged right; body 12 pt on A4 (`scale` shrinks it for cards). `plain`
    (plain Finnish): everything larger, body 14 pt, with more space between lines and paragraphs."""
    fonts()
    scale *= PLAIN_BODY_SIZE / 12 if plain else 1
    spacing, gap = (1.5, 0.5) if plain else (1.3, 0.3)

    def style(name: str, size: float, font: str = FONT, space_before: float = 0) -> ParagraphStyle:
        size *= scale
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * spacing,
                              spaceBefore=space_before * scale, spaceAfter=size * gap,
                              keepWithNext=name == "heading", bulletFontName=font)

    return {
        "title": style("title", 22, BOLD),
        "subtitle": style("subtitle", 13),
        "heading": style("heading", 14, BOLD, space_before=6),
        "body": style("body", 12),
        "strong": style("strong", 12, BOLD),
        "big": style("big", 16, BOLD),
    }


HEADING_LEVELS = {"title": 0, "heading": 1}
"""The styles that are headings, and their level in the document's outline."""


def _markup(text: str) -> str:
    """Plain text as paragraph markup: anything a person typed is escaped, never read as markup;
    a line break ("\n", one thing per line in plain Finnish) stays a line break."""
    return "<br/>".join(escape(line) for line in text.split("\n"))


@dataclass(frozen=True)
class Pen:
    """Writes a document's paragraphs in its type: `scale` shrinks it (cards), `plain` is plain
    Finnish's larger type (`pen`)."""

    scale: float = 1.0
    plain: bool = False

    def para(self, text: str, style: str = "body") -> Paragraph:
        """A paragraph of plain text (`_markup`). A title or heading style makes it a heading."""
        if style in HEADING_LEVELS:
            return self.heading(text, HEADING_LEVELS[style], style)
        return Paragraph(_markup(text), styles(self.scale, self.plain)[style])

    def heading(self, text: str, level: int, style: str | None = None) -> Heading:
        """A heading at `level` of the outline (0 the document's title), in its level's style
        unless `style` names another."""
        chosen = styles(self.scale, self.plain)[style or ("title" if level == 0 else "heading")]
        return Heading(_markup(text), chosen, text.replace("\n", " "), level)

    def labelled(self, label: str, value: str) -> Paragraph:
        return Paragraph(f"<b>{escape(label)}:</b> {_markup(value)}", styles(self.scale, self.plain)["body"])

    def bullets(self, items: Sequence[str], numbered: bool = False) -> ListFlowable:
        size = styles(self.scale, self.plain)["body"].fontSize
        indent = size * (1.5 if numbered else 1)
        return ListFlowable(
            [ListItem(self.para(item), leftIndent=indent) for item in items],
            bulletType="1" if numbered else "bullet", start=None if numbered else "•",
            leftIndent=indent, bulletFontName=FONT, bulletFontSize=size + 2 if numbered else size,
        )


def pen(language: str, scale: float = 1.0) -> Pen:
    """The pen a handout in `language` is written with: plain Finnish's is larger."""
    return Pen(scale, plain=language == PLAIN_FINNISH)


def para(text: str, style: str = "body", scale: float = 1.0) -> Paragraph:
    """A paragraph of plain text in the ordinary type (see `Pen.para`)."""
    return Pen(scale).para(text, style)


def heading(text: str, level: int, style: str | None = None, scale: float = 1.0) -> Heading:
    """A heading in the ordinary type (see `Pen.heading`)."""
    return Pen(scale).heading(text, level, style)


class Heading(Paragraph):
    """A heading that a screen reader or a PDF viewer finds: a bookmark where it is drawn and an
    entry in the document's outline, in reading order. Drawn again on the same canvas (the ten
    cards of a sheet), it is in the outline once."""

    def __init__(self, markup: str, style: ParagraphStyle, text: str, level: int) -> None:
        super().__init__(markup, style)
        self.text, self.level = text, level
        self._outlined: set[int] = set()

    def draw(self) -> None:
        canvas = self.canv
        if id(canvas) not in self._outlined:
            self._outlined.add(id(canvas))
            # Numbered per canvas, not per process: the same document gives the same bytes.
            number = canvas.__dict__.setdefault("heading_count", 0) + 1
            canvas.__dict__["heading_count"] = number
            key = f"heading{number}"
            canvas.bookmarkHorizontal(key, 0, self.height)
            canvas.addOutlineEntry(self.text, key, self.level)
        super().draw()


def bullets(items: Sequence[str], numbered: bool = False) -> ListFlowable:
    return Pen().bullets(items, numbered)


# A table that lays a QR code beside its text, in our font (a table's default is Helvetica).
BESIDE = TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                     ("FONTNAME", (0, 0), (-1, -1), FONT)])


def labelled(label: str, value: str, scale: float = 1.0) -> Paragraph:
    return Pen(scale).labelled(label, value)


class QrCode(Flowable):
    """A QR code `size` points wide with its quiet zone (four modules). Drawn square by square on
    the canvas: ReportLab's drawing renderer would add a non-embedded Helvetica to the PDF."""

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.url = url
        self.width = self.height = size

    def draw(self) -> None:
        (x1, y1, x2, _y2), squares = _qr_squares(self.url)
        scale = self.width / (x2 - x1)
        self.canv.saveState()
        self.canv.translate(-x1 * scale, -y1 * scale)
        self.canv.scale(scale, scale)
        for x, y, width, height, colour in squares:
            self.canv.setFillColor(colour)
            self.canv.rect(x, y, width, height, stroke=0, fill=1)
        self.canv.restoreState()


@cache
def _qr_squares(url: str) -> tuple[tuple[float, float, float, float], tuple[tuple[Any, ...], ...]]:
    """The bounds and the dark squares of a URL's QR code: encoded once, it never changes."""
    group = QrCodeWidget(url, barBorder=4).draw()
    squares = tuple((s.x, s.y, s.width, s.height, s.fillColor)
                    for s in group.contents if s.fillColor is not None)  # the first is the outline
    return group.getBounds(), squares


def format_moment(moment: datetime, language: str) -> str:
    """1.12.2026 klo 10.00 / 1.12.2026 kl. 10.00 / 1 Dec 2026 at 10:00, Helsinki time."""
    clock = local(moment)
    return (f"{format_date(clock.date(), language)} {texts(language)['at']} "
            f"{format_clock(clock.hour, clock.minute, language)}")


def job_title(title: str, language: str) -> str:
    """A worker's job title as entered (in Finnish), said to be Finnish on a Swedish or English
    handout rather than passed off as a translation."""
    return str(texts(language)["job_title"]).format(title=title)


def footer_text(profile: ServiceProfile, language: str, printed_on: date) -> str:
    printed = texts(language)["printed"].format(date=format_date(printed_on, language))
    return f"{profile.service.name.get(language)} · {printed}"


def new_canvas(out: io.BytesIO, language: str, pagesize: tuple[float, float] = A4,
               canvasmaker: type[Canvas] = Canvas) -> Canvas:
    """A canvas whose document says its language (/Lang in the catalogue: a screen reader reads
    Finnish as Finnish) and whose bytes are the same on every run."""
    return canvasmaker(out, pagesize=pagesize, invariant=True, lang=document_language(language),
                       initialFontName=FONT)


def describe(canvas: Canvas, profile: ServiceProfile, language: str, title: str, kind: str) -> None:
    """The metadata every document carries: its title (shown by the viewer instead of the file
    name), the service as its author, what it is (`kind`, a key of texts' [subject]), and the
    outline of its headings open beside it."""
    service = profile.service
    canvas.setTitle(title)
    canvas.setAuthor(f"{service.name.get(language)}, {service.organisation.get(language)}")
    canvas.setSubject(str(texts(language)["subject"][kind]))
    canvas.setCreator("walkin-desk")
    canvas.setViewerPreference("DisplayDocTitle", "true")
    canvas.showOutline()


def build(
    story: Sequence[Flowable],
    profile: ServiceProfile,
    language: str,
    printed_on: date,
    title: str,
    kind: str,
    pagesize: tuple[float, float] = A4,
    numbered: bool = False,
    running: str | None = None,
) -> bytes:
    """Lay the story out on pages with the service name and the print date at the foot, and the
    page number ("Page 2 of 3") on every page when `numbered` or the story takes more than one;
    described (`describe`) as a document of `kind`. `running`: a line at the head of every page
    (a summary's sites)."""
    fonts()
    out = io.BytesIO()
    footer = footer_text(profile, language, printed_on)
    page_text = str(texts(language)["page"])

    def foot(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 10)
        canvas.drawString(doc.leftMargin, 12 * mm, footer)
        if running:
            canvas.setFont(FONT, 9)
            canvas.drawString(doc.leftMargin, pagesize[1] - 9 * mm, running)
        canvas.restoreState()

    class NumberedCanvas(Canvas):
        """Holds each page until the last is laid out: "of 3" is known only then. A heading's
        bookmark waits with its page, or it would point at the page the document is still on."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._marks: list[tuple[str, dict[str, Any]]] = []

        def bookmarkPage(self, key: str, **where: Any) -> None:  # ReportLab's name
            self._marks.append((key, where))

        def showPage(self) -> None:  # ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._marks = []
            self._startPage()

        def save(self) -> None:
            for page in self._pages:
                self.__dict__.update(page)
                for key, where in self._marks:
                    super().bookmarkPage(key, **where)
                if numbered or len(self._pages) > 1:
                    self.setFont(FONT, 10)
                    self.drawRightString(pagesize[0] - doc.rightMargin, 12 * mm, page_text.format(
                        page=self._pageNumber, pages=len(self._pages)))
                super().showPage()
            describe(self, profile, language, title, kind)
            super().save()

    doc = SimpleDocTemplate(
        out, pagesize=pagesize, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=14 * mm, bottomMargin=20 * mm,
        lang=document_language(language), invariant=True, initialFontName=FONT,
    )
    doc.build(list(story), onFirstPage=foot, onLaterPages=foot, canvasmaker=NumberedCanvas)
    return out.getvalue()
