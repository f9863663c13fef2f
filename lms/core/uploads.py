"""Uploads are checked by their content, never by their name alone.

``detect_kind`` reads the first bytes (and, for Office files, the zip's directory)
to tell what a file really is; ``FileContentValidator`` refuses anything outside an
allowed list, over a size limit, or an Office file that would inflate beyond reason
(a zip bomb).
"""

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    extensions: tuple[str, ...]
    content_type: str


KINDS = {
    k.name: k
    for k in (
        Kind("pdf", "PDF", ("pdf",), "application/pdf"),
        Kind("png", "PNG", ("png",), "image/png"),
        Kind("jpeg", "JPEG", ("jpg", "jpeg"), "image/jpeg"),
        Kind("gif", "GIF", ("gif",), "image/gif"),
        Kind("webp", "WebP", ("webp",), "image/webp"),
        Kind(
            "docx",
            "Word (DOCX)",
            ("docx",),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        Kind(
            "xlsx",
            "Excel (XLSX)",
            ("xlsx",),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        Kind(
            "pptx",
            "PowerPoint (PPTX)",
            ("pptx",),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        Kind("csv", "CSV", ("csv", "txt"), "text/csv"),
        Kind("mp4", "MP4", ("mp4", "m4v"), "video/mp4"),
        Kind("webm", "WebM", ("webm",), "video/webm"),
    )
}
IMAGES = ("png", "jpeg", "gif", "webp")
DOCUMENTS = ("pdf", "docx", "xlsx", "pptx")

_OOXML_MARKERS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
# An Office file whose parts inflate beyond this is refused as a likely zip bomb.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200


def _read_head(file, size=4096) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(size)
    file.seek(position)
    return head if isinstance(head, bytes) else head.encode()


def _ooxml_kind(file) -> str | None:
    position = file.tell()
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            names = [i.filename for i in infos]
            if "[Content_Types].xml" not in names:
                return None
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
                raise ValidationError(
                    _(
                        "El archivo comprimido se expande a un tamaño excesivo y fue rechazado."
                    ),
                    code="zip_bomb",
                )
            for prefix, kind in _OOXML_MARKERS.items():
                if any(n.startswith(prefix) for n in names):
                    return kind
            return None
    except zipfile.BadZipFile:
        return None
    finally:
        file.seek(position)


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "latin-1"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
        return printable >= 0.95 * max(len(text), 1)
    return False


def detect_kind(file) -> str | None:
    """What the file's bytes say it is (``"pdf"``, ``"xlsx"``…), or None."""
    head = _read_head(file)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if head.startswith(b"PK\x03\x04"):
        return _ooxml_kind(file)
    if _looks_like_text(head):
        return "csv"
    return None


def describe(kinds) -> str:
    return ", ".join(KINDS[k].label for k in kinds)


@deconstructible
class FileContentValidator:
    """Accept only files whose content is one of ``kinds`` and no larger than ``max_size``."""

    def __init__(self, kinds=DOCUMENTS, max_size=10 * 1024 * 1024):
        self.kinds = tuple(kinds)
        self.max_size = max_size

    def __call__(self, file):
        if file.size is not None and file.size > self.max_size:
            raise ValidationError(
                _("El archivo pesa %(size)s; el máximo permitido es %(max)s."),
                code="file_too_large",
                params={
                    "size": filesizeformat(file.size),
                    "max": filesizeformat(self.max_size),
                },
            )
        if not file.size:
            raise ValidationError(_("El archivo está vacío."), code="empty_file")
        kind = detect_kind(file)
        name = getattr(file, "name", "") or ""
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if kind not in self.kinds or extension not in KINDS[kind].extensions:
            raise ValidationError(
                _(
                    "El contenido de «%(name)s» no corresponde a un tipo permitido. "
                    "Se aceptan: %(kinds)s."
                ),
                code="file_type",
                params={"name": name.rsplit("/", 1)[-1], "kinds": describe(self.kinds)},
            )
        file.detected_kind = kind

    def __eq__(self, other):
        return (
            isinstance(other, FileContentValidator)
            and self.kinds == other.kinds
            and self.max_size == other.max_size
        )
