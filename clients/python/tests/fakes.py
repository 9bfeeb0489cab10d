"""Loopback TCP servers that misbehave on purpose, and a proxy that counts the connections it carries."""

import json
import socket
import threading


def decision_body(allowed=True, reason="OK", **meta):
    return json.dumps({"allowed": allowed, "reason": reason, "meta": dict({"symbol": "BTCUSDT"}, **meta)}).encode()


def http_answer(status, body, headers=()):
    lines = ["HTTP/1.1 %d X" % status, "Content-Type: application/json"] + list(headers)
    if not any(h.lower().startswith("transfer-encoding") for h in headers):
        lines.append("Content-Length: %d" % len(body))
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def read_request(conn):
    """Reads one HTTP request (headers and a Content-Length body); b"" when the peer closed first."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return b""
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        body += conn.recv(65536)
    return head + b"\r\n\r\n" + body


class FakeServer:
    """Hands each accepted connection to ``handler(server, conn)`` on its own thread; counts the connections."""

    def __init__(self, handler):
        self.handler = handler
        self.accepted = 0
        self.requests = []
        self.released = threading.Event()  # handlers that hold a connection wait for this
        self.done = threading.Event()  # handlers that end something on purpose set this
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = "http://127.0.0.1:%d" % self.port
        self._threads = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            self.accepted += 1
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn):
        with conn:
            try:
                self.handler(self, conn)
            except OSError:
                pass

    def read(self, conn):
        request = read_request(conn)
        if request:
            self.requests.append(request)
        return request

    def close(self):
        self.released.set()
        self._listener.close()
        for thread in self._threads:
            thread.join(10)


class CountingProxy:
    """Forwards loopback connections to ``port``, counting the connections its clients opened."""

    def __init__(self, port):
        self.target = port
        self.accepted = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = "http://127.0.0.1:%d" % self._listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self.accepted += 1
            upstream = socket.create_connection(("127.0.0.1", self.target))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self):
        self._listener.close()
