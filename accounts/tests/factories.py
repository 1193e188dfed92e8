import datetime

from boards.choices import Role
from boards.tests.factories import MembershipFactory, PersonFactory


def invitee(board, email="sam.author@police.example.org", role=Role.MEMBER, agency=None, name="Sam Author"):
    """A person on the board with an e-mail address and no account: the membership."""
    person = PersonFactory(full_name=name, email=email)
    return MembershipFactory(person=person, board=board, role=role, agency=agency, start_date=datetime.date(2024, 4, 1))
