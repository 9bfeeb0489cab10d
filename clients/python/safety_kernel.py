"""The safety kernel for the Python router, answered by the Quantum Safety decision service.

Migration, two lines: put this file where the old ``safety_kernel.py`` was imported from (copy it, or
``PYTHONPATH=<checkout>/clients/python``), and run the decision service (``quantum-safety kernel serve``, or the
systemd unit ``quantum-safety-kernel.service``). The router's code stays as it is::

    from safety_kernel import create_safety_kernel
    self.safety = create_safety_kernel(self.redis)          # the Redis client is accepted and not used
    allowed, reason, meta = self.safety.should_publish_intent(symbol=s, side=d, correlation_id=c, trace_id=t)

The service owns Redis and the limits (``--window``, ``--global-max``, ``--symbol-max``, ``--cooldown`` or the
legacy ``SAFETY_*`` variables, set where the service runs); every decision is one atomic script in Redis, and
SAFE MODE blocks (the old kernel let every intent through once SAFE MODE was on). ``(allowed, reason, meta)`` is
exactly what the service answers: reasons OK, SAFE_MODE_ENABLED, GLOBAL_RATE_EXCEEDED, SYMBOL_RATE_EXCEEDED,
KILL_SWITCH_ENGAGED, REDUCE_ONLY_ALLOWED, REDUCE_ONLY_RATE_EXCEEDED, FAIL_OPEN_ERROR, FAIL_CLOSED_ERROR,
CONFIG_ERROR, STATE_UNREADABLE. ``should_publish_intent(..., reduce_only=True)`` lets exits through SAFE MODE.

Configuration: a key of ``config`` (a dict) wins over its environment variable; an empty variable is unset.

    ====================  ===========================================  ========================
    config key            environment variable                         default
    ====================  ===========================================  ========================
    url                   QUANTUM_SAFETY_SERVICE_URL                   http://127.0.0.1:9106
    timeout_ms            QUANTUM_SAFETY_SERVICE_TIMEOUT_MS            500
    fail_policy           QUANTUM_SAFETY_SERVICE_FAIL_POLICY           closed (or open)
    fail_open_max         QUANTUM_SAFETY_SERVICE_FAIL_OPEN_MAX         20 per window (0: never)
    fail_open_window_sec  QUANTUM_SAFETY_SERVICE_FAIL_OPEN_WINDOW_SEC  10
    user                  QUANTUM_SAFETY_SERVICE_USER                  none (no basic auth)
    password_file         QUANTUM_SAFETY_SERVICE_PASSWORD_FILE         none; required with user
    ca_file               QUANTUM_SAFETY_SERVICE_CA_FILE               the system's CAs (https)
    cert_file             QUANTUM_SAFETY_SERVICE_CERT_FILE             none (client certificate)
    key_file              QUANTUM_SAFETY_SERVICE_KEY_FILE              in cert_file
    ====================  ===========================================  ========================

``timeout_ms`` bounds a whole call (connect, TLS handshake, send, answer); keep it above the service's 250 ms
decision deadline. The password is read from its file once (one trailing newline dropped); it never appears in
arguments, logs, errors or ``meta``. A bad setting raises ``ValueError`` naming the key or variable.

When the service cannot answer (refused connection, timeout, HTTP 5xx including 503 overload, a malformed answer),
the intent is blocked: ``(False, "FAIL_CLOSED_ERROR", {"error": "<why>", "symbol": …, "side": …, …})``; with
``fail_policy=open`` it is allowed: ``(True, "FAIL_OPEN_ERROR", …)``, at most ``fail_open_max`` times per window
of ``fail_open_window_sec`` in this process (the legacy global limit and window by default), then blocked as
``FAIL_CLOSED_ERROR`` with ``fail_open_capped: True``. A client that is set up wrong (HTTP 401
wrong credentials, 403, 404 not the service) is blocked under either policy: a configuration error is no outage.
Failures are counted (``stats()``) and logged at warning level at most once a minute with the number left out.
Input the service refuses (HTTP 400: unknown side, missing symbol, wrong type) gives
``(False, "INVALID_INTENT", {"error": "<the service's message>", …})`` and is never counted in Redis.

Each thread keeps one keep-alive connection (TCP_NODELAY); a connection the service closed while idle is retried
once, and only when nothing was read back. After ``os.fork`` the child opens its own.

Standard library only; Python 3.8 or newer.
"""

import base64
import json
import logging
import os
import socket
import ssl
import threading
import time
import weakref
from urllib.parse import urlsplit

__all__ = ["create_safety_kernel", "SafetyKernelClient"]

_log = logging.getLogger("safety_kernel")

_SETTINGS = (
    # config key, environment variable, default
    ("url", "QUANTUM_SAFETY_SERVICE_URL", "http://127.0.0.1:9106"),
    ("timeout_ms", "QUANTUM_SAFETY_SERVICE_TIMEOUT_MS", "500"),
    ("fail_policy", "QUANTUM_SAFETY_SERVICE_FAIL_POLICY", "closed"),
    ("fail_open_max", "QUANTUM_SAFETY_SERVICE_FAIL_OPEN_MAX", "20"),
    ("fail_open_window_sec", "QUANTUM_SAFETY_SERVICE_FAIL_OPEN_WINDOW_SEC", "10"),
    ("user", "QUANTUM_SAFETY_SERVICE_USER", ""),
    ("password_file", "QUANTUM_SAFETY_SERVICE_PASSWORD_FILE", ""),
    ("ca_file", "QUANTUM_SAFETY_SERVICE_CA_FILE", ""),
    ("cert_file", "QUANTUM_SAFETY_SERVICE_CERT_FILE", ""),
    ("key_file", "QUANTUM_SAFETY_SERVICE_KEY_FILE", ""),
)
_NUMBERS = ("timeout_ms", "fail_open_max", "fail_open_window_sec")
_MAX_ANSWER_BYTES = 8 << 20
_WARN_INTERVAL_SEC = 60.0
_ENCODE = json.JSONEncoder(separators=(",", ":")).encode


def create_safety_kernel(redis_client=None, config=None):
    """The kernel the router asks; ``redis_client`` is accepted for the old signature and not used."""
    del redis_client  # the decision service owns Redis
    return SafetyKernelClient(_Settings.load(config, os.environ))


class _Unavailable(Exception):
    """The service gave no usable answer; the message is one line and holds no secret."""


class _StaleConnection(Exception):
    """A reused connection was found closed before any byte of an answer came back: safe to send again."""


class _Settings:
    """The client's settings from ``config`` and the environment, checked once; errors name the key."""

    def __init__(self, values, names):
        self._names = names
        self.url = values["url"].rstrip("/")
        self.timeout = self._timeout(values["timeout_ms"])
        self.fail_open = self._policy(values["fail_policy"])
        self.fail_open_max = self._whole(values["fail_open_max"], "fail_open_max", 0, 1000000)
        self.fail_open_window = self._whole(values["fail_open_window_sec"], "fail_open_window_sec", 1, 86400)
        parts = self._url(self.url)
        self.tls = parts.scheme == "https"
        self.host = parts.hostname
        self.port = parts.port or (443 if self.tls else 80)
        self.path = parts.path.rstrip("/")
        host = "[%s]" % self.host if ":" in self.host else self.host
        self.host_header = "%s:%d" % (host, self.port)
        self.authorization = self._authorization(values["user"], values["password_file"])
        self.ssl_context = self._ssl_context(values["ca_file"], values["cert_file"], values["key_file"])

    @classmethod
    def load(cls, config, environ):
        if config is None:
            config = {}
        if not isinstance(config, dict):
            raise ValueError("config: expected a dict of settings or None, got %s" % type(config).__name__)
        known = {key for key, _, _ in _SETTINGS}
        for key in config:
            if key not in known:
                raise ValueError("config[%r]: unknown setting; known: %s (the limits are the service's flags, the "
                                 "password comes from password_file)" % (key, ", ".join(sorted(known))))
        values, names = {}, {}
        for key, env, default in _SETTINGS:
            if config.get(key) is not None:
                values[key], names[key] = config[key], "config[%r]" % key
            elif environ.get(env):
                values[key], names[key] = environ[env], env
            else:
                values[key], names[key] = default, env
            if key not in _NUMBERS and not isinstance(values[key], str):
                raise ValueError("%s: expected text, got %s" % (names[key], type(values[key]).__name__))
        return cls(values, names)

    def _timeout(self, value):
        name = self._names["timeout_ms"]
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ValueError("%s: expected whole milliseconds, e.g. 500" % name)
        text = str(value).strip()
        if not text.isdigit() or not 1 <= int(text) <= 600000:
            raise ValueError("%s: %r is not whole milliseconds between 1 and 600000, e.g. 500" % (name, value))
        return int(text) / 1000.0

    def _whole(self, value, key, low, high):
        name = self._names[key]
        text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
        if not text.isdigit() or not low <= int(text) <= high:
            raise ValueError("%s: %r is not a whole number between %d and %d" % (name, value, low, high))
        return int(text)

    def _policy(self, value):
        policy = value.strip().lower()
        if policy not in ("closed", "open"):
            raise ValueError("%s: %r is not closed or open" % (self._names["fail_policy"], value))
        return policy == "open"

    def _url(self, url):
        name = self._names["url"]
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - parsing the port raises on a bad one
        except ValueError as e:
            raise ValueError("%s: %r is not a URL (%s), e.g. http://127.0.0.1:9106" % (name, url, e)) from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("%s: %r is not an http:// or https:// URL with a host, e.g. http://127.0.0.1:9106"
                             % (name, url))
        if parts.username is not None or parts.password is not None:
            raise ValueError("%s: credentials in the URL are refused (they would show in logs); use "
                             "QUANTUM_SAFETY_SERVICE_USER and QUANTUM_SAFETY_SERVICE_PASSWORD_FILE" % name)
        if parts.query or parts.fragment or any(c.isspace() or not c.isprintable() for c in parts.path):
            raise ValueError("%s: %r has a query, a fragment or spaces; give the service's base URL" % (name, url))
        return parts

    def _authorization(self, user, password_file):
        if not user and not password_file:
            return ""
        if not user or not password_file:
            missing = "user" if not user else "password_file"
            raise ValueError("%s: needed together with %s" % (
                self._names[missing], self._names["password_file" if missing == "user" else "user"]))
        if ":" in user:
            raise ValueError("%s: a basic-auth user name cannot contain ':'" % self._names["user"])
        name = self._names["password_file"]
        try:
            with open(password_file, "rb") as f:
                password = f.read()
        except OSError as e:
            raise ValueError("%s: cannot read %s (%s)" % (name, password_file, e.strerror)) from None
        if password.endswith(b"\r\n"):
            password = password[:-2]
        elif password.endswith(b"\n"):
            password = password[:-1]
        if not password:
            raise ValueError("%s: %s is empty" % (name, password_file))
        token = base64.b64encode(user.encode("utf-8") + b":" + password).decode("ascii")
        return "Basic " + token

    def _ssl_context(self, ca_file, cert_file, key_file):
        if not self.tls:
            for key, value in (("ca_file", ca_file), ("cert_file", cert_file), ("key_file", key_file)):
                if value:
                    raise ValueError("%s: only with an https:// URL (%s is %s)"
                                     % (self._names[key], self._names["url"], self.url))
            return None
        if key_file and not cert_file:
            raise ValueError("%s: needs %s" % (self._names["key_file"], self._names["cert_file"]))
        try:
            context = ssl.create_default_context(cafile=ca_file or None)
        except (OSError, ssl.SSLError) as e:
            raise ValueError("%s: cannot load %s (%s)" % (self._names["ca_file"], ca_file, e)) from None
        if cert_file:
            try:
                context.load_cert_chain(cert_file, key_file or None)
            except (OSError, ssl.SSLError) as e:
                raise ValueError("%s: cannot load the client certificate %s (%s)"
                                 % (self._names["cert_file"], cert_file, e)) from None
        return context


class _Channel:
    """One keep-alive HTTP/1.1 connection; every wait is bounded by the call's deadline."""

    __slots__ = ("sock", "timeout_ms")

    def __init__(self, settings, deadline):
        self.timeout_ms = round(settings.timeout * 1000)
        try:
            sock = socket.create_connection((settings.host, settings.port), _left(deadline, "connecting"))
        except socket.timeout:
            raise _Unavailable("no connection within %d ms" % self.timeout_ms) from None
        except OSError as e:
            raise _Unavailable("cannot connect to %s (%s)" % (settings.url, _os_error(e))) from None
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if settings.ssl_context is not None:
                sock.settimeout(_left(deadline, "the TLS handshake"))
                sock = settings.ssl_context.wrap_socket(sock, server_hostname=settings.host)
        except socket.timeout:
            sock.close()
            raise _Unavailable("no TLS handshake within %d ms" % self.timeout_ms) from None
        except (OSError, _Unavailable) as e:
            sock.close()
            raise _Unavailable("TLS with %s failed (%s)" % (settings.url, _os_error(e))) from None
        self.sock = sock

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def exchange(self, request, deadline, reused):
        """Sends ``request``; returns ``(status, body, keep_alive)``."""
        try:
            self.sock.settimeout(_left(deadline, "sending"))
            self.sock.sendall(request)
        except socket.timeout:
            raise _Unavailable("the request could not be sent within %d ms" % self.timeout_ms) from None
        except OSError as e:
            if reused:
                raise _StaleConnection() from None
            raise _Unavailable("sending failed (%s)" % _os_error(e)) from None
        buf = bytearray()
        head_end = -1
        while head_end < 0:
            self._fill(buf, deadline, reused)
            head_end = buf.find(b"\r\n\r\n")
            if head_end < 0 and len(buf) > 65536:
                raise _Unavailable("malformed answer: no end of headers")
        status, length, chunked, keep_alive = _parse_head(bytes(buf[:head_end]))
        start = head_end + 4
        if length is None and not chunked and (status < 200 or status in (204, 304)):
            length = 0  # no body by definition; reading to the end would wait for the timeout
        if chunked:
            return status, self._chunked(buf, start, deadline), keep_alive
        if length is None:
            while True:
                if not self._fill(buf, deadline, reused, eof_ok=True):
                    return status, bytes(buf[start:]), False
        while len(buf) - start < length:
            self._fill(buf, deadline, reused)
        # Bytes beyond the answer belong to nothing we asked: do not reuse the connection.
        return status, bytes(buf[start:start + length]), keep_alive and len(buf) == start + length

    def _fill(self, buf, deadline, reused, eof_ok=False):
        try:
            self.sock.settimeout(_left(deadline, "waiting for the answer"))
            chunk = self.sock.recv(65536)
        except socket.timeout:
            raise _Unavailable("no answer within %d ms" % self.timeout_ms) from None
        except OSError as e:
            if reused and not buf:
                raise _StaleConnection() from None
            raise _Unavailable("reading the answer failed (%s)" % _os_error(e)) from None
        if not chunk:
            if eof_ok:
                return False
            if reused and not buf:
                raise _StaleConnection()
            raise _Unavailable("the service closed the connection without a complete answer")
        buf += chunk
        if len(buf) > _MAX_ANSWER_BYTES:
            raise _Unavailable("malformed answer: larger than %d bytes" % _MAX_ANSWER_BYTES)
        return True

    def _chunked(self, buf, pos, deadline):
        body = bytearray()
        while True:
            line_end = buf.find(b"\r\n", pos)
            while line_end < 0:
                self._fill(buf, deadline, False)
                line_end = buf.find(b"\r\n", pos)
            try:
                size = int(bytes(buf[pos:line_end]).split(b";", 1)[0], 16)
            except ValueError:
                raise _Unavailable("malformed answer: bad chunk size") from None
            pos = line_end + 2
            if size == 0:
                while buf.find(b"\r\n\r\n", pos - 2) < 0:  # the end of the (usually empty) trailer
                    self._fill(buf, deadline, False)
                return bytes(body)
            while len(buf) < pos + size + 2:
                self._fill(buf, deadline, False)
            body += buf[pos:pos + size]
            pos += size + 2


def _parse_head(head):
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not parts[1].isdigit():
        raise _Unavailable("malformed answer: not HTTP (%r)" % lines[0][:60])
    keep_alive = parts[0] != "HTTP/1.0"
    length, chunked = None, False
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name = name.strip().lower()
        if name == "content-length":
            if not value.strip().isdigit():
                raise _Unavailable("malformed answer: Content-Length %r" % value.strip()[:20])
            length = int(value)
        elif name == "transfer-encoding":
            chunked = "chunked" in value.lower()
        elif name == "connection":
            tokens = value.lower()
            keep_alive = "close" not in tokens and (keep_alive or "keep-alive" in tokens)
    return int(parts[1]), length, chunked, keep_alive


def _left(deadline, doing):
    left = deadline - time.monotonic()
    if left <= 0:
        raise _Unavailable("the timeout ran out before %s" % doing)
    return left


def _os_error(e):
    if isinstance(e, ssl.SSLError) or not isinstance(e, OSError):
        return str(e)
    return e.strerror or type(e).__name__


class SafetyKernelClient:
    """Asks the decision service; thread-safe, one keep-alive connection per thread. See the module docstring."""

    def __init__(self, settings):
        self._settings = settings
        self._local = threading.local()
        auth = "Authorization: %s\r\n" % settings.authorization if settings.authorization else ""
        common = "Host: %s\r\nUser-Agent: quantum-safety-python\r\n%s" % (settings.host_header, auth)
        post = "POST %s%%s HTTP/1.1\r\n%sContent-Type: application/json\r\nContent-Length: " % (settings.path, common)
        self._decide_head = (post % "/v1/decide").encode("latin-1")
        self._batch_head = (post % "/v1/decide/batch").encode("latin-1")
        self._ready_request = ("GET %s/-/ready HTTP/1.1\r\n%s\r\n" % (settings.path, common)).encode("latin-1")
        self._lock = threading.Lock()
        self._stats = {"connections_opened": 0, "stale_retries": 0, "fail_closed": 0, "fail_open": 0,
                       "fail_open_capped": 0, "config_errors": 0, "invalid_intent": 0, "last_error": ""}
        self._fail_open_window = None
        self._fail_open_used = 0
        self._warned_at = None
        self._unlogged = 0
        if hasattr(os, "register_at_fork"):
            me = weakref.ref(self)
            os.register_at_fork(after_in_child=lambda: me() is not None and me()._forget_connections())

    def __repr__(self):
        return "SafetyKernelClient(url=%r, timeout_ms=%d, fail_policy=%s, auth=%s)" % (
            self._settings.url, self._settings.timeout * 1000, "open" if self._settings.fail_open else "closed",
            "basic" if self._settings.authorization else "none")

    def should_publish_intent(self, symbol, side, correlation_id="", trace_id="", reduce_only=False):
        """``(allowed, reason, meta)`` as the service answers; never raises for a bad intent or an outage."""
        intent = {"symbol": symbol, "side": side, "reduce_only": reduce_only, "correlation_id": correlation_id,
                  "trace_id": trace_id}
        try:
            body = _ENCODE(intent).encode("ascii")
        except (TypeError, ValueError) as e:
            return self._invalid("the intent is not JSON: %s" % e, intent)
        try:
            status, answer = self._post(self._decide_head, body)
        except _Unavailable as e:
            return self._failed(str(e), intent, config_error=False)
        if status != 200:
            return self._refused(status, answer, intent)
        try:
            decision = json.loads(answer)
            return _decision(decision)
        except (ValueError, TypeError, KeyError):
            return self._failed("malformed answer from the service: %r" % answer[:80], intent, config_error=False)

    def decide_batch(self, intents):
        """Decides several intents in one request, in order; each a dict with the keys of should_publish_intent."""
        intents = list(intents)
        if not intents:
            return []
        if not all(isinstance(i, dict) for i in intents):
            bad = next(n for n, i in enumerate(intents) if not isinstance(i, dict))
            return [self._invalid("intents[%d]: expected a dict" % bad, _described(i)) for i in intents]
        try:
            body = _ENCODE({"intents": intents}).encode("ascii")
        except (TypeError, ValueError) as e:
            return [self._invalid("the intents are not JSON: %s" % e, i) for i in intents]
        try:
            status, answer = self._post(self._batch_head, body)
        except _Unavailable as e:
            return [self._failed(str(e), i, config_error=False) for i in intents]
        if status != 200:
            return [self._refused(status, answer, i) for i in intents]
        try:
            decisions = json.loads(answer)["decisions"]
            if not isinstance(decisions, list) or len(decisions) != len(intents):
                raise ValueError("decisions")
            return [_decision(d) for d in decisions]
        except (ValueError, TypeError, KeyError):
            why = "malformed batch answer from the service: %r" % answer[:80]
            return [self._failed(why, i, config_error=False) for i in intents]

    def service_ready(self):
        """``(ready, detail)`` from the service's /-/ready: whether it can decide now, and why not."""
        try:
            status, answer = self._exchange(self._ready_request)
        except _Unavailable as e:
            return False, str(e)
        return status == 200, answer.decode("utf-8", "replace").strip()

    def stats(self):
        """Counts since creation: connections, stale-connection retries, failures by outcome, refused intents."""
        with self._lock:
            return dict(self._stats)

    def close(self):
        """Closes the calling thread's connection (the next call opens a new one)."""
        channel = getattr(self._local, "channel", None)
        self._local.channel = None
        if channel is not None:
            channel.close()

    def _forget_connections(self):
        self._local = threading.local()

    def _post(self, head, body):
        return self._exchange(b"".join((head, str(len(body)).encode("ascii"), b"\r\n\r\n", body)))

    def _exchange(self, request):
        deadline = time.monotonic() + self._settings.timeout
        local = self._local
        channel = getattr(local, "channel", None)
        if channel is not None:
            try:
                return self._over(channel, request, deadline, True)
            except _StaleConnection:
                self._count("stale_retries")
        channel = _Channel(self._settings, deadline)
        self._count("connections_opened")
        local.channel = channel
        return self._over(channel, request, deadline, False)

    def _over(self, channel, request, deadline, reused):
        try:
            status, body, keep_alive = channel.exchange(request, deadline, reused)
        except BaseException:
            # A connection in an unknown state (half an answer, an answer still coming) is never reused.
            self._local.channel = None
            channel.close()
            raise
        if not keep_alive:
            self._local.channel = None
            channel.close()
        return status, body

    def _refused(self, status, answer, intent):
        message = _error_message(answer)
        if status == 400:
            return self._invalid(message or "the service refused the intent (HTTP 400)", intent)
        if status == 401:
            return self._failed("the service refused the credentials (HTTP 401): check QUANTUM_SAFETY_SERVICE_USER "
                                "and QUANTUM_SAFETY_SERVICE_PASSWORD_FILE", intent, config_error=True)
        if 400 <= status < 500:
            return self._failed("HTTP %d from %s: is QUANTUM_SAFETY_SERVICE_URL the decision service?%s" % (
                status, self._settings.url, (" " + message) if message else ""), intent, config_error=True)
        return self._failed("HTTP %d from the service%s" % (status, (": " + message) if message else ""), intent,
                            config_error=False)

    def _invalid(self, error, intent):
        self._count("invalid_intent")
        return False, "INVALID_INTENT", _meta(error, intent)

    def _failed(self, why, intent, config_error):
        capped = False
        allowed = self._settings.fail_open and not config_error
        if allowed and not self._take_fail_open():
            allowed, capped = False, True
        reason = "FAIL_OPEN_ERROR" if allowed else "FAIL_CLOSED_ERROR"
        meta = _meta(why, intent)
        meta["fail_policy"] = "open" if self._settings.fail_open else "closed"
        meta["service_url"] = self._settings.url
        if config_error:
            meta["config_error"] = True
        if capped:
            meta["fail_open_capped"] = True
            self._count("fail_open_capped")
        self._count("config_errors" if config_error else ("fail_open" if allowed else "fail_closed"), why)
        self._warn(reason, why)
        return allowed, reason, meta

    def _take_fail_open(self):
        """One allowance of the open policy: at most fail_open_max per window of this process, as the kernel caps it."""
        window = int(time.time() // self._settings.fail_open_window)
        with self._lock:
            if window != self._fail_open_window:
                self._fail_open_window, self._fail_open_used = window, 0
            if self._fail_open_used >= self._settings.fail_open_max:
                return False
            self._fail_open_used += 1
            return True

    def _count(self, key, error=None):
        with self._lock:
            self._stats[key] += 1
            if error is not None:
                self._stats["last_error"] = error

    def _warn(self, reason, why):
        now = time.monotonic()
        with self._lock:
            if self._warned_at is not None and now - self._warned_at < _WARN_INTERVAL_SEC:
                self._unlogged += 1
                return
            left_out, self._unlogged, self._warned_at = self._unlogged, 0, now
        _log.warning("decision service at %s did not decide, %s: %s%s", self._settings.url, reason, why,
                     " (%d more failures left out of the log since the last line)" % left_out if left_out else "")


def _decision(answer):
    allowed, reason, meta = answer["allowed"], answer["reason"], answer["meta"]
    if not isinstance(allowed, bool) or not isinstance(reason, str) or not isinstance(meta, dict):
        raise ValueError("decision")
    return allowed, reason, meta


def _error_message(answer):
    try:
        error = json.loads(answer).get("error")
        if isinstance(error, str):
            return error.splitlines()[0][:500] if error else ""
    except (ValueError, AttributeError):
        pass
    text = answer.decode("utf-8", "replace").strip()
    return text.splitlines()[0][:200] if text else ""


def _described(intent):
    return intent if isinstance(intent, dict) else {"symbol": None, "side": None}


def _meta(error, intent):
    side = intent.get("side")
    return {"error": error, "symbol": intent.get("symbol"), "side": side.upper() if isinstance(side, str) else side,
            "reduce_only": intent.get("reduce_only", False), "correlation_id": intent.get("correlation_id", ""),
            "trace_id": intent.get("trace_id", "")}
