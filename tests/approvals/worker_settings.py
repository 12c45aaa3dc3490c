"""Settings for the workers and beats of the reliability tests: the test
settings, with every e-mail any process sends counted in one file."""

import os

from portal.settings.test import *  # noqa: F403
from portal.settings.test import REDIS_BROKER_TRANSPORT_OPTIONS

EMAIL_BACKEND = "tests.approvals.background.FileMailbox"
# One person per transaction, so that a test can stop a sweep between two people.
APPROVALS_REMINDER_BATCH = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **REDIS_BROKER_TRANSPORT_OPTIONS,
    "visibility_timeout": int(os.environ.get("TEST_VISIBILITY_TIMEOUT", "3600")),
    # Look for messages a dead worker left unacknowledged every second, not every 100.
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
