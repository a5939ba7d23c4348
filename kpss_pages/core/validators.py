"""Checks of uploaded files used by the shared blocks: a video the browser can play and
captions in the one format browsers read for ``<track>`` (WebVTT)."""

import os

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

VIDEO_EXTENSIONS = ("mp4", "webm")
WEBVTT_SIGNATURE = b"WEBVTT"


def _extension(name):
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def is_webvtt(head):
    """True when ``head`` (the first bytes of a file) begins as the WebVTT standard
    requires: an optional byte order mark, ``WEBVTT``, then a space, tab or line end."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if not head.startswith(WEBVTT_SIGNATURE):
        return False
    rest = head[len(WEBVTT_SIGNATURE) :]
    return rest == b"" or rest[:1] in (b" ", b"\t", b"\n", b"\r")


def validate_webvtt_file(file):
    """``file``: an uploaded or stored file object."""
    if _extension(getattr(file, "name", "")) != "vtt":
        raise ValidationError(
            _("Captions must be a WebVTT file (.vtt)."), code="captions_extension"
        )
    position = file.tell() if hasattr(file, "tell") and not file.closed else None
    try:
        file.seek(0)
        head = file.read(16)
    finally:
        if position is not None:
            file.seek(position)
    if isinstance(head, str):
        head = head.encode("utf-8")
    if not is_webvtt(head):
        raise ValidationError(
            _('This is not a WebVTT captions file: it must begin with "WEBVTT".'),
            code="captions_format",
        )


def validate_webvtt_document(document):
    """A Wagtail document chosen as captions."""
    if _extension(document.file.name) != "vtt":
        raise ValidationError(
            _("Captions must be a WebVTT file (.vtt)."), code="captions_extension"
        )
    try:
        with document.file.open("rb") as file:
            head = file.read(16)
    except OSError as error:
        raise ValidationError(
            _("The captions file cannot be read."), code="captions_missing"
        ) from error
    if not is_webvtt(head):
        raise ValidationError(
            _('This is not a WebVTT captions file: it must begin with "WEBVTT".'),
            code="captions_format",
        )


def validate_video_document(document):
    if _extension(document.file.name) not in VIDEO_EXTENSIONS:
        raise ValidationError(
            _("Browsers play only MP4 and WebM videos; convert the video to one of them."),
            code="video_extension",
        )
