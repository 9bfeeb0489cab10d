"""The real service behind basic auth (a bcrypt hash in its web config) and behind TLS with client certificates."""

import logging

import harness
from safety_kernel import create_safety_kernel

INTENT = {"symbol": "BTCUSDT", "side": "BUY", "correlation_id": "ord-1"}


def client(redis, url, **config):
    return create_safety_kernel(redis, dict(config, url=url, timeout_ms=harness.CLIENT_TIMEOUT_MS))


def test_basic_auth_with_the_password_from_a_file_decides(auth_service, redis, password_file):
    kernel = client(redis, auth_service.url, user=harness.TEST_USER, password_file=password_file)
    assert kernel.should_publish_intent(**INTENT)[:2] == (True, "OK")
    assert kernel.should_publish_intent(**INTENT)[2]["global_count"] == 2


def test_basic_auth_from_the_environment(auth_service, redis, password_file, monkeypatch):
    monkeypatch.setenv("QUANTUM_SAFETY_SERVICE_URL", auth_service.url)
    monkeypatch.setenv("QUANTUM_SAFETY_SERVICE_USER", harness.TEST_USER)
    monkeypatch.setenv("QUANTUM_SAFETY_SERVICE_PASSWORD_FILE", password_file)
    monkeypatch.setenv("QUANTUM_SAFETY_SERVICE_TIMEOUT_MS", str(harness.CLIENT_TIMEOUT_MS))
    assert create_safety_kernel(redis).should_publish_intent(**INTENT)[:2] == (True, "OK")


def test_wrong_or_missing_credentials_block_under_either_policy_and_never_show(auth_service, redis, tmp_path,
                                                                                caplog):
    wrong = tmp_path / "wrong"
    wrong.write_text("not-" + harness.TEST_PASSWORD)
    with caplog.at_level(logging.WARNING, logger="safety_kernel"):
        for credentials in ({"user": harness.TEST_USER, "password_file": str(wrong)}, {}):
            for policy in ("closed", "open"):
                kernel = client(redis, auth_service.url, fail_policy=policy, **credentials)
                allowed, reason, meta = kernel.should_publish_intent(**INTENT)
                assert (allowed, reason, meta["config_error"]) == (False, "FAIL_CLOSED_ERROR", True)
                assert meta["error"].startswith("the service refused the credentials (HTTP 401)")
                assert harness.TEST_PASSWORD not in str(meta) + caplog.text
    assert list(redis.scan_iter("quantum:safety:rate:*")) == []


def test_tls_with_the_service_certificate_and_a_client_certificate_decides(tls_service, redis, certificates):
    kernel = client(redis, tls_service.url, ca_file=certificates["ca"], cert_file=certificates["client_cert"],
                    key_file=certificates["client_key"])
    for n in range(3):
        assert kernel.should_publish_intent(**INTENT)[2]["global_count"] == n + 1
    assert kernel.stats()["connections_opened"] == 1


def test_tls_without_a_client_certificate_or_trust_in_the_service_blocks(tls_service, redis, certificates):
    no_client_cert = client(redis, tls_service.url, ca_file=certificates["ca"])
    assert no_client_cert.should_publish_intent(**INTENT)[:2] == (False, "FAIL_CLOSED_ERROR")

    untrusted = client(redis, tls_service.url, cert_file=certificates["client_cert"],
                       key_file=certificates["client_key"])
    allowed, reason, meta = untrusted.should_publish_intent(**INTENT)
    assert (allowed, reason) == (False, "FAIL_CLOSED_ERROR")
    assert meta["error"].startswith("TLS with %s failed" % tls_service.url)
    assert "CERTIFICATE_VERIFY_FAILED" in meta["error"]
    assert list(redis.scan_iter("quantum:safety:rate:*")) == []
