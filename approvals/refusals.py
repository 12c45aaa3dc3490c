"""How a page answers a service that refuses: a NotAllowed is a 404, as a refusal
shows nothing of what it protects; any other ApprovalError is said on the page the
request came from, on its form or, where there is none, as a message.

    with refusal_on(form) as attempt:
        services.release(post_id=post.pk, by=request.user, reason=reason)
    if not attempt.refused:
        return redirect(...)
"""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass

from django.contrib import messages
from django.forms import BaseForm
from django.http import Http404, HttpRequest

from approvals.errors import ApprovalError, NotAllowed


@dataclass
class Attempt:
    """Whether the service refused what the ``with`` block asked of it: the page
    then shows why instead of going on as if it were done."""

    refused: bool = False


@contextmanager
def not_allowed_as_404() -> Iterator[None]:
    """For a service that refuses nothing but who may ask it."""
    try:
        yield
    except NotAllowed as error:
        raise Http404 from error


@contextmanager
def _said(say: Callable[[ApprovalError], None]) -> Iterator[Attempt]:
    attempt = Attempt()
    try:
        yield attempt
    except NotAllowed as error:
        raise Http404 from error
    except ApprovalError as error:
        attempt.refused = True
        say(error)


def refusal_on(form: BaseForm, *, field: str | None = None) -> AbstractContextManager[Attempt]:
    """A refusal goes on ``form``: on ``field``, else on the field the error names,
    else on the whole form."""
    return _said(lambda error: form.add_error(field or error.field, str(error)))


def refusal_flashed(request: HttpRequest) -> AbstractContextManager[Attempt]:
    """A refusal is said as a message on the page the view goes back to."""
    return _said(lambda error: messages.error(request, str(error)))
