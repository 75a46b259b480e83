"""The briefing book: the printed pack for the visit and for each person (reportlab).

`render_briefing(data, options, progress)` returns the PDF's bytes; the services
layer cuts the visit to the profile first and writes the file.
"""

from visitplanner.exports.briefing import sections
from visitplanner.exports.briefing.options import (
    MARKING_SUGGESTIONS,
    BriefingOptions,
    ChangesBasis,
)
from visitplanner.exports.briefing.renderer import BriefingBookRenderer, render_briefing
from visitplanner.exports.briefing.sections import Section, register_section, registered_sections

__all__ = [
    "MARKING_SUGGESTIONS",
    "BriefingBookRenderer",
    "BriefingOptions",
    "ChangesBasis",
    "Section",
    "register_section",
    "registered_sections",
    "render_briefing",
    "sections",
]
