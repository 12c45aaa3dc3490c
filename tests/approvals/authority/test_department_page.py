"""The department page holds several forms: an error is shown with the one sent."""

import pytest
from django.urls import reverse

from approvals.errors import ApprovalError
from approvals.reminders import policy

pytestmark = pytest.mark.django_db

REFUSAL = "Reminders in the Cabinet Office are being changed by someone else. Try again."
TYPED = {"first_after": "12", "repeat_every": "6", "escalate_after": "36", "urgent_within": "4"}


@pytest.fixture
def page(org, client):
    """Where each of the page's forms is sent."""
    client.force_login(org.co_admin)
    return lambda form: reverse(f"approvals:department_{form}", args=[org.cabinet_office.slug])


def sections(html: str) -> tuple[str, str, str]:
    """The page above its heading (where the error summary goes), the grant and
    policy forms, and the reminders form."""
    top, rest = html.split('<h1 class="govuk-heading-xl">', 1)
    others = rest.split('<h2 class="govuk-heading-m">Grant authority</h2>', 1)[1]
    others, reminders_form = others.split('<h2 class="govuk-heading-m">Reminders</h2>', 1)
    return top, others, reminders_form.split("</form>", 1)[0]


def test_a_refused_reminder_policy_is_shown_with_the_reminders_form(org, client, page, monkeypatch):
    def refuse(**kwargs):
        raise ApprovalError(REFUSAL)

    monkeypatch.setattr(policy, "set_reminder_policy", refuse)
    response = client.post(page("reminders"), TYPED)

    assert response.status_code == 400
    html = response.content.decode()
    top, others, reminders_form = sections(html)
    assert "<title>Error: " in html
    assert f'<a href="#id_first_after">{REFUSAL}</a>' in top
    assert 'href="#id_grantee"' not in top
    assert REFUSAL in reminders_form and 'id="id_first_after_1_error"' in reminders_form
    assert REFUSAL not in others and "govuk-error-message" not in others
    for name, value in TYPED.items():
        assert f'name="{name}" value="{value}"' in reminders_form


def test_a_reminders_mistake_is_summarised_at_the_top_of_the_page(org, client, page):
    response = client.post(page("reminders"), {**TYPED, "escalate_after": "abc"})

    assert response.status_code == 400
    top, _, reminders_form = sections(response.content.decode())
    assert '<a href="#id_escalate_after">Enter a whole number.</a>' in top
    assert "There is a problem" not in reminders_form
    assert 'id="id_escalate_after_1_error"' in reminders_form
    assert 'name="escalate_after" value="abc"' in reminders_form


def test_a_refused_grant_is_shown_beside_the_colleague_field(org, client, page):
    """Sent by hand: the page never offers the admin themself."""
    response = client.post(
        page("grant"), {"grantee": "co-admin", "authority": "manage_delegations"}
    )

    assert response.status_code == 400
    top, others, reminders_form = sections(response.content.decode())
    assert '<a href="#id_grantee">You cannot grant authority to yourself.</a>' in top
    assert 'id="id_grantee_1_error"' in others and 'value="co-admin"' not in others
    assert "govuk-error-message" not in reminders_form
