"""What a person's photo may be: a PNG or JPEG image of at most 5 MB, known by its bytes.

The type is read from the file's first bytes, not from its name: a text file
renamed `.png` is refused, as is anything the briefing book could not print.
"""

from __future__ import annotations

from typing import Final

from visitplanner.domain.errors import DomainError
from visitplanner.i18n import _

#: The largest photo kept in a visit file, in bytes.
MAX_PHOTO_BYTES: Final = 5 * 1024 * 1024

_SIGNATURES: Final = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


def photo_type(data: bytes) -> str:
    """The MIME type of a photo ("image/png" or "image/jpeg") read from its first bytes.

    Raises DomainError when the photo is too large or is neither PNG nor JPEG.
    """
    if len(data) > MAX_PHOTO_BYTES:
        raise DomainError(
            _("The photo is {size} MB; at most {limit} MB can be attached.").format(
                size=f"{len(data) / (1024 * 1024):.1f}",
                limit=MAX_PHOTO_BYTES // (1024 * 1024),
            )
        )
    for signature, mime in _SIGNATURES:
        if data.startswith(signature):
            return mime
    raise DomainError(_("The file is not a PNG or JPEG image."))
