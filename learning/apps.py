from django.apps import AppConfig


class LearningConfig(AppConfig):
    """Learning and voice as evidence (issue 18).

    Its own app, not part of reviews/ or boards/: training, evaluation, the voice of children
    and families and escalations are records of the partnership's whole learning system, most
    of them unrelated to any one case review (a Level 1 course, a youth forum, a threshold
    disagreement), and they have their own people (training coordinator, attendees without a
    login, agencies notifying escalations). It depends on reviews (learning products and points)
    and boards (agencies, priorities); neither depends on it, and reports reads it only through
    learning.report_data's GENERATED sections.
    """

    name = "learning"
    verbose_name = "Learning and voice"

    def ready(self):
        from learning import dashboard  # noqa: F401  (registers the dashboard panels)
        from lscb import retention
        from lscb.navigation import register
        from lscb.permissions import Capability

        # A session's register (attendees' names and e-mails) goes with the session.
        retention.register(
            "learning.session",
            "learning.TrainingSession",
            "held_on",
            "Training sessions and their registers",
            board_field="course__board",
            default_years=3,
        )
        retention.register(
            "learning.escalation", "learning.Escalation", "started_on", "Inter-agency escalations", default_years=7
        )
        register("Learning", "learning:index", Capability.VIEW_BOARD, order=47)
