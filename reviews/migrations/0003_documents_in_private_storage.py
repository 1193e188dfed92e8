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


def move_files(apps, schema_editor):
    ReviewDocument = apps.get_model("reviews", "ReviewDocument")
    old_root, new_root = _old_media_root(), Path(settings.PRIVATE_FILES_ROOT)
    for name in ReviewDocument.objects.values_list("file", flat=True).iterator():
        source, target = old_root / name, new_root / name
        if source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)


def move_files_back(apps, schema_editor):
    ReviewDocument = apps.get_model("reviews", "ReviewDocument")
    old_root, new_root = _old_media_root(), Path(settings.PRIVATE_FILES_ROOT)
    for name in ReviewDocument.objects.values_list("file", flat=True).iterator():
        source, target = new_root / name, old_root / name
        if source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)


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
