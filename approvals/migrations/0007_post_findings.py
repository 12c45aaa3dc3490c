"""Drafts keep the checks' findings, so that showing a post never checks it again;
and no post text is longer than the checks are sized for."""

from dataclasses import asdict

import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

from approvals.posts.checks import check_post


def keep_findings(apps, schema_editor):
    """Findings for the posts there are. Drafts are checked, as their pages did on each
    view; a post sent for sign-off has not changed since, so keeps its version's."""
    Post = apps.get_model("approvals", "Post")
    PostVersion = apps.get_model("approvals", "PostVersion")
    editable = ["draft", "changes_requested"]
    Post.objects.exclude(status__in=editable).filter(current_version__isnull=False).update(
        findings=Subquery(
            PostVersion.objects.filter(pk=OuterRef("current_version")).values("findings")[:1]
        )
    )
    drafts = Post.objects.filter(status__in=editable).select_related("department__parent")
    for post in drafts.iterator(chunk_size=500):
        department = post.department
        # As Department.names_for_disclosure, which a migration's models do not have.
        names = [department.name, department.abbreviation]
        if department.parent:
            names += [department.parent.name, department.parent.abbreviation]
        post.findings = [
            asdict(finding)
            for finding in check_post(
                text=post.text,
                channel=post.channel,
                link=post.link,
                department_names=[name for name in names if name],
                account=post.account,
            )
        ]
        post.save(update_fields=["findings"])


class Migration(migrations.Migration):
    dependencies = [("approvals", "0006_outbox_failed_and_clean_job_titles")]

    operations = [
        migrations.AddField(
            model_name="post",
            name="findings",
            field=models.JSONField(blank=True, default=list, editable=False),
        ),
        migrations.AddConstraint(
            model_name="post",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("text"), 70000
                ),
                name="post_text_within_limit",
                violation_error_message="The text must be 70,000 characters or fewer",
            ),
        ),
        migrations.AddConstraint(
            model_name="postversion",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("text"), 70000
                ),
                name="version_text_within_limit",
                violation_error_message="The text must be 70,000 characters or fewer",
            ),
        ),
        migrations.RunPython(keep_findings, migrations.RunPython.noop),
    ]
