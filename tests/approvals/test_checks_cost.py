"""One author cannot slow everyone down: no text the form accepts makes the checks slow
or their findings long, and showing a post never checks it again."""

import time
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from approvals.models import Post, PostVersion
from approvals.posts.channels import TEXT_MAX
from approvals.posts.checks import check_post
from tests.approvals.conftest import RISKY_TEXT

# Seconds of CPU for all the checks on one text, the best of three runs so that what
# other processes on this slow, shared 2-core machine cost us is not counted.
BOUND = 0.5


def longest(unit: str) -> str:
    """The longest text the form accepts, made of ``unit`` over and over."""
    return (unit * (TEXT_MAX // len(unit) + 1))[:TEXT_MAX]


def numbered(template: str) -> str:
    """The longest text made of ``template`` filled in with 0, 1, 2...: every one different."""
    parts: list[str] = []
    length = 0
    while length < TEXT_MAX:
        parts.append(template.format(len(parts)))
        length += len(parts[-1])
    return "".join(parts)[:TEXT_MAX]


def cpu_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        check_post(text=text, channel="x", department_names=["Cabinet Office"], account="@a")
        best = min(best, time.process_time() - started)
    return best


# For each check, the longest texts of the patterns that cost it most: runs that a
# pattern could start matching at every character, near-misses it must give up on, and
# for phone numbers, the many candidates libphonenumber's matcher parses one by one.
WORST_TEXTS = {
    "phone numbers": {
        "digits and spaces": longest("0 "),
        "one number over and over": longest("020 7946 0000 "),
        "different numbers": numbered("020 7946 {:04d} "),
        "different short numbers": numbered("0{} "),
        "freephone numbers": numbered("0800 {:07d}\n"),
        "international prefixes": longest("+44 "),
        "brackets": longest("(0"),
        "dates": longest("01.02.2025 "),
        "full-width digits": longest("\uff10\uff12\uff10 \uff17\uff19\uff14\uff16 "),
        "zero-width spaces between digits": longest("0\u200b"),
    },
    "email addresses": {
        "at signs": longest("@"),
        "near misses": longest("a.b@c-d."),
        "different addresses": numbered("n{}@example.gov.uk "),
        "full-width at signs": longest("a\uff20"),
    },
    "postcodes": {
        "postcodes": longest("SW1A 1AA "),
        "postcode-like run": longest("SW1A1AA"),
        "near misses": longest("A1 1A"),
    },
    "street addresses": {
        "addresses": longest("10 Downing Street "),
        "capitalised words with no street": longest("1 Aa Bb Cc Dd "),
        "capitals": longest("1 A"),
    },
    "disclosure": {
        "mentions": longest("@a #b "),
        "ampersands": longest("& "),
        "one long word": longest("a"),
    },
    "commitments": {
        "we will": longest("we will "),
        "the government": longest("the government "),
        "his majesty's government": longest("his majesty's "),
    },
    "length": {
        "emoji sequences": longest("\U0001f468\u200d"),
        "flags": longest("\U0001f1ec\U0001f1e7"),
        "Chinese": longest("\u4e2d"),
        "modifiers": longest("a\ufe0f"),
    },
    "insecure links": {
        "http://": longest("http://"),
        "links": longest("http://a "),
        "bare domains": longest("a.uk/"),
        "dots": longest("a."),
    },
    "reading look-alikes": {
        "a character that reads as 18": longest("\ufdfa"),
        "combining accents": longest("e\u0301"),
        "zero-width spaces": longest("\u200b"),
        "numbers with full stops": longest("\u2488"),
    },
}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(text, id=f"{check}: {pattern}")
        for check, texts in WORST_TEXTS.items()
        for pattern, text in texts.items()
    ],
)
def test_each_check_reads_the_longest_text_of_its_worst_pattern_in_under_half_a_second(text):
    assert len(text) == TEXT_MAX
    assert cpu_seconds(text) < BOUND


def test_a_text_of_different_email_addresses_gives_ten_findings_and_says_there_are_more():
    findings = [
        finding
        for finding in check_post(text=numbered("n{}@example.gov.uk "), channel="blog")
        if finding.code == "email-address"
    ]
    assert [finding.excerpt for finding in findings[:10]] == [
        f"n{i}@example.gov.uk" for i in range(10)
    ]
    assert len(findings) == 11
    assert findings[-1].message == (
        "The post contains more email addresses than are listed here. Find them all."
    )


def test_a_text_of_different_phone_numbers_gives_ten_findings_and_says_there_are_more():
    findings = [
        finding
        for finding in check_post(text=numbered("Ring 020 7946 {:04d}.\n"), channel="blog")
        if finding.code == "phone-number"
    ]
    assert [finding.excerpt for finding in findings[:10]] == [
        f"020 7946 {i:04d}" for i in range(10)
    ]
    assert findings[-1].message.startswith("The post contains more phone numbers than are listed")
    assert len(findings) == 11


def test_a_text_of_more_figures_than_the_phone_check_reads_says_where_it_stopped():
    figures = longest("Table 1: 12, 34, 56, 78 and 90. ")
    text = figures[: TEXT_MAX - 30] + " Call 07700 900123."
    [finding] = [f for f in check_post(text=text, channel="blog") if f.code == "phone-number"]
    assert finding.message.startswith(
        "The post has too many figures to check them all for phone numbers: the check "
        "read its first "
    )
    assert "Check the rest yourself." in finding.message


# --- Pages --------------------------------------------------------------------------------


@pytest.fixture
def author_client(client, org):
    client.force_login(org.author)
    return client


def draft_form(text: str) -> dict:
    when = timezone.localdate() + timedelta(days=3)
    return {
        "channel": "linkedin",
        "account": "Cabinet Office",
        "text": text,
        "publish_date_0": when.day,
        "publish_date_1": when.month,
        "publish_date_2": when.year,
        "publish_time": "09:30",
    }


KEPT = {
    "code": "phone-number",
    "principle": "Civil Service Code: never give out personal details",
    "message": "A finding kept in the database when the draft was saved.",
    "excerpt": "",
}


@pytest.mark.django_db
def test_a_draft_page_shows_the_findings_kept_when_it_was_saved_not_checked_again(
    org, author_client
):
    response = author_client.post(reverse("approvals:post_create"), draft_form(RISKY_TEXT))
    post = Post.objects.get()
    assert {finding["code"] for finding in post.findings} >= {"phone-number", "commitment"}
    Post.objects.filter(pk=post.pk).update(findings=[KEPT])

    html = author_client.get(reverse("approvals:post", args=[post.pk])).content.decode()

    assert KEPT["message"] in html
    assert "looks like a phone number" not in html
    assert response.status_code == 302


@pytest.mark.django_db
def test_changing_a_draft_checks_the_new_text(org, author_client, make_post):
    post = make_post(org.author, text=RISKY_TEXT, submit=False)
    author_client.post(
        reverse("approvals:post_edit", args=[post.pk]),
        draft_form("Cabinet Office: our guidance is published today."),
    )
    post.refresh_from_db()
    assert post.findings == []
    html = author_client.get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert "The checks found nothing" in html


@pytest.mark.django_db
def test_the_decision_page_shows_the_findings_kept_with_the_version(org, client, make_post):
    post = make_post(org.author, text=RISKY_TEXT)
    PostVersion.objects.filter(pk=post.current_version_id).update(findings=[KEPT])
    client.force_login(org.manager)

    html = client.get(reverse("approvals:decide", args=[post.pk])).content.decode()

    assert KEPT["message"] in html
    assert "looks like a phone number" not in html


@pytest.mark.django_db
def test_a_draft_of_the_longest_text_of_phone_numbers_shows_in_a_moment(org, author_client):
    text = numbered("Ring 020 7946 {:04d} ")
    response = author_client.post(reverse("approvals:post_create"), draft_form(text))
    assert response.status_code == 302
    url = reverse("approvals:post", args=[Post.objects.get().pk])
    author_client.get(url)  # the first view of any page fills the per-process caches
    started = time.perf_counter()
    page = author_client.get(url)
    assert time.perf_counter() - started < BOUND
    assert "looks like a phone number (020 7946 0000)" in page.content.decode()


@pytest.mark.django_db
def test_a_text_one_character_too_long_is_refused_on_the_form(org, author_client):
    response = author_client.post(
        reverse("approvals:post_create"), draft_form("a" * (TEXT_MAX + 1))
    )
    assert response.status_code == 200
    assert "The text must be 70,000 characters or fewer" in response.content.decode()
    assert not Post.objects.exists()


@pytest.mark.django_db
def test_the_database_refuses_a_text_longer_than_the_checks_are_sized_for(org, make_post):
    post = make_post(org.author)
    for model, pk in ((Post, post.pk), (PostVersion, post.current_version_id)):
        with pytest.raises(IntegrityError), transaction.atomic():
            model.objects.filter(pk=pk).update(text="a" * (TEXT_MAX + 1))
