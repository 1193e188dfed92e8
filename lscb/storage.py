"""Private files: review documents and rendered reports, kept outside the web root.

One storage (settings.STORAGES["private"], under settings.PRIVATE_FILES_ROOT) for every file a
person uploads or the app renders; nothing serves it by URL, only views that check permissions
and audit the download. `scripts/backup.sh` archives this one folder beside the database dump."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

__all__ = ["PrivateFileStorage", "private_storage"]


class PrivateFileStorage(FileSystemStorage):
    """FileSystemStorage under settings.PRIVATE_FILES_ROOT, with no URL. The location is read on
    every use, so a test can point it elsewhere with the `settings` fixture."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_FILES_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; download them through the permission layer.")


def private_storage():
    """The private storage. A callable, so models' FileFields name it and migrations stay
    independent of where the files live."""
    return storages["private"]
