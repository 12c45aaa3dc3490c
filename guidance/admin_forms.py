from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from guidance.models.acknowledgements import GuidanceVersion


class GuidancePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The box belongs to one change. Once the revision that ticked it has
        # started a new version, the next change starts unticked; while that
        # change is still unpublished, the box stays as its editor left it.
        page = self.instance
        if (
            page.pk
            and page.requires_reacknowledgement
            and GuidanceVersion.objects.filter(revision_id=page.latest_revision_id).exists()
        ):
            self.initial["requires_reacknowledgement"] = False

    def clean(self):
        cleaned_data = super().clean()
        number = cleaned_data.get("number")
        if number is not None and self.parent_page is not None:
            siblings = (
                type(self.instance).objects.child_of(self.parent_page).exclude(pk=self.instance.pk)
            )
            taken = siblings.filter(number=number).first()
            if taken:
                self.add_error(
                    "number",
                    forms.ValidationError(
                        "Principle %(number)s is already %(title)s. Give this one another number.",
                        params={"number": number, "title": taken.title},
                    ),
                )
        return cleaned_data
