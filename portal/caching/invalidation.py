"""Every rule for dropping cached entries, in one table.

Each cached thing belongs to a scope (``portal.caching.generations``);
these are the changes that end a scope's generation. Models are named by
label, so the layer imports no app.
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import Signal
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.caching import generations

GUIDANCE = "guidance"
SIGN_OFF = "sign-off"
CONFIRMATIONS = "confirmations"
PERIODS = "sensitive-periods"
SCOPES = (GUIDANCE, SIGN_OFF, CONFIRMATIONS, PERIODS)

# Sent by code that writes rows in bulk, which Django's model signals miss:
# ``bulk_changed.send(sender=Model, instances=rows)``.
bulk_changed = Signal()

# A saved, deleted or bulk-written row of these models ends these scopes:
# the guidance served from the cache (where pages are, who may see them),
# and what waits for whose sign-off (every decision, submission, grant and
# expiry writes the audit trail; a new line manager writes a staff profile).
MODEL_RULES = {
    "wagtailcore.Page": (GUIDANCE,),
    "wagtailcore.PageViewRestriction": (GUIDANCE,),
    "wagtailcore.Site": (GUIDANCE,),
    # Who has confirmed which version of the principles, shown on the home page.
    "guidance.Acknowledgement": (CONFIRMATIONS,),
    "guidance.GuidanceVersion": (CONFIRMATIONS,),
    "approvals.AuditEvent": (SIGN_OFF,),
    "approvals.StaffProfile": (SIGN_OFF,),
    # Which sensitive periods cover which departments, shown on every page.
    "approvals.SensitivePeriod": (PERIODS,),
    "approvals.Department": (PERIODS,),
}


def posts_of(author_id) -> str:
    """The scope of one author's list of their posts."""
    return f"posts-of:{author_id}"


def notices_of(user_id) -> str:
    """The scope of one person's count of unread notices."""
    return f"notices-of:{user_id}"


# A saved, deleted or bulk-written row of these models ends a scope of its own.
INSTANCE_RULES = {
    "approvals.Post": lambda post: posts_of(post.author_id),
    "approvals.Notice": lambda notice: notices_of(notice.recipient_id),
}


def _ends(*scopes):
    def receiver(**kwargs):
        generations.start_new(*scopes)

    return receiver


def _model_changed(sender, instance=None, instances=(), **kwargs):
    # A page's own model is a subclass of Page: its parents' rules apply too.
    labels = (sender._meta.label, *(parent._meta.label for parent in sender._meta.all_parents))
    scopes = {scope for label in labels for scope in MODEL_RULES.get(label, ())}
    rule = INSTANCE_RULES.get(sender._meta.label)
    if rule:
        changed = [instance] if instance is not None else instances
        scopes.update(rule(row) for row in changed)
    if scopes:
        generations.start_new(*sorted(scopes))


_guidance_changed = _ends(GUIDANCE)
_sign_off_changed = _ends(SIGN_OFF)
_everything_changed = _ends(*SCOPES)


def connect() -> None:
    for signal in (post_save, post_delete, bulk_changed):
        signal.connect(_model_changed, dispatch_uid=f"caching-models-{id(signal)}")
    # Publishing saves the page too, but a page's publication, unpublication
    # and move are named here in case Wagtail ever writes them in bulk.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_guidance_changed, dispatch_uid=f"caching-page-{id(signal)}")
    # Joining a group (Wagtail's user admin) can give or take authority.
    m2m_changed.connect(
        _sign_off_changed,
        sender=apps.get_model(settings.AUTH_USER_MODEL).groups.through,
        dispatch_uid="caching-groups",
    )
    # A new database (the tests make one each run) numbers its rows from 1 again.
    post_migrate.connect(_everything_changed, dispatch_uid="caching-migrate")
