"""Review documents move into the one private storage (lscb.storage, PRIVATE_FILES_ROOT).

The column does not change (the stored names, reviews/<board>/<uuid>.<ext>, stay), so the field
change is state-only; the files themselves move from the old MEDIA_ROOT folder."""

import os
import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import lscb.storage
import reviews.models.document


def _old_media_root():
    # MEDIA_ROOT's old default and its environment override, before the setting was removed.
    return Path(os.environ.get("LSCB_MEDIA_ROOT", settings.BASE_DIR / "var" / "media"))


def _move_documents(apps, source_root, target_root):
    ReviewDocument = apps.get_model("reviews", "ReviewDocument")
    for name in ReviewDocument.objects.values_list("file", flat=True).iterator():
        source, target = source_root / name, target_root / name
        if source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)


def move_files(apps, schema_editor):
    _move_documents(apps, _old_media_root(), Path(settings.PRIVATE_FILES_ROOT))


def move_files_back(apps, schema_editor):
    _move_documents(apps, Path(settings.PRIVATE_FILES_ROOT), _old_media_root())


class Migration(migrations.Migration):
    dependencies = [("reviews", "0002_document_withdrawn")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="reviewdocument",
                    name="file",
                    field=models.FileField(
                        max_length=300,
                        storage=lscb.storage.private_storage,
                        upload_to=reviews.models.document.document_path,
                    ),
                )
            ]
        ),
        migrations.RunPython(move_files, move_files_back, elidable=True),
    ]
