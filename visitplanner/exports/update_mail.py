"""Update messages that mail clients accept: what changed for one person, in words, and
the `.eml` that carries it with its invitation.

The message is built with Python's `email` package under the SMTP policy, the way
Gmail sends an invitation: `multipart/mixed` holding a `multipart/alternative`
(text/plain, then `text/calendar; method=REQUEST|CANCEL`) and the same calendar as an
`application/ics` attachment. `X-Unsent: 1` makes Outlook open the file as a draft to
send, not as a message received.

Headers are 7-bit. A name outside ASCII goes into one RFC 2047 encoded-word for the
whole name: a name split into several encoded-words is joined back without the
folding space by the RFC, but with it by Python's own parser (3.11 reads
"Ткачук" folded as "Ткачу к"), so one word is the form every reader agrees on. An
address whose part before the @ is not ASCII needs a mail server that speaks SMTPUTF8
(RFC 6531/6532), which the officer cannot know of: such a person is reached by hand
(`mail_address` says why). A domain outside ASCII is written in its IDNA form.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime, make_msgid
from typing import Any, Final

from visitplanner.domain.labels import label
from visitplanner.domain.model import Event
from visitplanner.exports.changes import ChangeWords
from visitplanner.i18n import N_

#: What happened to an event, for one person.
ADDED: Final = "added"
CHANGED: Final = "changed"
CANCELLED: Final = "cancelled"
REMOVED: Final = "removed"  # deleted, or put back to draft
TAKEN_OFF: Final = "taken-off"  # the event goes on without this person

#: The longest header line RFC 5322 allows, less room for the CRLF.
_HARD_LIMIT: Final = 996
_LINE: Final = 78
_ADDRESS_HEADERS: Final = frozenset({"from", "to", "cc", "reply-to", "sender"})
#: The characters an encoded-word in a phrase may hold as they are (RFC 2047 5.3).
_Q_SAFE: Final = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")


@dataclass(frozen=True, slots=True)
class EventChange:
    """One event as it changed for one person: `old` and `new` as the two programmes
    show it (`old` None for an event new to the programme, `new` None for one gone)."""

    kind: str
    old: Event | None
    new: Event | None

    @property
    def event(self) -> Event:
        """The event as it is now, or as it was when it is gone."""
        shown = self.new or self.old
        assert shown is not None
        return shown

    @property
    def method(self) -> str:
        """The iTIP method that brings a calendar up to date: REQUEST or CANCEL."""
        return "REQUEST" if self.kind in (ADDED, CHANGED) else "CANCEL"


def mail_address(address: str) -> tuple[str, str] | None:
    """(user, domain) of `address` as 7-bit headers hold it, the domain in IDNA form;
    None when the part before the @ is not ASCII or the address is not one."""
    address = address.strip()
    user, at, domain = address.rpartition("@")
    if not (at and user and domain) or not user.isascii() or any(c.isspace() for c in address):
        return None
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    return user, domain


def one_line(text: str) -> str:
    """`text` with line breaks and runs of spaces made single spaces (for a header)."""
    return " ".join(text.split())


# -- what changed, in words -------------------------------------------------------------


def _status(event: Event, words: ChangeWords) -> str:
    return label(event.status, words.lang)


def describe(change: EventChange, words: ChangeWords) -> str:
    """The event in one line: "Title — Thursday 7 May 10:00–11:00, Venue"."""
    event, gone = change.event, change.new is None
    return f"{words.title(event)} — {words.where(event, old=gone)}"


def change_lines(change: EventChange, words: ChangeWords) -> list[str]:
    """What changed, one sentence a line: what happened, then each of time, place,
    title and status as it was and as it is."""
    say = words.t
    lines = [
        {
            ADDED: say(N_("New in your programme: {event}")),
            CHANGED: say(N_("Changed: {event}")),
            CANCELLED: say(N_("Cancelled: {event}")),
            REMOVED: say(N_("Taken out of the programme: {event}")),
            TAKEN_OFF: say(N_("You no longer take part in: {event}")),
        }[change.kind].format(event=describe(change, words))
    ]
    old, new = change.old, change.new
    if old is None or new is None:
        return lines
    none = say(N_("none"))
    pairs = [
        (N_("Time: was {old}, now {new}"), words.when(old), words.when(new)),
        (
            N_("Place: was {old}, now {new}"),
            words.place(old, old=True) or none,
            words.place(new) or none,
        ),
        (N_("Title: was {old}, now {new}"), words.title(old), words.title(new)),
        (N_("Status: was {old}, now {new}"), _status(old, words), _status(new, words)),
    ]
    lines += [say(message).format(old=a, new=b) for message, a, b in pairs if a != b]
    return lines


def subject(change: EventChange, words: ChangeWords) -> str:
    """The message's subject: "Programme update: Title" or "Cancelled: Title"."""
    message = (
        N_("Programme update: {title}") if change.method == "REQUEST" else N_("Cancelled: {title}")
    )
    return one_line(words.t(message).format(title=words.title(change.event)))


def body(change: EventChange, words: ChangeWords, office: str, contacts: list[str]) -> str:
    """The text part: what changed, what the invitation does, who to ask."""
    say = words.t
    lines = change_lines(change, words)
    if change.method == "REQUEST":
        lines += ["", say(N_("Open the invitation to put it in your calendar."))]
    else:
        lines += ["", say(N_("Open the invitation to take it out of your calendar."))]
    signature = [line for line in (office, *contacts) if line]
    if signature:
        lines += ["", "-- ", *signature]
    return "\n".join(lines) + "\n"


# -- the message ------------------------------------------------------------------------


def _encoded_word(text: str) -> str:
    """`text` as one RFC 2047 encoded-word fit for a phrase: Q when shorter, else B."""
    raw = text.encode("utf-8")
    q = "".join(chr(b) if b in _Q_SAFE else "_" if b == 0x20 else f"={b:02X}" for b in raw)
    b = base64.b64encode(raw).decode("ascii")
    return f"=?utf-8?q?{q}?=" if len(q) <= len(b) else f"=?utf-8?b?{b}?="


def _mailbox(address: Address) -> list[str]:
    """One mailbox as the words a header may fold between: a name outside ASCII as one
    encoded-word, then the address in angle brackets."""
    name, spec = address.display_name, address.addr_spec
    if not name:
        return [spec]
    if name.isascii():
        # Quoted by the email package where the name needs it; folding between its
        # words gives them back as they were.
        return str(address).split(" ")
    return [_encoded_word(name), f"<{spec}>"]


class MailPolicy(EmailPolicy):
    """The SMTP policy, with address headers folded between words, never inside a name
    (see the module's docstring)."""

    def fold_binary(self, name: str, value: Any) -> bytes:
        """Address headers as `_mailbox` writes them; every other header as SMTP does."""
        addresses = getattr(value, "addresses", None)
        if name.lower() not in _ADDRESS_HEADERS or not addresses:
            return super().fold_binary(name, value)
        words: list[str] = []
        for index, address in enumerate(addresses):
            parts = _mailbox(address)
            if index < len(addresses) - 1:
                parts[-1] += ","
            words += parts
        lines: list[str] = []
        line = f"{name}:"
        for word in words:
            if len(line) + 1 + len(word) > _LINE and line.strip() != f"{name}:":
                lines.append(line)
                line = ""
            line += " " + word
        lines.append(line)
        if any(len(x) > _HARD_LIMIT or not x.isascii() for x in lines):
            return super().fold_binary(name, value)
        return (self.linesep.join(lines) + self.linesep).encode("ascii")


#: The SMTP policy (CRLF line ends; 7-bit headers and bodies, so that no server needs
#: 8BITMIME) with `MailPolicy`'s address folding.
POLICY: Final = MailPolicy(linesep="\r\n", cte_type="7bit")


@dataclass(frozen=True, slots=True)
class Envelope:
    """Who writes to whom: names as shown, addresses as `mail_address` splits them."""

    sender_name: str
    sender: tuple[str, str]
    recipient_name: str
    recipient: tuple[str, str]
    message_domain: str


def build_message(
    envelope: Envelope,
    subject_line: str,
    text: str,
    calendar: bytes,
    method: str,
    moment: datetime,
) -> bytes:
    """The `.eml` bytes: a draft (X-Unsent) with the text, the invitation inline, and the
    same invitation attached, as Gmail and Outlook send one."""
    message = EmailMessage(policy=POLICY)
    message["From"] = Address(one_line(envelope.sender_name), *envelope.sender)
    message["To"] = Address(one_line(envelope.recipient_name), *envelope.recipient)
    message["Subject"] = one_line(subject_line)
    message["Date"] = format_datetime(moment)
    message["Message-ID"] = make_msgid(domain=envelope.message_domain)
    message["X-Unsent"] = "1"
    message.set_content(text)
    message.add_alternative(
        calendar, maintype="text", subtype="calendar", params={"method": method, "charset": "utf-8"}
    )
    message.add_attachment(calendar, maintype="application", subtype="ics", filename="invite.ics")
    return message.as_bytes(policy=POLICY)


__all__ = [
    "ADDED",
    "CANCELLED",
    "CHANGED",
    "POLICY",
    "REMOVED",
    "TAKEN_OFF",
    "Envelope",
    "EventChange",
    "MailPolicy",
    "body",
    "build_message",
    "change_lines",
    "describe",
    "mail_address",
    "one_line",
    "subject",
]
