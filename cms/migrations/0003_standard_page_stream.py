"""StandardPage.body becomes a StreamField; existing rich text becomes one text block."""

import uuid

import wagtail.fields
from django.db import migrations


def rich_text_to_stream(apps, schema_editor):
    StandardPage = apps.get_model("cms", "StandardPage")
    for page in StandardPage.objects.exclude(body="").only("pk", "body"):
        stream = [{"type": "paragraph", "value": page.body, "id": str(uuid.uuid4())}]
        StandardPage.objects.filter(pk=page.pk).update(body_stream=stream)


def stream_to_rich_text(apps, schema_editor):
    StandardPage = apps.get_model("cms", "StandardPage")
    for page in StandardPage.objects.only("pk", "body_stream"):
        html = "".join(
            str(block.value.source if hasattr(block.value, "source") else "")
            for block in page.body_stream
            if block.block_type == "paragraph"
        )
        StandardPage.objects.filter(pk=page.pk).update(body=html)


class Migration(migrations.Migration):

    dependencies = [
        ("cms", "0002_library_faq_results_news"),
    ]

    operations = [
        migrations.AddField(
            model_name="standardpage",
            name="body_stream",
            field=wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 6), ('document', 9), ('callout', 13), ('table', 14), ('video', 16)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'texto', 'max_length': 150}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Título de sección'), ('h3', 'Subtítulo')], 'label': 'nivel'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('level', 1)]], {}), 3: ('cms.blocks.ParagraphBlock', (), {}), 4: ('wagtail.images.blocks.ImageBlock', [], {'label': 'imagen'}), 5: ('wagtail.blocks.CharBlock', (), {'label': 'leyenda', 'max_length': 250, 'required': False}), 6: ('wagtail.blocks.StructBlock', [[('image', 4), ('caption', 5)]], {}), 7: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'documento'}), 8: ('wagtail.blocks.CharBlock', (), {'help_text': 'Si se deja vacío se usa el título del documento.', 'label': 'texto del enlace', 'required': False}), 9: ('wagtail.blocks.StructBlock', [[('document', 7), ('label', 8)]], {}), 10: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('info', 'Información'), ('success', 'Recomendación'), ('warning', 'Importante')], 'label': 'tipo'}), 11: ('wagtail.blocks.CharBlock', (), {'label': 'título', 'max_length': 120, 'required': False}), 12: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'document-link', 'ol', 'ul'], 'label': 'texto'}), 13: ('wagtail.blocks.StructBlock', [[('tone', 10), ('title', 11), ('text', 12)]], {}), 14: ('cms.blocks.DataTableBlock', (), {}), 15: ('wagtail.snippets.blocks.SnippetChooserBlock', ('cms.VideoFile',), {'label': 'video'}), 16: ('wagtail.blocks.StructBlock', [[('video', 15), ('caption', 5)]], {})}, verbose_name='cuerpo'),
        ),
        migrations.RunPython(rich_text_to_stream, stream_to_rich_text),
        migrations.RemoveField(model_name="standardpage", name="body"),
        migrations.RenameField(
            model_name="standardpage", old_name="body_stream", new_name="body"
        ),
    ]
