"""Query worker processes: each opens the store read-only; a query over its time limit kills its worker.

pyoxigraph cannot cancel a running query (an aggregate over a cross product runs for minutes
with the GIL released), so a thread cannot be stopped; a process can. The parent sends a
:class:`~.protocol.QueryRequest` down a pipe and waits ``timeout`` seconds; on time it gets the
finished response, otherwise it kills the worker and starts a fresh one in the background.

On Linux each worker also moves itself into an empty network namespace when the kernel lets it,
so even a ``SERVICE`` call that got past :func:`~.protocol.check_query` could reach no host.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import queue
import signal
import sys
import threading
from dataclasses import dataclass

import pyoxigraph as ox

from .protocol import Limits, ProtocolError, QueryRequest, Response, answer

_START_TIMEOUT = 60.0


def isolate_network() -> bool:
    """Leave the host's network (Linux network namespace); True when it worked. Call before starting threads."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes
    import os

    clone_newuser, clone_newnet = 0x10000000, 0x40000000
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    if libc.unshare(clone_newnet) == 0:
        return True
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(clone_newuser | clone_newnet) != 0:
        return False
    try:  # keep our own uid inside the new user namespace (file access is unchanged either way)
        with open("/proc/self/setgroups", "w") as f:
            f.write("deny")
        with open("/proc/self/uid_map", "w") as f:
            f.write(f"{uid} {uid} 1")
        with open("/proc/self/gid_map", "w") as f:
            f.write(f"{gid} {gid} 1")
    except OSError:
        pass
    return True


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space; a query that needs more makes the process abort."""
    try:
        import resource
    except ImportError:  # not on this platform
        return
    if megabytes <= 0:
        return

    size = megabytes * 2**20
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        size = min(size, hard)
    resource.setrlimit(resource.RLIMIT_AS, (size, hard))


def _worker_main(conn, store_path: str, limits: Limits, isolate: bool) -> None:
    """Loop: receive a request, answer it, send the response; stop on ``None`` or a closed pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    isolated = isolate_network() if isolate else False
    limit_memory(limits.max_memory_mb)
    try:
        store = ox.Store.read_only(store_path)
    except OSError as exc:
        conn.send(("error", f"{store_path}: cannot open the store read-only ({exc})"))
        return
    conn.send(("ready", isolated))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        conn.send(answer(store, request, limits))


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: object
    isolated: bool


class QueryPool:
    """A fixed number of worker processes answering queries with a hard time limit each."""

    def __init__(self, store_path: str, limits: Limits, *, workers: int = 2, isolate_network: bool = True,
                 queue_wait: float | None = None):
        self.store_path = str(store_path)
        self.limits = limits
        self.size = max(1, workers)
        self.isolate = isolate_network
        self.queue_wait = limits.timeout if queue_wait is None else queue_wait
        self._context = multiprocessing.get_context("forkserver" if sys.platform.startswith("linux") else "spawn")
        if self._context.get_start_method() == "forkserver":
            self._context.set_forkserver_preload([__name__])  # workers fork ready-imported (if not yet running)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        self._live: set[multiprocessing.process.BaseProcess] = set()
        self.restarts = 0
        self.isolated = False
        starting = [self._launch() for _ in range(self.size)]
        try:
            workers_ready = [self._await_ready(*s) for s in starting]
        except BaseException:
            for process, _ in starting:
                process.kill()
            raise
        self.isolated = all(w.isolated for w in workers_ready)
        for worker in workers_ready:
            self._idle.put(worker)

    def _launch(self):
        parent, child = self._context.Pipe(duplex=True)
        process = self._context.Process(target=_worker_main, args=(child, self.store_path, self.limits, self.isolate),
                                        daemon=True, name="thidua-query-worker")
        process.start()
        child.close()
        with self._lock:
            self._live.add(process)
        return process, parent

    def _await_ready(self, process, conn) -> _Worker:
        if not conn.poll(_START_TIMEOUT):
            process.kill()
            raise RuntimeError("a query worker did not start in time")
        try:
            status, detail = conn.recv()
        except (EOFError, OSError):
            raise RuntimeError(f"a query worker exited while starting (exit code {process.exitcode})") from None
        if status != "ready":
            process.join(5)
            raise RuntimeError(detail)
        return _Worker(process, conn, bool(detail))

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` now; start its successor in the background (the caller does not wait)."""
        worker.process.kill()
        worker.conn.close()
        self.restarts += 1

        def restart() -> None:
            worker.process.join(5)
            with self._lock:
                self._live.discard(worker.process)
            if self._closed:
                return
            try:
                fresh = self._await_ready(*self._launch())
            except (RuntimeError, OSError) as exc:
                print(f"thidua serve: could not restart a query worker: {exc}", file=sys.stderr)
                return
            if self._closed:
                self._stop(fresh)
            else:
                self._idle.put(fresh)

        threading.Thread(target=restart, daemon=True, name="thidua-worker-restart").start()

    def run(self, request: QueryRequest) -> Response:
        """Answer ``request`` in a worker within ``limits.timeout`` seconds, or a 503/504 error response."""
        try:
            worker = self._idle.get(timeout=self.queue_wait)
        except queue.Empty:
            return ProtocolError(503, f"all {self.size} query workers are busy; try again shortly",
                                 (("Retry-After", "1"),)).response()
        try:
            worker.conn.send(request)
            if not worker.conn.poll(self.limits.timeout):
                self._replace(worker)
                return ProtocolError(504, f"query stopped after the time limit of {self.limits.timeout:g} s "
                                          "(thidua serve --timeout); narrow it or add LIMIT").response()
            response = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(1)
            aborted = worker.process.exitcode == -signal.SIGABRT
            self._replace(worker)
            if aborted and self.limits.max_memory_mb > 0:
                return ProtocolError(507, f"the query needed more than the {self.limits.max_memory_mb:,} MB of memory "
                                          "a query may use (thidua serve --max-memory); narrow it").response()
            return ProtocolError(500, "the query worker died while answering; the query was not completed").response()
        self._idle.put(worker)
        return response

    @staticmethod
    def _stop(worker: _Worker) -> None:
        with contextlib.suppress(OSError):
            worker.conn.send(None)
        worker.process.join(2)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(2)
        worker.conn.close()

    def close(self) -> None:
        """Stop idle workers politely and kill the ones still busy."""
        self._closed = True
        while True:
            try:
                self._stop(self._idle.get_nowait())
            except queue.Empty:
                break
        with self._lock:
            live, self._live = list(self._live), set()
        for process in live:
            if process.is_alive():
                process.kill()
            process.join(2)

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
