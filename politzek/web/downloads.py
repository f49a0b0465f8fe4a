"""The Content-Disposition of a download, from a name that may come from a visitor (an
authority typed in a query, an uploaded file's name): non-printing characters dropped (a CR
or LF would end the header: 500, or a header of the sender's choosing), quotes escaped and
non-ASCII names sent as RFC 6266's filename*, by Django's own function."""

from __future__ import annotations

from django.utils.http import content_disposition_header

MAX_NAME = 150


def attachment(filename: str, inline: bool = False) -> str:
    printable = "".join(character for character in filename if character.isprintable())[:MAX_NAME]
    return content_disposition_header(not inline, printable or "download") or "attachment"
