from celery import shared_task

from lscb import audit


@shared_task(acks_late=True)
def worker_round_trip(token):
    """Prove the broker → worker → database path end to end (`manage.py check_worker`)."""
    audit.record("system.worker.round_trip", token=token)
    return token
