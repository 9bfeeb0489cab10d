"""Fixtures: one private Redis and one decision service for the session (Redis flushed before each test), further
services (basic auth, TLS) started when a test first needs them, and clients configured in code only."""

import os
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import harness  # noqa: E402
import safety_kernel  # noqa: E402


@pytest.fixture(autouse=True)
def no_client_settings_from_the_environment(monkeypatch):
    for name in list(os.environ):
        if name.startswith(("QUANTUM_SAFETY_SERVICE_", "SAFETY_")):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def redis_server():
    server = harness.RedisServer()
    yield server
    server.close()


@pytest.fixture
def redis(redis_server):
    redis_server.client.flushall()
    return redis_server.client


@pytest.fixture(scope="session")
def service(redis_server):
    started = harness.DecisionService(redis_server.url)
    yield started
    started.close()


@pytest.fixture
def kernel(service, redis):
    client = safety_kernel.create_safety_kernel(redis, {"url": service.url, "timeout_ms": harness.CLIENT_TIMEOUT_MS})
    yield client
    client.close()


@pytest.fixture(scope="session")
def password_file():
    with tempfile.TemporaryDirectory(prefix="qs-py-secret-") as dir:
        path = Path(dir, "password")
        path.write_text(harness.TEST_PASSWORD + "\n")
        path.chmod(0o600)
        yield str(path)


@pytest.fixture(scope="session")
def auth_service(redis_server):
    config = "basic_auth_users:\n  %s: '%s'\n" % (harness.TEST_USER, harness.bcrypt_hash(harness.TEST_PASSWORD))
    started = harness.DecisionService(redis_server.url, web_config=config,
                                      ready_auth=(harness.TEST_USER, harness.TEST_PASSWORD))
    yield started
    started.close()


@pytest.fixture(scope="session")
def certificates():
    with tempfile.TemporaryDirectory(prefix="qs-py-tls-") as dir:
        yield harness.certificates(dir)


@pytest.fixture(scope="session")
def tls_service(redis_server, certificates):
    import ssl
    config = ("tls_server_config:\n  cert_file: %s\n  key_file: %s\n  client_auth_type: RequireAndVerifyClientCert\n"
              "  client_ca_file: %s\n" % (certificates["server_cert"], certificates["server_key"], certificates["ca"]))
    context = ssl.create_default_context(cafile=certificates["ca"])
    context.load_cert_chain(certificates["client_cert"], certificates["client_key"])
    started = harness.DecisionService(redis_server.url, web_config=config, scheme="https", ssl_context=context)
    yield started
    started.close()
