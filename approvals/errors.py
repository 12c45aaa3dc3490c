class ApprovalError(Exception):
    """A request the rules refuse; the message is written for the person who made it,
    and ``field`` names the part of the form it is about, if it is about one."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


class NotAllowed(ApprovalError):
    """The user may not do this. Views answer 404, showing nothing of what is protected."""


class AlreadyDecided(ApprovalError):
    """Someone else acted first; nothing was changed."""


class EssentialOnly(ApprovalError):
    """The post is due to go out in a sensitive period: only as essential, with a reason."""
