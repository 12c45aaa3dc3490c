# The small organisation of the approvals tests: two departments, an author, their
# line manager and deputy, a department approver and admin, outsiders.
from tests.approvals.conftest import make_post, org  # noqa: F401
