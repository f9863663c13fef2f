"""Writes of the public site that go beyond saving a page."""

from django.db import transaction

from wagtail.documents.models import AbstractDocument
from wagtail.models import Page

from .models import DocumentSettings, LibraryDocument, restricted_collection_ids


def documents_linked_by(page: Page) -> set[int]:
    """Ids of the documents a page lists or links to in its body."""
    page = page.specific
    ids = set()
    if hasattr(page, "library_items"):
        ids.update(page.library_items.values_list("document_id", flat=True))
    body = getattr(page, "body", None)
    if body is not None and hasattr(body, "blocks_by_name"):
        for block in body.blocks_by_name("document"):
            document = _document_in(block.value)
            if document is not None:
                ids.add(document.pk)
    return ids


def _document_in(value):
    """The document of a "document" block: ours is a struct, other apps may use the chooser alone."""
    if isinstance(value, AbstractDocument):
        return value
    getter = getattr(value, "get", None)
    return getter("document") if callable(getter) else None


@transaction.atomic
def release_page_documents(*, page: Page) -> int:
    """Move the drafts a newly published page links to into the public collection.

    Editors upload into a private collection so that nobody can download a document
    before its page is approved; once the page is live its documents must be too.
    Returns how many documents were moved.
    """
    ids = documents_linked_by(page)
    if not ids:
        return 0
    public = DocumentSettings.load().public_collection
    restricted = restricted_collection_ids()
    if public is None or public.pk in restricted:
        return 0
    documents = LibraryDocument.objects.filter(pk__in=ids, collection_id__in=restricted)
    moved = 0
    for document in documents:
        document.collection = public
        document.save(update_fields=["collection"])
        moved += 1
    return moved
