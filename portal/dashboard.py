"""The top of the home page for whoever is signed in: what needs them now,
gathered from every app, then each app's own panel (an author's recent
posts). Apps register both from their AppConfig's ``ready``, so the layout
knows no app. Someone with nothing to do and nothing to show sees the
guidance first."""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string


@dataclass(frozen=True)
class Task:
    """One thing waiting for the person, as a link to where they do it."""

    text: str
    href: str
    urgent: bool = False


_task_sources: dict[str, Callable] = {}
_panels: dict[str, tuple[int, Callable]] = {}


def register_tasks(name: str, source: Callable) -> None:
    """``source(request) -> list[Task]``: what the app has waiting for the person."""
    _task_sources[name] = source


def register_panel(name: str, panel: Callable, *, order: int) -> None:
    """``panel(request) -> str``: the app's own markup, empty when it has none."""
    _panels[name] = (order, panel)


def render(request) -> str:
    if not request.user.is_authenticated:
        return ""
    tasks = [task for source in _task_sources.values() for task in source(request)]
    ordered = [panel for _, panel in sorted(_panels.values(), key=lambda entry: entry[0])]
    panels = [markup for markup in (panel(request) for panel in ordered) if markup]
    if not tasks and not panels:
        return ""
    return render_to_string("portal/includes/dashboard.html", {"tasks": tasks, "panels": panels})


# Whether the person may use the Wagtail admin, worked out once as they sign
# in, so that the home page shows the way there without a query. A change of
# groups shows at their next sign-in; the admin checks on every request.
ADMIN_ACCESS = "portal_admin_access"


def remember_admin_access(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[ADMIN_ACCESS] = user.has_perm("wagtailadmin.access_admin")


def admin_link(request) -> str:
    """For editors and administrators: the way to the Wagtail admin, where the
    guidance is edited and departments and authority are managed."""
    if not request.session.get(ADMIN_ACCESS):
        return ""
    return render_to_string("portal/includes/admin_link.html")
