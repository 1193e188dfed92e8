from celery import shared_task

from lscb import audit


@shared_task(acks_late=True)
def worker_round_trip(token):
    """Prove the broker → worker → database path end to end (`manage.py check_worker`)."""
    audit.record("system.worker.round_trip", token=token)
    return token


@shared_task(acks_late=True)
def list_records_due_for_review():
    """Weekly: per board and record class, how many records are past their retention period.

    Lists only (an audit entry per board, read on the retention page); never deletes. Safe to
    run twice."""
    from boards.models import Board  # noqa: PLC0415
    from lscb import retention  # noqa: PLC0415

    summary = {}
    for board in Board.objects.all():
        lines = retention.review_list(board)
        due = {line.record_class.key: line.due for line in lines if line.due}
        held = [line.record_class.key for line in lines if line.legal_hold]
        audit.record("lscb.retention.review_listed", board=board, due=due, legal_hold=held)
        summary[board.slug] = due
    return summary
