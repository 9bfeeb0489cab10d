"""Real parts for the client's tests: a private redis-server, the decision service from the built jar, and what
they need (free ports, certificates, bcrypt hashes). A missing tool skips the tests that need it, with a message,
except under CI=true, where it fails them: CI must never pass by skipping."""

import base64
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
START_TIMEOUT_SEC = 90
# The decision service's limits in these tests; the legacy reference kernel runs with the same (SAFETY_* names).
LIMITS = {"window": 3600, "global_max": 20, "symbol_max": 5, "cooldown": 600}
# Generous deadlines against the real service (its decision deadline, the client's timeout), so that a busy test
# machine does not turn a decision into FAIL_CLOSED_ERROR; the timeout tests use servers that never answer.
DECISION_TIMEOUT = "2000ms"
CLIENT_TIMEOUT_MS = 5000
TEST_USER = "router"
TEST_PASSWORD = "router-test-secret"
# bcrypt of TEST_PASSWORD, for machines without htpasswd (apache2-utils); CI makes a fresh one with htpasswd.
PRECOMPUTED_HASH = "$2y$05$ACIzCGnhBRAarzEkIPRXoe4LViV2v41zB/dfETc4hPmvYd9JfAYZu"


def missing(what, install):
    """Skips the calling test, or fails it under CI=true, saying what is missing and how to get it."""
    message = "needs %s (%s)" % (what, install)
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("CI=true but this test %s; .ci/run must install it" % message, pytrace=False)
    pytest.skip(message)


def require_program(name, install):
    path = shutil.which(name)
    if path is None:
        missing(name + " on PATH", install)
    return path


def jar():
    path = os.environ.get("QUANTUM_SAFETY_JAR") or str(REPO / "cli" / "target" / "quantum-safety.jar")
    if not Path(path).is_file():
        missing("the runnable jar at %s" % path, "mvn -B -pl cli -am package -DskipTests, or set QUANTUM_SAFETY_JAR")
    return path


def java():
    home = os.environ.get("JAVA_HOME")
    if home and Path(home, "bin", "java").is_file():
        return str(Path(home, "bin", "java"))
    return require_program("java", "apt-get install openjdk-17-jre-headless")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env():
    """This environment without any setting that would reach the service or the client by accident."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith(("QUANTUM_SAFETY_", "SAFETY_", "REDIS_")) and k != "JAVA_OPTS"}


def tail(path, lines=30):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no output)"


def await_condition(what, process, log, check, timeout=START_TIMEOUT_SEC):
    """Polls ``check`` until it holds; fails with the process's last output when it exits or time runs out."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("%s exited with %s before it could %s:\n%s" % (what, process.returncode, check.__doc__,
                                                                            tail(log)))
        try:
            if check():
                return
        except OSError as e:
            last = e
        time.sleep(0.05)
    stop(process)
    raise RuntimeError("%s did not %s within %d s (%s):\n%s" % (what, check.__doc__, timeout, last, tail(log)))


def _death_signal():
    """A preexec_fn that has the child sent SIGTERM when pytest dies (even killed at a CI deadline), so that no
    server outlives the run; None where Linux's prctl is not available."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return lambda: prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


DIE_WITH_PYTEST = _death_signal()


def stop(process, grace=15):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class RedisServer:
    """A redis-server on a free loopback port, in a temporary folder, without persistence."""

    def __init__(self):
        binary = require_program("redis-server", "apt-get install redis-server")
        try:
            import redis
        except ImportError:
            missing("the Python redis module", "apt-get install python3-redis, or pip install redis")
        self.dir = tempfile.mkdtemp(prefix="qs-py-redis-")
        self.port = free_port()
        self.url = "redis://127.0.0.1:%d" % self.port
        self.log = os.path.join(self.dir, "redis.log")
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                 "--dir", self.dir], stdout=out, stderr=subprocess.STDOUT, env=clean_env(), preexec_fn=DIE_WITH_PYTEST)
        self.client = redis.Redis(host="127.0.0.1", port=self.port, decode_responses=True, socket_timeout=5)

        def answers_ping():
            """answer PING"""
            try:
                return self.client.ping()
            except redis.ConnectionError:
                return False

        try:
            await_condition("redis-server", self.process, self.log, answers_ping)
        except BaseException:
            self.close()
            raise

    def close(self):
        self.client.close()
        stop(self.process)
        shutil.rmtree(self.dir, ignore_errors=True)


class DecisionService:
    """``quantum-safety kernel serve`` from the built jar on a free loopback port, ready when /-/ready says 200."""

    def __init__(self, redis_url, web_config=None, scheme="http", ready_auth=None, ssl_context=None):
        limits = LIMITS
        self.dir = tempfile.mkdtemp(prefix="qs-py-service-")
        self.port = free_port()
        self.url = "%s://127.0.0.1:%d" % (scheme, self.port)
        self.log = os.path.join(self.dir, "service.log")
        command = [java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "-jar", jar(), "kernel",
                   "serve", "--redis.addr=" + redis_url, "--web.listen-address=127.0.0.1:%d" % self.port,
                   "--window=%d" % limits["window"], "--global-max=%d" % limits["global_max"],
                   "--symbol-max=%d" % limits["symbol_max"], "--cooldown=%d" % limits["cooldown"],
                   "--decision-timeout=" + DECISION_TIMEOUT, "--kernel-id=pytest"]
        if web_config is not None:
            path = os.path.join(self.dir, "web-config.yml")
            Path(path).write_text(web_config)
            command.append("--web.config.file=" + path)
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=clean_env(),
                                            preexec_fn=DIE_WITH_PYTEST)
        self._scheme, self._ssl_context = scheme, ssl_context
        self._headers = {}
        if ready_auth is not None:
            self._headers["Authorization"] = "Basic " + base64.b64encode(("%s:%s" % ready_auth).encode()).decode()
        try:
            self._await_warm()
        except BaseException:
            self.close()
            raise

    def _await_warm(self):
        def ready():
            """answer 200 on /-/ready"""
            return self._request("GET", "/-/ready")[0] == 200

        await_condition("the decision service", self.process, self.log, ready)
        # A fresh JVM takes its first decisions slowly (class loading, the first compilations): longer than the
        # client's timeout now and then, or a 503 for a request that waited past the decision deadline for a
        # worker. Tests start from a warm service, as a router usually meets it.
        answers = [self._request("POST", "/v1/decide", b'{"symbol":"WARMUP%d","side":"BUY"}' % n)
                   for n in range(LIMITS["global_max"])]
        assert {status for status, _ in answers} <= {200, 503}, answers

    def _request(self, method, path, body=None):
        if self._scheme == "https":
            conn = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=10, context=self._ssl_context)
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(method, path, body=body, headers=self._headers)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def close(self):
        stop(self.process)
        shutil.rmtree(self.dir, ignore_errors=True)


def bcrypt_hash(password):
    """A bcrypt hash of ``password``: from htpasswd when installed (the password on its stdin, never in argv)."""
    htpasswd = shutil.which("htpasswd")
    if htpasswd is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but htpasswd is missing; .ci/run must install apache2-utils", pytrace=False)
        assert password == TEST_PASSWORD, "only TEST_PASSWORD has a precomputed hash"
        return PRECOMPUTED_HASH
    out = subprocess.run([htpasswd, "-niB", TEST_USER], input=password + "\n", capture_output=True, text=True,
                         check=True, timeout=60).stdout
    return out.strip().split(":", 1)[1]


def certificates(dir):
    """A test CA, and a server certificate for 127.0.0.1 and a client certificate it signed, made with openssl:
    {"ca", "server_cert", "server_key", "client_cert", "client_key"} paths in ``dir``. Every extension strict X.509
    checking asks for is there (Python 3.13 verifies strictly by default)."""
    openssl = require_program("openssl", "apt-get install openssl")

    def run(*args):
        subprocess.run([openssl] + list(args), check=True, capture_output=True, timeout=60)

    paths = {name: os.path.join(dir, name + ".pem") for name in
             ("ca", "ca_key", "server_cert", "server_key", "client_cert", "client_key")}
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", paths["ca_key"], "-out", paths["ca"], "-days", "2",
        "-subj", "/CN=quantum-safety test CA", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    for who, usage, extra in (("server", "serverAuth", "subjectAltName=IP:127.0.0.1,DNS:localhost\n"),
                              ("client", "clientAuth", "")):
        csr, ext = os.path.join(dir, who + ".csr"), os.path.join(dir, who + ".ext")
        Path(ext).write_text(extra + "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,"
                             "keyEncipherment\nextendedKeyUsage=%s\nsubjectKeyIdentifier=hash\n"
                             "authorityKeyIdentifier=keyid\n" % usage)
        run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", paths[who + "_key"], "-out", csr, "-subj",
            "/CN=" + ("localhost" if who == "server" else "router"))
        run("x509", "-req", "-in", csr, "-CA", paths["ca"], "-CAkey", paths["ca_key"], "-set_serial",
            str(int.from_bytes(os.urandom(8), "big")), "-days", "2", "-extfile", ext, "-out", paths[who + "_cert"])
    return paths


def fault_events(redis_client):
    return [fields for _, fields in redis_client.xrange("quantum:stream:safety.fault")]


def in_one_window(redis_client, scenario, attempts=3):
    """Runs ``scenario()`` on an emptied Redis until it ran within one rate window (a window can end during a run:
    the counts start again); returns what it returned."""
    window = LIMITS["window"]
    for _ in range(attempts):
        redis_client.flushall()
        before = int(redis_client.time()[0]) // window
        result = scenario()
        if int(redis_client.time()[0]) // window == before:
            return result
    pytest.fail("the scenario never ran within one %d s window" % window)


def legacy_fields(event):
    """The fields of a fault event that the legacy contract lists, in its order."""
    return {name: event.get(name) for name in LEGACY_FAULT_FIELDS}


LEGACY_FAULT_FIELDS = ("timestamp", "reason", "symbol", "side", "global_count", "symbol_count", "global_max",
                       "symbol_max", "window_sec", "cooldown_sec", "router_pid", "correlation_id", "trace_id")
