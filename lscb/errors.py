"""The one base class of the errors a service raises when the board's rules refuse an action."""


class DomainError(Exception):
    """A refusal a person can act on: the message says what is wrong and what to do.

    `field` names the form field it belongs to, if any; the page kit (lscb.pages.FormPage) shows
    it there, or above the form when it is None."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = str(message)
        self.field = field
