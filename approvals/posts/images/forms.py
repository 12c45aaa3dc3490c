"""The forms of a post's images page: alt text, an upload and a choice from the library.
The upload's type, size and dimensions are checked by Wagtail's own image form
(``wagtail_image_form``), as the Wagtail admin checks them."""

from crispy_forms_gds.layout import Field
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from wagtail.images.forms import get_image_form
from wagtail.images.models import Image
from wagtail.models import Collection

from approvals.models.images import ALT_TEXT_MAX
from approvals.posts.channels import Channel, image_rules
from approvals.posts.forms import CONTROL_CHARACTERS, DIRECTION_CHARACTERS
from approvals.posts.images.selectors import THUMBNAIL
from portal.govuk_forms import form_helper


def _no_hidden_characters(alt_text: str) -> None:
    # As in the post's text: nothing that hides words from whoever signs it off.
    if CONTROL_CHARACTERS.search(alt_text) or DIRECTION_CHARACTERS.search(alt_text):
        raise forms.ValidationError(
            "The alt text contains hidden characters. Remove them, or type again any text "
            "you pasted in."
        )


def _alt_text_field(channel: str) -> forms.CharField:
    limit = image_rules(channel).alt_text_limit
    return forms.CharField(
        validators=[_no_hidden_characters],
        label="Alt text",
        max_length=min(limit, ALT_TEXT_MAX) if limit else ALT_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Describe what the image shows, for people who cannot see it, as this post "
            "needs it said. Do not start with “image of”. "
            f"{Channel(channel).label} takes up to {limit:,} characters."
        ),
        error_messages={
            "required": "Enter alt text that describes the image",
            "max_length": f"Alt text must be {limit:,} characters or fewer on "
            f"{Channel(channel).label}",
        },
    )


# How many of a part's first words name it in the choice of part.
_FIRST_WORDS = 8


def part_label(number: int, text: str) -> str:
    """A thread's part ``number`` (0 for the first) named by its first words."""
    words = text.split()
    opening = " ".join(words[:_FIRST_WORDS]) + ("…" if len(words) > _FIRST_WORDS else "")
    return f"Part {number + 1}: {opening}"


def _with_part(form: forms.Form, parts: list[str]) -> list:
    """A choice of which part of the thread the image goes with, when the post is a
    thread; the layout's fields for it (none when it is not)."""
    if len(parts) < 2:
        return []
    form.fields["part"] = forms.TypedChoiceField(
        label="Which part of the thread does it go with?",
        choices=[(number, part_label(number, text)) for number, text in enumerate(parts)],
        coerce=int,
        widget=forms.RadioSelect,
        initial=0,
        error_messages={
            "required": "Select which part of the thread the image goes with",
            "invalid_choice": "Select which part of the thread the image goes with",
        },
    )
    return [Field.radios("part")]


class AltTextForm(forms.Form):
    def __init__(self, *args, channel: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alt_text"] = _alt_text_field(channel)
        self.helper = form_helper(Field.textarea("alt_text"))


class UploadForm(forms.Form):
    """The file's presence and the alt text; Wagtail's form checks the file itself."""

    file = forms.FileField(
        label="Image file",
        help_text="A JPEG, PNG, GIF or WebP image, up to 10MB.",
        error_messages={"required": "Select an image file to upload"},
    )

    def __init__(self, *args, channel: str, parts: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        part = _with_part(self, parts)
        self.fields["alt_text"] = _alt_text_field(channel)
        self.helper = form_helper(*part, Field("file"), Field.textarea("alt_text"))


def wagtail_image_form(upload, collection: Collection):
    """Wagtail's own image form for ``upload`` into ``collection``: its file field checks
    the image's type, size and dimensions as the Wagtail admin does."""
    form_class = get_image_form(Image, fields=["title", "file"])
    form = form_class(
        data={"title": upload.name[:255], "collection": collection.pk},
        files={"file": upload},
        instance=Image(),
    )
    form.fields["collection"].queryset = Collection.objects.filter(pk=collection.pk)
    return form


class _LibraryImageField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # The title says which image it is; the thumbnail, beside it, adds nothing to
        # say to a screen reader, hence no alt text of its own.
        return format_html(
            '<img src="{}" alt="" class="portal-image-choice"> {}',
            reverse("approvals:library_image_file", args=[obj.pk, THUMBNAIL]),
            obj.title,
        )


class ChooseForm(forms.Form):
    """An image from the department's library, with alt text written for this post."""

    def __init__(self, *args, channel: str, library, parts: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        part = _with_part(self, parts)
        self.fields["image"] = _LibraryImageField(
            label="Image",
            queryset=library,
            widget=forms.RadioSelect,
            empty_label=None,
            error_messages={
                "required": "Select an image from the library",
                "invalid_choice": "Select an image from the library",
            },
        )
        self.fields["alt_text"] = _alt_text_field(channel)
        self.helper = form_helper(*part, Field.radios("image"), Field.textarea("alt_text"))
