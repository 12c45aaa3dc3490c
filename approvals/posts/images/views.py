"""The author's images page of a post: what is attached, uploading and choosing another,
changing alt text, moving and removing. One GET view and one small POST view per form;
each refuses, with a 404, anyone but the author of a post they may still change."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from approvals.posts import permissions
from approvals.posts.channels import Channel, image_rules
from approvals.posts.images import selectors, services
from approvals.posts.images.forms import (
    AltTextForm,
    ChooseForm,
    UploadForm,
    part_label,
    wagtail_image_form,
)
from approvals.posts.threads import parts_of
from approvals.posts.views import visible_post
from approvals.refusals import not_allowed_as_404, refusal_on


@dataclass(frozen=True)
class PartImages:
    """One part of the post on its images page: its images and how many more it takes."""

    number: int
    label: str
    images: list
    room: int


def _editable_post(request, pk):
    post, _ = visible_post(request, pk)
    if not permissions.may_edit(request.user, post):
        raise Http404
    return post


def _page(request, post, *, upload_form=None, choose_form=None, status=200):
    rules = image_rules(post.channel)
    attached = selectors.images_of(post)
    library = selectors.library(post.department)
    parts = [
        PartImages(
            number=number,
            label=part_label(number, text),
            images=[image for image in attached if image.part == number],
            room=max(rules.most - sum(1 for image in attached if image.part == number), 0),
        )
        for number, text in enumerate(parts_of(post))
    ]
    return render(
        request,
        "approvals/images/images.html",
        {
            "post": post,
            "attached": attached,
            "parts": parts,
            "thread": len(parts) > 1,
            "most": rules.most,
            "room": sum(part.room for part in parts),
            "channel": Channel(post.channel),
            "upload_form": upload_form or UploadForm(channel=post.channel, parts=parts_of(post)),
            "choose_form": choose_form
            or ChooseForm(
                channel=post.channel, library=library, parts=parts_of(post), prefix="choose"
            ),
            "library_empty": not library.exists(),
            "library_shown": selectors.LIBRARY_SHOWN,
            "failed": upload_form or choose_form,
        },
        status=status,
    )


@require_http_methods(["GET"])
def post_images(request, pk):
    return _page(request, _editable_post(request, pk))


def _attached(request, post, done: str):
    messages.success(request, done)
    return redirect("approvals:post_images", post.pk)


def _attach(request, post, form, attach, done: str, **image):
    """Attaches the image by ``attach`` and goes back to the images page saying
    ``done``; or, refused, puts the refusal on ``form`` and returns None."""
    with refusal_on(form) as attempt:
        attach(
            author=request.user,
            post_id=post.pk,
            alt_text=form.cleaned_data["alt_text"],
            part=form.cleaned_data.get("part", 0),
            **image,
        )
    return None if attempt.refused else _attached(request, post, done)


@require_POST
def post_image_upload(request, pk):
    post = _editable_post(request, pk)
    form = UploadForm(request.POST, request.FILES, channel=post.channel, parts=parts_of(post))
    if form.is_valid():
        image_form = wagtail_image_form(
            form.cleaned_data["file"], services.collection_for(post.department)
        )
        if not image_form.is_valid():
            for error in image_form.errors.get("file", ["The image could not be read"]):
                form.add_error("file", error)
        elif attached := _attach(
            request,
            post,
            form,
            services.upload_image,
            "Image uploaded and added to the post.",
            image_form=image_form,
        ):
            return attached
    return _page(request, post, upload_form=form, status=400)


@require_POST
def post_image_choose(request, pk):
    post = _editable_post(request, pk)
    form = ChooseForm(
        request.POST,
        channel=post.channel,
        library=selectors.library(post.department),
        parts=parts_of(post),
        prefix="choose",
    )
    if form.is_valid() and (
        attached := _attach(
            request,
            post,
            form,
            services.attach_image,
            "Image added to the post.",
            image_id=form.cleaned_data["image"].pk,
        )
    ):
        return attached
    return _page(request, post, choose_form=form, status=400)


def _attached_image(post, attached_pk):
    attached = next((image for image in selectors.images_of(post) if image.pk == attached_pk), None)
    if attached is None:
        raise Http404
    return attached


@require_http_methods(["GET", "POST"])
def post_image(request, pk, attached_pk):
    """Change one image's alt text."""
    post = _editable_post(request, pk)
    attached = _attached_image(post, attached_pk)
    form = AltTextForm(
        request.POST or None, channel=post.channel, initial={"alt_text": attached.alt_text}
    )
    if request.method == "POST" and form.is_valid():
        with refusal_on(form, field="alt_text") as attempt:
            services.change_alt_text(
                author=request.user,
                post_id=post.pk,
                attached_id=attached.pk,
                alt_text=form.cleaned_data["alt_text"],
            )
        if not attempt.refused:
            return _attached(request, post, "Alt text changed.")
    return render(
        request,
        "approvals/images/alt_text.html",
        {"post": post, "attached": attached, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def post_image_remove(request, pk, attached_pk):
    """Asks first, then takes the image out of the post (not out of the library)."""
    post = _editable_post(request, pk)
    attached = _attached_image(post, attached_pk)
    if request.method == "POST":
        with not_allowed_as_404():
            services.remove_image(author=request.user, post_id=post.pk, attached_id=attached.pk)
        return _attached(request, post, "Image removed from the post.")
    return render(request, "approvals/images/remove.html", {"post": post, "attached": attached})


@require_POST
def post_image_move(request, pk, attached_pk):
    post = _editable_post(request, pk)
    attached = _attached_image(post, attached_pk)
    with not_allowed_as_404():
        services.move_image(
            author=request.user,
            post_id=post.pk,
            attached_id=attached.pk,
            earlier=request.POST.get("to") == "earlier",
        )
    return redirect("approvals:post_images", post.pk)
