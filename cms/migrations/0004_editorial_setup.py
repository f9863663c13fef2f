"""What every install needs for editors to work: library categories, a public and a
private document collection, the moderation workflow (Editor submits, Publicador
approves) and the Editor and Publicador permissions on pages, documents and images."""

from django.db import migrations

CATEGORIES = [
    ("Manuales", "manuales"),
    ("Guías", "guias"),
    ("Normativa", "normativa"),
    ("Presentaciones", "presentaciones"),
]
PUBLIC_COLLECTION = "Biblioteca"
DRAFT_COLLECTION = "Borradores"
WORKFLOW_NAME = "Revisión editorial"
TASK_NAME = "Aprobación de Publicador"
EDITOR, PUBLISHER, ADMINISTRATOR = "Editor", "Publicador", "Administrador"

# Codenames granted on the root page (so every page of the tree) and on collections.
PAGE_PERMISSIONS = {
    EDITOR: ["add_page", "change_page", "lock_page"],
    PUBLISHER: ["add_page", "change_page", "lock_page", "publish_page", "unlock_page"],
}
# (group, collection key, app_label, model, codenames)
COLLECTION_PERMISSIONS = [
    (EDITOR, "drafts", "wagtaildocs", "document", ["add_document", "change_document"]),
    (EDITOR, "root", "wagtaildocs", "document", ["choose_document"]),
    (EDITOR, "root", "wagtailimages", "image", ["add_image", "choose_image"]),
    (
        PUBLISHER,
        "root",
        "wagtaildocs",
        "document",
        ["add_document", "change_document", "delete_document", "choose_document"],
    ),
    (
        PUBLISHER,
        "root",
        "wagtailimages",
        "image",
        ["add_image", "change_image", "delete_image", "choose_image"],
    ),
]

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_STEPLEN = 4


def _encode(number: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, len(_ALPHABET))
        digits = _ALPHABET[rest] + digits
    return digits.rjust(_STEPLEN, "0")


def _child_collection(Collection, parent, name):
    """The child of ``parent`` called ``name``, created at the end of the tree if missing."""
    children = Collection.objects.filter(
        path__startswith=parent.path, depth=parent.depth + 1
    )
    existing = children.filter(name=name).first()
    if existing is not None:
        return existing
    last = children.order_by("-path").first()
    step = int(last.path[-_STEPLEN:], 36) + 1 if last else 1
    child = Collection.objects.create(
        name=name, path=parent.path + _encode(step), depth=parent.depth + 1, numchild=0
    )
    parent.numchild = children.count()
    parent.save(update_fields=["numchild"])
    return child


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )
    return permission


def set_up(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    DocumentCategory = apps.get_model("cms", "DocumentCategory")
    DocumentSettings = apps.get_model("cms", "DocumentSettings")

    for order, (name, slug) in enumerate(CATEGORIES):
        DocumentCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": order}
        )

    groups = {
        name: Group.objects.get_or_create(name=name)[0]
        for name in (EDITOR, PUBLISHER, ADMINISTRATOR)
    }

    root_collection = Collection.objects.get(depth=1)
    public = _child_collection(Collection, root_collection, PUBLIC_COLLECTION)
    root_collection.refresh_from_db()
    drafts = _child_collection(Collection, root_collection, DRAFT_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=drafts).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=drafts, restriction_type="groups", password=""
        )
        restriction.groups.set(groups.values())
    if not DocumentSettings.objects.exists():
        DocumentSettings.objects.create(public_collection=public, draft_collection=drafts)

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME, content_type=task_type, active=True
        )
    task.groups.set([groups[PUBLISHER]])
    workflow, _ = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # On the root page, so every page of the tree (the public site and course pages
    # alike) goes through it; it replaces Wagtail's default "Moderators approval".
    root_page = Page.objects.get(depth=1)
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    results_type, _ = ContentType.objects.get_or_create(app_label="cms", model="resultsyear")
    WorkflowContentType.objects.update_or_create(
        content_type=results_type, defaults={"workflow": workflow}
    )

    for group_name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[group_name],
                page=root_page,
                permission=_permission(apps, "wagtailcore", "page", codename),
            )
    collections = {"root": root_collection, "drafts": drafts}
    for group_name, key, app_label, model, codenames in COLLECTION_PERMISSIONS:
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[group_name],
                collection=collections[key],
                permission=_permission(apps, app_label, model, codename),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_standard_page_stream"),
        ("accounts", "0002_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    # Reversing leaves the rows in place: they may already hold editors' work.
    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
