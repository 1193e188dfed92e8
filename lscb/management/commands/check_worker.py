import time
import uuid

from django.core.management.base import BaseCommand, CommandError

from lscb.models import AuditEntry
from lscb.tasks import worker_round_trip


class Command(BaseCommand):
    help = "Send a task through the broker and wait for a worker to record it in the database."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=30.0)

    def handle(self, *args, timeout, **options):
        token = uuid.uuid4().hex
        started = time.monotonic()
        worker_round_trip.delay(token)
        while time.monotonic() - started < timeout:
            if AuditEntry.objects.filter(action="system.worker.round_trip", payload__token=token).exists():
                self.stdout.write(f"Worker round trip in {time.monotonic() - started:.2f} s")
                return
            time.sleep(0.2)
        raise CommandError(f"No worker recorded the task within {timeout} s")
