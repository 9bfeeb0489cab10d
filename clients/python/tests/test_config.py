"""Settings: config dict over environment over defaults, and a ValueError naming the key for anything wrong."""

import pytest

import harness
from safety_kernel import create_safety_kernel


def test_defaults_are_the_loopback_service_half_a_second_and_fail_closed():
    kernel = create_safety_kernel(object())
    assert repr(kernel) == "SafetyKernelClient(url='http://127.0.0.1:9106', timeout_ms=500, fail_policy=closed, " \
                           "auth=none)"


def test_the_environment_sets_what_config_does_not(monkeypatch):
    monkeypatch.setenv("QUANTUM_SAFETY_SERVICE_URL", "http://10.0.0.7:9200/")
    monkeypatch.setenv("QUANTUM_SAFETY_SERVICE_TIMEOUT_MS", "750")
    monkeypatch.setenv("QUANTUM_SAFETY_SERVICE_FAIL_POLICY", "open")
    assert repr(create_safety_kernel(None)) == "SafetyKernelClient(url='http://10.0.0.7:9200', timeout_ms=750, " \
                                               "fail_policy=open, auth=none)"
    assert repr(create_safety_kernel(None, {"timeout_ms": 90, "fail_policy": "CLOSED"})) == \
        "SafetyKernelClient(url='http://10.0.0.7:9200', timeout_ms=90, fail_policy=closed, auth=none)"


@pytest.mark.parametrize("config, env, named", [
    ({"timeout_ms": "0"}, {}, "config['timeout_ms']: '0' is not whole milliseconds"),
    ({}, {"QUANTUM_SAFETY_SERVICE_TIMEOUT_MS": "0.5s"}, "QUANTUM_SAFETY_SERVICE_TIMEOUT_MS: '0.5s'"),
    ({"timeout_ms": True}, {}, "config['timeout_ms']: expected whole milliseconds"),
    ({}, {"QUANTUM_SAFETY_SERVICE_FAIL_POLICY": "maybe"}, "QUANTUM_SAFETY_SERVICE_FAIL_POLICY: 'maybe' is not closed"),
    ({"url": "redis://127.0.0.1:6379"}, {}, "config['url']: 'redis://127.0.0.1:6379' is not an http:// or https://"),
    ({}, {"QUANTUM_SAFETY_SERVICE_URL": "http://127.0.0.1:99999"}, "QUANTUM_SAFETY_SERVICE_URL: 'http://127.0.0.1:99999' is not a URL"),
    ({"url": "http://127.0.0.1:9106/?x=1"}, {}, "config['url']: 'http://127.0.0.1:9106/?x=1' has a query"),
    ({"url": "http://127.0.0.1:9106/a b"}, {}, "config['url']: 'http://127.0.0.1:9106/a b' has a query"),
    ({"url": "http://127.0.0.1:9106", "ca_file": "/etc/ssl/ca.pem"}, {}, "config['ca_file']: only with an https:// URL"),
    ({"user": "router"}, {}, "QUANTUM_SAFETY_SERVICE_PASSWORD_FILE: needed together with config['user']"),
    ({}, {"QUANTUM_SAFETY_SERVICE_PASSWORD_FILE": "/nowhere/password"},
     "QUANTUM_SAFETY_SERVICE_USER: needed together with QUANTUM_SAFETY_SERVICE_PASSWORD_FILE"),
    ({"user": "a:b", "password_file": "/nowhere"}, {}, "config['user']: a basic-auth user name cannot contain ':'"),
    ({"user": "router", "password_file": "/nowhere/password"}, {},
     "config['password_file']: cannot read /nowhere/password (No such file or directory)"),
    ({"url": "https://127.0.0.1:9106", "ca_file": "/nowhere/ca.pem"}, {}, "config['ca_file']: cannot load /nowhere/ca.pem"),
    ({"url": "https://127.0.0.1:9106", "key_file": "/k.pem"}, {}, "config['key_file']: needs QUANTUM_SAFETY_SERVICE_CERT_FILE"),
    ({"window_sec": 10}, {}, "config['window_sec']: unknown setting; known: ca_file, cert_file"),
    ({"url": 9106}, {}, "config['url']: expected text, got int"),
])
def test_a_bad_setting_raises_value_error_naming_it(monkeypatch, config, env, named):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValueError) as raised:
        create_safety_kernel(None, config)
    assert str(raised.value).startswith(named)


def test_credentials_in_the_url_are_refused_without_repeating_them():
    with pytest.raises(ValueError) as raised:
        create_safety_kernel(None, {"url": "http://router:hunter2@127.0.0.1:9106"})
    assert str(raised.value).startswith("config['url']: credentials in the URL are refused")
    assert "hunter2" not in str(raised.value)


def test_an_empty_password_file_is_refused(tmp_path):
    empty = tmp_path / "password"
    empty.write_text("\n")
    with pytest.raises(ValueError) as raised:
        create_safety_kernel(None, {"user": "router", "password_file": str(empty)})
    assert str(raised.value) == "config['password_file']: %s is empty" % empty


def test_the_password_never_shows_in_the_client(tmp_path):
    secret = tmp_path / "password"
    secret.write_text(harness.TEST_PASSWORD + "\n")
    kernel = create_safety_kernel(None, {"user": "router", "password_file": str(secret)})
    assert harness.TEST_PASSWORD not in repr(kernel) + str(kernel.stats()) + str(vars(kernel))
    assert "auth=basic" in repr(kernel)


def test_a_config_that_is_not_a_dict_is_refused():
    with pytest.raises(ValueError, match="^config: expected a dict of settings or None, got list$"):
        create_safety_kernel(None, ["http://127.0.0.1:9106"])
