"""Shared test set-up: hypothesis profiles (HYPOTHESIS_PROFILE=ci|dev|deep)."""

import os

from hypothesis import HealthCheck, settings

# No example database: it would keep generated plan text on disk between runs.
_COMMON = dict(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
# CI's examples are the same every run (a failure there is the change's, not a new
# draw's); dev and deep draw new ones, to find what CI's do not.
settings.register_profile("ci", max_examples=150, derandomize=True, **_COMMON)
settings.register_profile("dev", max_examples=300, **_COMMON)
settings.register_profile("deep", max_examples=20_000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
