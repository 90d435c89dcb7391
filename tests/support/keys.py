"""Fixed encryption keys for every app and server the tests build, so a row written by one (a fixture, the test
process) reads in another (a live server). Test-only values, never used outside the suite."""
from __future__ import annotations

TEST_KEYS = {
    "DATA_ENCRYPTION_KEYS": "2AB6IK02d6cQJYc2CVi-n5lV5v1MP1YxalVfimxmdSI=",
    "BLIND_INDEX_KEY": "zL4nV93UQPsd_epqoGwWaco_Nv_p6oxQdf2xo9ljScc=",
}
