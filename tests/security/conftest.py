import pytest

# The small organisation of the approvals tests: two departments, an author, their
# line manager and deputy, a department approver and admin, outsiders.
from tests.approvals.conftest import make_post, org  # noqa: F401
from tests.factories import StaffProfileFactory, UserFactory
from tests.security.hostile import IMAGE, SCRIPT


@pytest.fixture
def colleagues(org):  # noqa: F811
    """Someone whose name is markup (the HR import writes names), and a leaver."""
    marked = UserFactory(username="marked", first_name=SCRIPT, last_name=IMAGE)
    StaffProfileFactory(user=marked, department=org.cabinet_office)
    leaver = UserFactory(username="leaver", is_active=False)
    StaffProfileFactory(user=leaver, department=org.cabinet_office)
    return {"marked": marked, "leaver": leaver}
