"""Forms behind the Sign-off section of the Wagtail admin."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from approvals.authority import holdings
from approvals.models import Authority, Department, StaffProfile


def _leads_back_to(start, target, step) -> bool:
    """Whether following ``step`` from ``start`` reaches ``target``. Stops on a loop
    already in the data, so a bad row cannot hang the form."""
    seen = set()
    while start is not None and start not in seen:
        if start == target:
            return True
        seen.add(start)
        start = step(start)
    return False


def _parent_of(department_id):
    return Department.objects.filter(pk=department_id).values_list("parent", flat=True).first()


def _line_manager_of(user_id):
    return (
        StaffProfile.objects.filter(user_id=user_id).values_list("line_manager", flat=True).first()
    )


class DepartmentForm(WagtailAdminModelForm):
    def clean_parent(self):
        parent = self.cleaned_data["parent"]
        if parent and self.instance.pk and _leads_back_to(parent.pk, self.instance.pk, _parent_of):
            raise ValidationError("A department cannot sit under itself or one of its agencies.")
        return parent

    def clean_signoff_policy(self):
        return self._managed_only("signoff_policy")

    def clean_accessibility_findings_need_second_step(self):
        return self._managed_only("accessibility_findings_need_second_step")

    def _managed_only(self, name: str):
        value = self.cleaned_data[name]
        changed = self.instance.pk and value != getattr(self.instance, name)
        if changed and not holdings.may_manage(self.for_user, self.instance.pk):
            raise ValidationError(
                "Only someone who manages this department can change its sign-off policy."
            )
        return value


class StaffProfileForm(WagtailAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        user, manager = cleaned_data.get("user"), cleaned_data.get("line_manager")
        # Naming oneself is refused by the model's constraint, with its own message.
        if (
            user
            and manager
            and user != manager
            and _leads_back_to(manager.pk, user.pk, _line_manager_of)
        ):
            self.add_error(
                "line_manager",
                f"{user} already manages {manager}, directly or through others, "
                f"so {manager} cannot be their line manager.",
            )
        return cleaned_data


class AuthorityChangeForm(forms.Form):
    """A grant or withdrawal as posted; whether it is allowed is for the services."""

    action = forms.ChoiceField(choices=[("grant", "Grant"), ("withdraw", "Withdraw")])
    authority = forms.ChoiceField(choices=Authority.choices)
    person = forms.ModelChoiceField(queryset=get_user_model().objects.all())
