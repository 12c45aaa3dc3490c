"""The reports page and its CSVs: who sees which departments, each chart with
its table of the same figures, the downloads, bad choices, and a fixed number
of queries however much history there is."""

import csv
import io
import re
from html import unescape

import pytest
from django.urls import reverse

from approvals.authority import groups
from approvals.models import Authority, Decision, Outcome
from approvals.posts import deciding
from approvals.reports import figures
from tests.factories import DepartmentFactory, StaffProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

REPORTS = reverse("approvals:reports")
CSV = reverse("approvals:reports_csv")


@pytest.fixture
def world(org, make_post):
    """Decided and waiting posts in the Cabinet Office, its agency and HM Treasury,
    made through the services; the Treasury's communications head administers it."""
    agency = DepartmentFactory(
        name="Crown Commercial Service", slug="ccs", parent=org.cabinet_office
    )
    agency_author = UserFactory(username="agency-author", first_name="Ash", last_name="Agency")
    StaffProfileFactory(user=agency_author, department=agency, line_manager=org.manager)
    groups.authority_group(org.treasury, Authority.MANAGE_DELEGATIONS).user_set.add(
        org.treasury_manager
    )
    for author, outcome in [
        (org.author, Outcome.REJECTED),
        (org.colleague, Outcome.APPROVED),
        (agency_author, Outcome.APPROVED),
    ]:
        post = make_post(author)
        deciding.decide(
            post_id=post.pk,
            version_id=post.current_version_id,
            user=org.manager,
            outcome=outcome,
            reason="" if outcome == Outcome.APPROVED else "Not this.",
        )
    post = make_post(org.treasury_author)
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.treasury_manager,
        outcome=Outcome.APPROVED,
    )
    make_post(org.author)  # waiting for the manager
    make_post(org.treasury_author)  # waiting for the Treasury's head of communications
    org.agency = agency
    return org


def main(response) -> str:
    """The page's own content: the footer credits the Cabinet Office's guidance."""
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def sections(page: str) -> dict[str, str]:
    return dict(
        re.findall(r'<section class="portal-report"[^>]*id="([a-z]+)">(.*?)</section>', page, re.S)
    )


def table_rows(section: str) -> list[list[str]]:
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", section.split("<table", 1)[1], re.S)
    return [
        [
            unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in rows
    ]


def test_the_service_keeps_how_long_each_decision_waited_and_whether_it_ended_sign_off(world):
    kept = Decision.objects.values_list(
        "version__post__department__slug",
        "outcome",
        "waited_working_hours",
        "working_hours_since_submission",
        "ends_sign_off",
    )
    # Decided straight after submission: a moment, in working hours or none at a weekend.
    assert all(0 <= waited == since < 0.1 for _, _, waited, since, _ in kept)
    # The Treasury always asks for its second step: its line manager's approval ends nothing.
    assert sorted((slug, outcome, ends) for slug, outcome, _, _, ends in kept) == [
        ("cabinet-office", Outcome.APPROVED, True),
        ("cabinet-office", Outcome.REJECTED, True),
        ("ccs", Outcome.APPROVED, True),
        ("hm-treasury", Outcome.APPROVED, False),
    ]


def test_a_department_admin_sees_their_department_and_its_agencies_only(world, as_user):
    client = as_user(world.co_admin)
    page = client.get(REPORTS).content.decode()
    assert "Cabinet Office" in page and "Crown Commercial Service" in page
    assert "HM Treasury" not in page
    # Two posts decided by the manager in the Cabinet Office and one in its agency;
    # the Treasury's are not counted.
    steps = table_rows(sections(page)["steps"])
    assert steps[1][:2] == ["Line manager", "3"]
    one = client.get(REPORTS, {"department": "ccs"}).content.decode()
    assert table_rows(sections(one)["steps"])[1][:2] == ["Line manager", "1"]


def test_a_treasury_admin_sees_nothing_of_the_cabinet_office(world, as_user):
    client = as_user(world.treasury_manager)
    page = main(client.get(REPORTS))
    assert "Cabinet Office" not in page and "Crown Commercial Service" not in page
    assert world.manager.get_full_name() not in page
    assert table_rows(sections(page)["approvers"])[1:] == [
        [world.treasury_manager.get_full_name(), "1"]
    ]
    asked = client.get(REPORTS, {"department": "cabinet-office"})
    assert asked.status_code == 400
    assert "Choose a department from the list" in asked.content.decode()
    assert "Cabinet Office" not in main(asked)
    assert client.get(CSV, {"figure": "weekly", "department": "cabinet-office"}).status_code == 404
    rows = list(
        csv.reader(
            io.StringIO(client.get(CSV, {"figure": "approvers"}).content.decode("utf-8-sig"))
        )
    )
    assert rows == [
        ["Person", "Posts waiting for them"],
        [world.treasury_manager.get_full_name(), "1"],
    ]


@pytest.mark.parametrize("who", ["author", "manager", "press", "colleague"])
def test_anyone_not_administering_a_department_gets_404(world, as_user, who):
    client = as_user(getattr(world, who))
    assert client.get(REPORTS).status_code == 404
    assert client.get(CSV, {"figure": "weekly"}).status_code == 404


def test_a_superuser_sees_every_department(world, as_user):
    page = as_user(world.superuser).get(REPORTS).content.decode()
    offered = re.findall(r'<option value="([a-z-]*)"', page)
    assert offered[:4] == ["", "cabinet-office", "ccs", "hm-treasury"]
    people = {row[0] for row in table_rows(sections(page)["approvers"])[1:]}
    assert {world.manager.get_full_name(), world.treasury_manager.get_full_name()} <= people


def test_each_chart_has_a_name_a_description_and_a_table_of_its_figures(world, as_user):
    page = as_user(world.co_admin).get(REPORTS).content.decode()
    found = sections(page)
    assert list(found) == list(figures.FIGURES)
    for slug, section in found.items():
        svg = section.split("<svg", 1)[1].split("</svg>", 1)[0]
        assert (
            'role="img"' in svg and f'aria-labelledby="chart-{slug}-title chart-{slug}-desc"' in svg
        )
        assert f'<title id="chart-{slug}-title">' in svg and f'<desc id="chart-{slug}-desc">' in svg
        header, *rows = table_rows(section)
        assert rows, slug
        drawn = unescape(re.sub(r"<[^>]+>", " ", svg))
        for row in rows:
            for value in row[1:] if slug != "weekly" else []:
                assert value in drawn, (slug, row)
            if slug == "weekly":
                for name, value in zip(header[1:], row[1:], strict=True):
                    assert f"{name} {value}" in drawn


def test_the_weekly_chart_names_each_bar_with_its_figure(world, as_user):
    page = as_user(world.co_admin).get(REPORTS, {"weeks": "4"}).content.decode()
    weekly = table_rows(sections(page)["weekly"])
    assert len(weekly) == 1 + 4
    # This week: four posts submitted in the Cabinet Office and its agency, two
    # approved, one rejected.
    assert weekly[-1][1:] == ["4", "2", "1", "0"]


def test_each_csv_has_the_tables_figures(world, as_user):
    client = as_user(world.co_admin)
    page = client.get(REPORTS, {"weeks": "4"}).content.decode()
    for slug, section in sections(page).items():
        response = client.get(CSV, {"figure": slug, "weeks": "4"})
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"].startswith(
            f'attachment; filename="sign-off-{slug}-all-'
        )
        assert response.content.startswith("\ufeff".encode())
        assert list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")))) == table_rows(
            section
        )


def test_a_name_that_looks_like_a_formula_stays_text_in_the_csv(world, as_user, make_post):
    world.manager.first_name, world.manager.last_name = '=HYPERLINK("http://x.invalid")', "+1"
    world.manager.save()
    response = as_user(world.co_admin).get(CSV, {"figure": "approvers"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == '\'=HYPERLINK("http://x.invalid") +1'


def test_a_choice_not_offered_is_refused_on_the_same_page(world, as_user):
    response = as_user(world.co_admin).get(REPORTS, {"weeks": "1000"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Choose a period from the list" in page
    # The reports show the default twelve weeks meanwhile.
    assert len(table_rows(sections(page)["weekly"])) == 1 + 12
    assert as_user(world.co_admin).get(CSV, {"figure": "nothing"}).status_code == 404


def test_the_page_asks_the_same_number_of_queries_however_much_history(
    world, as_user, make_post, django_assert_num_queries
):
    client = as_user(world.co_admin)
    client.get(REPORTS)
    with django_assert_num_queries(QUERIES):
        client.get(REPORTS)
    for author in (world.author, world.colleague) * 3:
        post = make_post(author)
        deciding.decide(
            post_id=post.pk,
            version_id=post.current_version_id,
            user=world.manager,
            outcome=Outcome.APPROVED,
        )
        make_post(author)
    # The count of what waits, in every page's navigation, is read afresh once after a change.
    client.get(REPORTS)
    with django_assert_num_queries(QUERIES):
        client.get(REPORTS)
    with django_assert_num_queries(CSV_QUERIES):
        client.get(CSV, {"figure": "approvers"})


QUERIES = 14
CSV_QUERIES = 9


ADMIN_REPORTS = reverse("signoff_reports:index")
ADMIN_CSV = reverse("signoff_reports:csv")


def test_the_admins_reports_cover_every_department(world, as_user):
    client = as_user(world.superuser)
    page = client.get(ADMIN_REPORTS).content.decode()
    assert list(sections(page)) == list(figures.FIGURES)
    assert "Cabinet Office" in page and "HM Treasury" in page
    assert "portal-admin/reports.css" in page  # charts no wider than drawn
    assert f'href="{ADMIN_CSV}?figure=weekly"' in page  # the address, not the URL's name
    one = client.get(ADMIN_REPORTS, {"department": "hm-treasury"}).content.decode()
    assert table_rows(sections(one)["approvers"])[1:] == [
        [world.treasury_manager.get_full_name(), "1"]
    ]
    rows = list(
        csv.reader(
            io.StringIO(client.get(ADMIN_CSV, {"figure": "ages"}).content.decode("utf-8-sig"))
        )
    )
    assert rows[0] == ["Waited", "Posts"] and sum(int(n) for _, n in rows[1:]) == 3


@pytest.mark.parametrize("who", ["co_admin", "treasury_manager", "author"])
def test_the_admins_reports_are_for_administrators_only(world, as_user, who):
    client = as_user(getattr(world, who))
    assert client.get(ADMIN_REPORTS).status_code in {302, 404}
    assert client.get(ADMIN_CSV, {"figure": "weekly"}).status_code in {302, 404}
