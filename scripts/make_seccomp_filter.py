"""Write the bwrap sandbox's seccomp deny-list as a BPF program, for ``bwrap --seccomp FD``.

    /usr/bin/python3 scripts/make_seccomp_filter.py /opt/tfgrader/runtime/share/tfgrader/seccomp.bpf

Run by ``scripts/setup.sh`` with Debian's Python, because the libseccomp bindings are a Debian
package (``python3-seccomp``), not a wheel the project's environments could install. Running it
again writes the same program (idempotent); the file is replaced atomically, so a run that
starts meanwhile reads either the old program or the new one, never half of one.

The filter is a second layer behind the namespaces, the unprivileged uid and the empty
capability sets, so it is a deny-list with default ALLOW: TensorFlow, NumPy and Jupyter use a
wide and changing set of system calls, and an allow-list would break them on the next upgrade.
It denies (EPERM) the kernel interfaces a grading run never needs and that an unprivileged
process can still reach: debugging other processes, namespaces and mounts, BPF and perf,
io_uring, keyrings, module loading, clocks and other host administration.

Sockets stay allowed, AF_INET included: Jupyter kernels talk to their client over ZeroMQ on
127.0.0.1, and the network namespace (loopback only) is the network control.

System calls of another ABI (i386 through ``int 0x80``, x32) hit libseccomp's bad-architecture
action and kill the process: the runtime never uses them, and a deny-list for one ABI must not
be bypassable through another.
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from pathlib import Path

import seccomp  # Debian: apt-get install python3-seccomp

DENIED = (
    # Inspecting or writing other processes.
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    # Namespaces and mounts: a nested user namespace gives back every capability inside it.
    "mount",
    "umount2",
    "pivot_root",
    "unshare",
    "setns",
    "open_by_handle_at",
    "name_to_handle_at",
    # Large kernel attack surface that no grading run uses.
    "bpf",
    "perf_event_open",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "userfaultfd",
    "keyctl",
    "add_key",
    "request_key",
    "lookup_dcookie",
    # Host administration.
    "kexec_load",
    "kexec_file_load",
    "init_module",
    "finit_module",
    "delete_module",
    "swapon",
    "swapoff",
    "reboot",
    "acct",
    "syslog",
    "quotactl",
    "clock_settime",
    "settimeofday",
    "adjtimex",
)

CLONE_NAMESPACE_FLAGS = {
    "CLONE_NEWNS": 0x00020000,
    "CLONE_NEWCGROUP": 0x02000000,
    "CLONE_NEWUTS": 0x04000000,
    "CLONE_NEWIPC": 0x08000000,
    "CLONE_NEWUSER": 0x10000000,
    "CLONE_NEWPID": 0x20000000,
    "CLONE_NEWNET": 0x40000000,
}
"""``clone`` makes the same namespaces as ``unshare``; denying only the latter would leave the door
open. (CLONE_NEWTIME has no bit of its own in ``clone``'s flags: there 0x80 is the exit signal.)"""

PER_LINUX = 0x0000
"""The only persona ``personality`` may set: the others (ADDR_NO_RANDOMIZE, READ_IMPLIES_EXEC, ...)
weaken memory protections. libseccomp cannot compare one argument twice in a rule, so reading
the persona (``personality(0xffffffff)``) is refused too; nothing in the runtime calls it."""


def build_filter() -> seccomp.SyscallFilter:
    """The deny-list for the host's native architecture."""
    deny = seccomp.ERRNO(errno.EPERM)
    rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    for name in DENIED:
        rules.add_rule(deny, name)
    for bit in CLONE_NAMESPACE_FLAGS.values():
        rules.add_rule(deny, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, bit, bit))
    # clone3 passes its flags in memory, where seccomp cannot look. ENOSYS makes glibc (threads,
    # posix_spawn) fall back to clone, whose flags the rules above check; Docker does the same.
    rules.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    rules.add_rule(deny, "personality", seccomp.Arg(0, seccomp.NE, PER_LINUX))
    return rules


def write_filter(target: Path) -> None:
    """Write the compiled program to ``target`` atomically (mode 0644)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".seccomp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            build_filter().export_bpf(handle)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(f"usage: {sys.argv[0]} OUTPUT.bpf", file=sys.stderr)
        return 2
    write_filter(Path(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
