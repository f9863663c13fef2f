"""Builders for the public site's tests: staff with two-factor, documents, pages."""

import datetime
import itertools

from django.core.files.base import ContentFile

from cms.demo import ensure_home
from cms.models import (
    DocumentCategory,
    DocumentSettings,
    LibraryDocument,
    LibraryItem,
    LibraryPage,
)
from lms.accounts.services import grant_staff_role
from tests.factories import TOTPDeviceFactory, UserFactory
from tests.helpers import login

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
_numbers = itertools.count(1)


def staff(role: str, **fields):
    """A Gestión account with a staff role and a confirmed TOTP device."""
    user = UserFactory(**fields)
    grant_staff_role(user=user, role=role)
    device = TOTPDeviceFactory(user=user)
    return user, device


def staff_client(client, role: str, **fields):
    """``client`` logged in (two-factor verified) as a new staff member with ``role``."""
    user, device = staff(role, **fields)
    login(client, user, device)
    return client, user


def make_document(
    title: str = "",
    *,
    category: str = "guias",
    description: str = "",
    published_on: datetime.date | None = None,
    collection=None,
    content: bytes = PDF_BYTES,
    extension: str = "pdf",
) -> LibraryDocument:
    """A library document stored in the public collection unless told otherwise."""
    number = next(_numbers)
    document = LibraryDocument(
        title=title or f"Documento {number}",
        category=DocumentCategory.objects.get(slug=category) if category else None,
        description=description,
        published_on=published_on or datetime.date(2023, 1, 1),
        collection=collection or DocumentSettings.load().public_collection,
    )
    document.file.save(f"doc-{number}.{extension}", ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def library_page(documents=(), *, slug: str = "biblioteca") -> LibraryPage:
    """A published Biblioteca under the home page listing ``documents``."""
    home = ensure_home()
    page = LibraryPage(title="Biblioteca", slug=slug, intro="Manuales y guías.")
    page.library_items = [LibraryItem(document=d) for d in documents]
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
