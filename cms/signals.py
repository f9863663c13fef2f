"""Side effects of publishing: documents of a published page leave the drafts collection."""

from .services import release_page_documents


def release_documents_on_publish(sender, instance, **kwargs):
    """page_published: make the documents the page links to downloadable."""
    release_page_documents(page=instance)
