"""The Unicode fonts of every PDF: DejaVu Sans, for Latin with accents and Cyrillic alike.

Looked for among the application's resources first, then where Debian's
fonts-dejavu-core puts them. Registered once per process.
"""

from __future__ import annotations

import logging
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.i18n import _

log = logging.getLogger(__name__)

REGULAR: Final = "DejaVuSans"
BOLD: Final = "DejaVuSans-Bold"
_SYSTEM: Final = Path("/usr/share/fonts/truetype/dejavu")


def _font_dirs() -> list[Path]:
    bundled = Path(str(resources.files("visitplanner") / "resources" / "fonts"))
    return [bundled, _SYSTEM]


@cache
def register_fonts() -> tuple[str, str]:
    """Register DejaVu Sans and its bold face with reportlab; return (regular, bold) names."""
    for folder in _font_dirs():
        regular, bold = folder / f"{REGULAR}.ttf", folder / f"{BOLD}.ttf"
        if regular.is_file() and bold.is_file():
            pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
            pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
            log.debug("PDF fonts from %s", folder)
            return REGULAR, BOLD
    raise VisitPlannerError(
        _(
            "the DejaVu fonts that PDFs need are missing; install them "
            "(on Debian or Ubuntu: apt-get install fonts-dejavu-core)"
        )
    )


def fit_text(text: str, font: str, size: float, width: float, smallest: float) -> tuple[str, float]:
    """`text` and the largest size up to `size` at which it fits `width`.

    Below `smallest` the text is cut short with an ellipsis instead.
    """
    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.25
    if stringWidth(text, font, size) <= width:
        return text, size
    while len(text) > 1 and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…", size


def draw_centred(
    canvas: Canvas, x: float, y: float, text: str, font: str, size: float, width: float
) -> None:
    """`text` centred at (x, y), made smaller (or cut short) to fit `width`."""
    shown, fitted = fit_text(text, font, size, width, 4.5)
    canvas.setFont(font, fitted)
    canvas.drawCentredString(x, y, shown)
