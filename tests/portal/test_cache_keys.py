"""Every key in the cache names the deployment, so that two deployments sharing one
Redis never read each other's entries (shown on a real Redis in test_cache_faults)."""

import pytest

from portal.caching.backend import deployment_prefix

pytestmark = pytest.mark.unit


def test_every_key_names_the_deployment():
    database = {"HOST": "db", "PORT": 5432, "NAME": "portal"}
    ours = deployment_prefix("portal", "secret-one", database)
    assert ours != deployment_prefix("portal", "secret-two", database)
    assert ours != deployment_prefix("portal", "secret-one", {**database, "NAME": "training"})
