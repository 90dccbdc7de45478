"""Tries system calls a seccomp deny-list refuses, and ones it must allow; prints JSON
``{name: errno name, or "ok"}``."""

import ctypes
import errno
import json
import os
import socket
import subprocess
import threading

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long

PTRACE_TRACEME = 0
CLONE_NEWUSER = 0x10000000
SIGCHLD = 17
ADDR_NO_RANDOMIZE = 0x0040000
SYS = {"io_uring_setup": 425, "clone": 56}  # x86_64 numbers


def outcome(result: int) -> str:
    return "ok" if result != -1 else errno.errorcode[ctypes.get_errno()]


def clone_new_user() -> str:
    """clone(CLONE_NEWUSER) makes the same namespace as unshare; the child exits at once."""
    pid = libc.syscall(SYS["clone"], CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0)
    if pid == 0:
        os._exit(0)
    if pid > 0:
        os.waitpid(pid, 0)
    return outcome(pid)


def loopback_socket() -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(server.getsockname(), timeout=2):
            return "ok"


def thread_runs() -> str:
    done: list[bool] = []
    thread = threading.Thread(target=lambda: done.append(True))
    thread.start()
    thread.join()
    return "ok" if done else "failed"


def subprocess_runs() -> str:
    return "ok" if subprocess.run(["true"]).returncode == 0 else "failed"


def fork_runs() -> str:
    pid = os.fork()
    if pid == 0:
        os._exit(7)
    return "ok" if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 7 else "failed"


params = ctypes.create_string_buffer(120)  # struct io_uring_params
results = {
    "loopback_socket": loopback_socket(),
    "thread": thread_runs(),
    "subprocess": subprocess_runs(),
    "fork": fork_runs(),
    "clone_newuser": clone_new_user(),  # before unshare, which would change the answer
    "unshare_newuser": outcome(libc.unshare(CLONE_NEWUSER)),
    "io_uring_setup": outcome(libc.syscall(SYS["io_uring_setup"], 1, params)),
    "personality_no_aslr": outcome(libc.personality(ADDR_NO_RANDOMIZE)),
    # Last: once traced, the next signal would stop this process for a tracer that never comes.
    "ptrace_traceme": outcome(libc.ptrace(PTRACE_TRACEME, 0, None, None)),
}
print(json.dumps(results))
