"""Run one piece of heavy work (a PDF render, a Word conversion) in a child process with a
memory cap (RLIMIT_AS) and a time limit, so one oversized input fails cleanly instead of
taking the worker, or the machine, down with it.

The child is forked (it shares the parent's loaded libraries and fonts, so starting it is
cheap) and must not touch the database: it gets plain data and returns plain, picklable data.
A MemoryError, or the child dying of a signal (the allocator aborting when the cap is hit), is
a ResourceLimitExceeded("memory"); running past the time limit kills it and is one with "time".
"""

import faulthandler
import os
import pickle
import resource
import select
import signal
import time
import traceback


class ResourceLimitExceeded(Exception):
    def __init__(self, which, message):
        super().__init__(message)
        self.which = which  # "memory" or "time"


class ChildFailed(Exception):
    """The work raised an ordinary exception in the child: its class name and message."""

    def __init__(self, class_name, message):
        super().__init__(f"{class_name}: {message}")
        self.class_name = class_name
        self.message = message


def _status_bytes(field):
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _address_space_in_use():
    """This process's virtual size now: the cap is this plus the allowance (a forked child
    starts with all of the parent's mappings)."""
    return _status_bytes("VmSize:")


def _out_of_memory(exc, near_limit) -> bool:
    """Whether the work failed for want of memory. Libraries turn a failed allocation into
    their own errors (a MemoryError wrapped in another, a shared library that "failed to map
    segment"), so look down the chain, at the message, and at how close the child came to the cap."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        text = str(exc).lower()
        if isinstance(exc, MemoryError) or "failed to map" in text or "cannot allocate memory" in text:
            return True
        exc = exc.__cause__ or exc.__context__
    return _peak_address_space() >= near_limit


def _peak_address_space():
    return _status_bytes("VmPeak:")


def run_limited(func, *args, memory_bytes, timeout):
    """func(*args) in a forked child with `memory_bytes` more address space than this process
    holds now, for at most `timeout` seconds; returns its result or raises."""
    limit = _address_space_in_use() + memory_bytes
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        status = 0
        try:
            # A crash from a failed allocation in C code is expected here: no traceback dump.
            faulthandler.disable()
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            try:
                payload = ("ok", func(*args))
            except BaseException as exc:
                if _out_of_memory(exc, limit - memory_bytes // 4):
                    payload = ("memory", "")
                else:
                    payload = ("error", (exc.__class__.__name__, str(exc)[:500], traceback.format_exc()[-2000:]))
            data = pickle.dumps(payload)
        except BaseException:
            data, status = pickle.dumps(("memory", "")), 1  # could not even pickle: out of memory
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
        finally:
            os._exit(status)  # no atexit, no closing the parent's database connection
    os.close(write_end)
    chunks, deadline = [], time.monotonic() + timeout
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ResourceLimitExceeded("time", f"took longer than {timeout} seconds")
            ready, _, _ = select.select([read_end], [], [], remaining)
            if ready:
                chunk = os.read(read_end, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    except BaseException:
        _kill(pid)
        os.close(read_end)
        raise
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    if not chunks:  # died without a word: killed by a signal (abort on failed allocation, OOM)
        raise ResourceLimitExceeded("memory", f"ran out of memory (exit status {status})")
    kind, value = pickle.loads(b"".join(chunks))  # noqa: S301 (our own child's bytes)
    if kind == "ok":
        return value
    if kind == "memory":
        raise ResourceLimitExceeded("memory", "ran out of memory")
    raise ChildFailed(value[0], value[1])


def _kill(pid):
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
