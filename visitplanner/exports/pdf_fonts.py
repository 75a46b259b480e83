"""The font family of every PDF (books, place cards, charts): DejaVu Sans, shipped.

The four faces (regular, bold, oblique, bold oblique) cover Latin with every French
accent and Cyrillic with the Ukrainian letters (є, і, ї, ґ, the apostrophe ʼ). They
are shipped in visitplanner/resources/fonts so that a book prints the same on
Windows, macOS and Linux, and reportlab embeds the glyphs it uses in the PDF.
"""

from __future__ import annotations

import io
import logging
import math
import threading
from importlib import resources
from typing import Final, Literal

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.i18n import _

log = logging.getLogger(__name__)

#: The family name every style uses; <b> and <i> map to the faces below.
FAMILY: Final = "VisitPlannerSans"
REGULAR: Final = FAMILY
BOLD: Final = f"{FAMILY}-Bold"
ITALIC: Final = f"{FAMILY}-Italic"
BOLD_ITALIC: Final = f"{FAMILY}-BoldItalic"

#: Registered font name -> file in visitplanner/resources/fonts.
FACES: Final = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

_lock = threading.Lock()
_registered = False


class FontError(VisitPlannerError):
    """The fonts PDFs need are missing or unreadable (a broken installation)."""


def _font_folder() -> resources.abc.Traversable:
    return resources.files("visitplanner") / "resources" / "fonts"


def _load(name: str, filename: str) -> TTFont:
    source = _font_folder() / filename
    try:
        payload = source.read_bytes()
    except OSError as exc:
        raise FontError(
            _(
                "the font file {file} is missing from VisitPlanner's installation "
                "(visitplanner/resources/fonts); PDFs need {files}"
            ).format(file=filename, files=", ".join(FACES.values()))
        ) from exc
    try:
        return TTFont(name, io.BytesIO(payload))
    except Exception as exc:
        raise FontError(
            _("the font file {file} cannot be read ({error})").format(file=filename, error=exc)
        ) from exc


def register_fonts() -> str:
    """Register the family with reportlab once (thread-safe); return its name."""
    global _registered
    with _lock:
        if _registered:
            return FAMILY
        faces = {name: _load(name, filename) for name, filename in FACES.items()}
        for face in faces.values():
            pdfmetrics.registerFont(face)
        # A face name given with <b> or <i> finds the combined face (a bold style
        # with <i> in it prints bold oblique); the family is registered last so that
        # each face name maps back to the family for reportlab's reverse look-up.
        style_of: dict[str, tuple[Literal[0, 1], Literal[0, 1]]] = {
            REGULAR: (0, 0),
            BOLD: (1, 0),
            ITALIC: (0, 1),
            BOLD_ITALIC: (1, 1),
        }
        by_style = {bits: name for name, bits in style_of.items()}
        for name, (bold, italic) in style_of.items():
            for b, i in by_style:
                combined = by_style[(1 if bold or b else 0, 1 if italic or i else 0)]
                addMapping(name, b, i, combined)
        pdfmetrics.registerFontFamily(
            FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        _registered = True
        log.debug("registered the %s font family", FAMILY)
    return FAMILY


def missing_glyphs(text: str) -> set[str]:
    """The characters of `text` that the family has no glyph for (they would print as boxes)."""
    register_fonts()
    font = pdfmetrics.getFont(REGULAR)
    assert isinstance(font, TTFont)
    known = font.face.charToGlyph
    return {ch for ch in text if ch.isprintable() and not ch.isspace() and ord(ch) not in known}


def regular_and_bold() -> tuple[str, str]:
    """Register the family; return the names of its regular and bold faces."""
    register_fonts()
    return REGULAR, BOLD


#: The smallest size any user text is printed at; below it, text is cut short.
FLOOR: Final = 7.0


def fit_text(text: str, font: str, size: float, width: float, smallest: float) -> tuple[str, float]:
    """`text` and the largest size up to `size` (in quarter points) at which it fits `width`.

    Below `smallest` the text is cut short with an ellipsis instead. A text's width
    grows in proportion to its size, so one measure finds the size, and the cut is
    found by halving (a name of 10,000 characters costs a few measures, not 10,000).
    """
    natural = stringWidth(text, font, 1)
    if natural * size <= width:
        return text, size
    fitted = max(smallest, math.floor(4 * width / natural) / 4) if natural else size
    if natural * fitted <= width:
        return text, fitted
    return cut_to_width(text, "…", font, fitted, width), fitted


def cut_to_width(text: str, tail: str, font: str, size: float, width: float) -> str:
    """The longest start of `text` that, followed by `tail`, fits `width` (at least one
    character, so that a reader sees where the text began)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle] + tail, font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + tail


def draw_centred(
    canvas: Canvas, x: float, y: float, text: str, font: str, size: float, width: float
) -> None:
    """`text` centred at (x, y), made smaller (or cut short) to fit `width`."""
    shown, fitted = fit_text(text, font, size, width, FLOOR)
    canvas.setFont(font, fitted)
    canvas.drawCentredString(x, y, shown)
