"""Views and the permission policy behind the Sign-off section of the Wagtail admin.

Whatever the admin changes goes through the services (``approvals.posts.services``,
``approvals.authority.services``), so the rules and the audit trail are the same here as
on the site.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import ProtectedError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy

from approvals.admin.forms import AuthorityChangeForm
from approvals.authority import holdings, selectors, services
from approvals.errors import ApprovalError
from approvals.mail import outbox
from approvals.models import Authority, Delegation, Department, OutboxMessage
from approvals.posts import selectors as posts_selectors

User = get_user_model()


class AdminActionsPolicy(ModelPermissionPolicy):
    """Django model permissions, limited to the actions the admin offers on a model.

    Rows written only by the services (posts, the audit trail, the outbox) are
    never added, changed or deleted here, whatever permissions someone holds,
    superusers included.
    """

    def __init__(self, model, actions):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        offered = self.actions.intersection(actions)
        if not offered:
            return User.objects.none()
        return super().users_with_any_permission(offered)


class OutboxFilterSet(WagtailFilterSet):
    unsent = django_filters.BooleanFilter(
        field_name="sent_at", lookup_expr="isnull", label="Not sent yet"
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[("waiting", "Waiting"), ("failed", "Failed"), ("sent", "Sent")],
        method="filter_status",
    )

    def filter_status(self, queryset, name, value):
        return {
            "waiting": queryset.filter(sent_at__isnull=True, failed_at__isnull=True),
            "failed": queryset.filter(sent_at__isnull=True, failed_at__isnull=False),
            "sent": queryset.filter(sent_at__isnull=False),
        }[value]

    class Meta:
        model = OutboxMessage
        fields = []


class DepartmentEditView(generic.EditView):
    def save_instance(self):
        # The form saves everything else; the policy changes only through the
        # service, which checks who may change it and writes the audit trail.
        policy = self.form.cleaned_data["signoff_policy"]
        accessibility = self.form.cleaned_data["accessibility_findings_need_second_step"]
        self.form.instance.signoff_policy = self.form.initial["signoff_policy"]
        self.form.instance.accessibility_findings_need_second_step = self.form.initial[
            "accessibility_findings_need_second_step"
        ]
        department = super().save_instance()
        return services.set_signoff_policy(
            department_id=department.pk,
            policy=policy,
            accessibility_findings_need_second_step=accessibility,
            by=self.request.user,
        )


class DepartmentDeleteView(generic.DeleteView):
    def delete_action(self):
        # The department's links to its authority groups go with it; the groups
        # themselves would stay behind, members and all, among the ordinary groups.
        Group.objects.filter(authority__department=self.object).delete()
        super().delete_action()

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError as error:
            kinds = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
            messages.error(
                self.request,
                f"{self.object} cannot be deleted: it still has {', '.join(kinds)}. "
                "Move or close those first.",
            )
            return redirect(self.edit_url_name, self.object.pk)


class PostInspectView(generic.InspectView):
    template_name = "approvals/admin/post_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["versions"] = posts_selectors.versions_of(self.object)
        context["decisions"] = posts_selectors.decisions_on(self.object)
        context["events"] = posts_selectors.timeline(self.object)
        return context


class DelegationInspectView(generic.InspectView):
    withdraw_url_name = None

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.object.withdrawn_at is None and self.user_has_permission("change"):
            buttons.append(
                Button(
                    "Withdraw cover",
                    url=reverse(self.withdraw_url_name, args=[self.object.pk]),
                    icon_name="cross",
                    priority=30,
                )
            )
        return buttons


class ServiceActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A page that asks before changing one object through a service; the change
    itself is the page's POST (``post``), which goes back to the object."""

    permission_required = "change"
    index_url_name = None
    inspect_url_name = None
    index_label = ""  # the breadcrumb back to the viewset's listing

    def get_queryset(self):
        return self.model._default_manager.all()

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)


class WithdrawCoverView(ServiceActionView):
    model = Delegation
    template_name = "approvals/admin/withdraw_cover.html"
    page_title = "Withdraw cover"
    header_icon = "date"
    index_label = "Delegations"

    def get_queryset(self):
        return Delegation.objects.select_related("delegator", "deputy")

    def post(self, request, pk):
        try:
            services.withdraw_cover(delegation_id=pk, by=request.user)
        except ApprovalError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Cover withdrawn: {self.object}.")
        return redirect(self.inspect_url_name, pk)


class AuthorityViewMixin(WagtailAdminTemplateMixin):
    header_icon = "key"
    page_title = "Authority"
    index_url_name = None
    department_url_name = None

    def get_breadcrumbs_items(self):
        index = {"url": reverse(self.index_url_name), "label": "Authority"}
        return [*self.breadcrumbs_items, index]


class AuthorityIndexView(AuthorityViewMixin, TemplateView):
    template_name = "approvals/admin/authority_index.html"

    def dispatch(self, request, *args, **kwargs):
        if not holdings.managed_departments(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        managed = holdings.managed_departments(self.request.user)
        return super().get_context_data(
            departments=Department.objects.filter(pk__in=managed).select_related("parent"),
            **kwargs,
        )


class DepartmentAuthorityView(AuthorityViewMixin, TemplateView):
    """Who holds each authority in one department, with grant and withdraw.

    A department the user does not manage is a 404, as on the site: nothing
    shows whether it exists or who holds what there.
    """

    template_name = "approvals/admin/authority_department.html"

    def dispatch(self, request, pk):
        if not holdings.may_manage(request.user, pk):
            raise Http404
        self.department = get_object_or_404(Department, pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.department)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": str(self.department)}]

    def get_context_data(self, **kwargs):
        grantable = holdings.grantable(self.request.user, self.department.pk)
        staff = list(
            User.objects.filter(staff_profile__department=self.department, is_active=True).exclude(
                pk=self.request.user.pk
            )
        )
        authorities = []
        for authority in Authority:
            holders = selectors.holders_of(self.department, authority)
            authorities.append(
                {
                    "authority": authority,
                    "holders": holders,
                    "may_change": authority in grantable,
                    "candidates": [person for person in staff if person not in holders],
                }
            )
        return super().get_context_data(
            department=self.department, authorities=authorities, **kwargs
        )

    def post(self, request, pk):
        form = AuthorityChangeForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose a person and an authority.")
            return redirect(request.path)
        person, authority = form.cleaned_data["person"], Authority(form.cleaned_data["authority"])
        try:
            if form.cleaned_data["action"] == "grant":
                services.grant_authority(
                    department_id=pk, authority=authority, grantee=person, by=request.user
                )
                done = f"{person} now holds {authority.label.lower()} in {self.department}."
            else:
                services.withdraw_authority(
                    department_id=pk, authority=authority, holder=person, by=request.user
                )
                done = f"{person} no longer holds {authority.label.lower()} in {self.department}."
        except ApprovalError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done)
        return redirect(request.path)


class RetryButtons:
    """A "Retry" button on every message not yet sent, for those who may retry."""

    retry_url_name = None

    def retry_button(self, message, priority):
        if message.sent_at is None and self.permission_policy.user_has_permission(
            self.request.user, "change"
        ):
            return Button(
                "Retry",
                url=reverse(self.retry_url_name, args=[message.pk]),
                icon_name="rotate",
                priority=priority,
            )
        return None


class OutboxIndexView(RetryButtons, generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if button := self.retry_button(instance, priority=40):
            buttons.append(button)
        return buttons


class OutboxInspectView(RetryButtons, generic.InspectView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if button := self.retry_button(self.object, priority=30):
            buttons.append(button)
        return buttons


class RetryEmailView(ServiceActionView):
    """Asks before sending a message again; the retry itself is a POST to the service."""

    model = OutboxMessage
    template_name = "approvals/admin/retry_email.html"
    page_title = "Retry e-mail"
    header_icon = "mail"
    index_label = "Outbox"

    def post(self, request, pk):
        try:
            message = outbox.retry(message_id=pk, by=request.user)
        except ApprovalError as error:
            messages.error(request, str(error))
        else:
            if message.sent_at is None:
                messages.success(request, f"Sending again: {message}.")
            else:
                messages.error(request, f"Already sent: {message}.")
        return redirect(self.inspect_url_name, pk)
