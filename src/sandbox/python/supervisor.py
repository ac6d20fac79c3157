# rlm sandbox supervisor: the container's main process (pid 1), outside the untrusted
# interpreter. Python 3.11+, stdlib only. Started as
#     python3 -I -S -c <this source> <lifetime seconds> <repl argv...>
# it starts the REPL server with a pipe of its own as the REPL's stdin and relays the
# host's bytes into it; the REPL writes its frames straight to the container's stdout.
#
# Why (docs/sandbox-docker.md, "Lifecycle"): the container must end by itself soon after
# its host is gone, whatever model code does. Code in the REPL runs as the same uid, so:
#   - it never holds the container's stdin: a pipe it holds could be re-opened for
#     writing through /proc/self/fd and then never report end-of-file;
#   - this process is not dumpable, so that same uid can neither ptrace it nor open
#     /proc/1/fd/0;
#   - as pid 1 of the pid namespace it cannot be sent SIGKILL or SIGSTOP from inside;
#     any way it ends (a signal it handles, a crash) ends the container, never the host.
#     gVisor (runsc) lets a process signal its init, so the REPL also runs under a seccomp
#     filter that refuses signals to pid 1 (and kill(-1)), ptrace, and writes into pid 1's
#     memory: code cannot freeze this process under either runtime;
#   - it never blocks: while the REPL does not take bytes it stops reading the host
#     (back-pressure reaches the host, which treats that REPL as dead), and keeps watching
#     for the host's end (POLLHUP) and for its own lifetime cap.
import fcntl
import os
import select
import signal
import struct
import sys
import time

HOST = 0
CHUNK = 1 << 20
PR_SET_DUMPABLE = 4
PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
EXIT_LIFETIME = 124
EXIT_SETUP = 70
# The REPL was SIGKILLed and the kernel counts an OOM kill in this container's memory cgroup.
# Docker's `oom` event can reach the host well after `die` on a loaded machine, so the exit
# code says it too (src/sandbox/docker/container-watch.ts). Only a status label: no host
# decision other than the reported status depends on it.
EXIT_OOM = 251
OOM_COUNTERS = (
    "/sys/fs/cgroup/memory.events",  # cgroup v2
    "/sys/fs/cgroup/memory/memory.oom_control",  # cgroup v1
)

# Per architecture (uname -m): the audit arch, then the syscalls whose first argument is a
# pid (kill, tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo, pidfd_open, process_vm_writev),
# then ptrace.
SYSCALLS = {
    "x86_64": (0xC000003E, (62, 200, 234, 129, 297, 434, 311), 101),
    "aarch64": (0xC00000B7, (129, 130, 131, 138, 240, 434, 271), 117),
}


def diag(text):
    try:
        os.write(2, ("rlm-supervisor: " + text + "\n").encode("utf-8", "replace"))
    except OSError:
        pass


def not_dumpable():
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE, 0) failed")


def seccomp_program(arch, pid_calls, ptrace):
    # Classic BPF over struct seccomp_data {int nr; u32 arch; u64 ip; u64 args[6]}.
    ld, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06
    allow, deny = 0x7FFF0000, 0x00050000 | 1  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO | EPERM
    calls = len(pid_calls)
    # Layout: 0 arch, 1 check, 2 nr, 3 x32, 4.. pid calls, ptrace, allow, check pid (4), deny.
    allow_at = 5 + calls
    check_at = allow_at + 1
    deny_at = check_at + 4
    program = [
        (ld, 0, 0, 4),
        (jeq, 0, deny_at - 2, arch),  # another ABI (i386 compat calls): never needed here
        (ld, 0, 0, 0),
        (jge, deny_at - 4, 0, 0x40000000),  # the x32 ABI: never needed here
    ]
    for index, number in enumerate(pid_calls):
        at = 4 + index
        program.append((jeq, check_at - at - 1, 0, number))
    at = 4 + calls
    program.append((jeq, deny_at - at - 1, 0, ptrace))
    program.append((ret, 0, 0, allow))
    # The kernel takes a pid as a 32-bit int: the low word of the first argument.
    program.append((ld, 0, 0, 16))
    program.append((jeq, deny_at - (check_at + 1) - 1, 0, 1))
    program.append((jeq, deny_at - (check_at + 2) - 1, 0, 0xFFFFFFFF))
    program.append((ret, 0, 0, allow))
    program.append((ret, 0, 0, deny))
    return b"".join(struct.pack("HBBI", *instruction) for instruction in program)


def confine_repl():
    # In the REPL's process, before exec: the filter stays for it and everything it starts.
    import ctypes

    table = SYSCALLS.get(os.uname().machine)
    if table is None:
        diag("no seccomp filter for %s: pid 1 relies on the kernel alone" % os.uname().machine)
        return
    code = seccomp_program(*table)

    class Program(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_char_p)]

    libc = ctypes.CDLL(None, use_errno=True)
    program = Program(len(code) // 8, code)
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP) failed")


def start_repl(argv):
    read_end, write_end = os.pipe()
    try:
        fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, CHUNK)
    except OSError:
        pass
    pid = os.fork()
    if pid == 0:
        try:
            # The REPL's stdin is our pipe; the container's stdin is closed for it here.
            os.dup2(read_end, HOST)
            confine_repl()
            os.execvp(argv[0], argv)
        except BaseException as error:
            diag("cannot start the REPL: %r" % (error,))
        finally:
            os._exit(EXIT_SETUP)
    os.close(read_end)
    os.set_blocking(write_end, False)
    return pid, write_end


def oom_kills():
    for path in OOM_COUNTERS:
        try:
            with open(path, "rb") as counters:
                for line in counters.read(4096).splitlines():
                    name, _, value = line.partition(b" ")
                    if name == b"oom_kill":
                        return int(value)
        except (OSError, ValueError):
            continue
    return 0


def exit_like(status):
    # The host reads the REPL's end from the container's exit code (137: killed, maybe OOM).
    if os.WIFSIGNALED(status):
        if os.WTERMSIG(status) == signal.SIGKILL and oom_kills() > 0:
            os._exit(EXIT_OOM)
        os._exit(128 + os.WTERMSIG(status))
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else EXIT_SETUP)


def reap(repl_pid):
    # Pid 1 inherits every orphan: reap them all, and follow the REPL when it is gone.
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if pid == repl_pid:
            exit_like(status)


def relay(repl_pid, to_repl, deadline, lifetime):
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_read, False)
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    # The stop signals that can be caught; SIGSTOP itself cannot reach us (see the top).
    for stop in (signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU):
        signal.signal(stop, signal.SIG_IGN)
    reap(repl_pid)
    poller = select.poll()
    poller.register(HOST, select.POLLIN)
    poller.register(wake_read, select.POLLIN)
    pending = b""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            diag("the sandbox reached its lifetime cap of %d s" % lifetime)
            os._exit(EXIT_LIFETIME)
        for fd, event in poller.poll(min(left, 3600) * 1000):
            if fd == wake_read:
                try:
                    os.read(wake_read, 4096)
                except BlockingIOError:
                    pass
                reap(repl_pid)
            elif fd == HOST:
                if event & select.POLLIN and not pending:
                    pending = os.read(HOST, CHUNK)
                    if not pending:
                        os._exit(0)  # end of file: the host is gone
                elif event & (select.POLLHUP | select.POLLERR):
                    os._exit(0)  # no writer left: the host is gone
            elif fd == to_repl and event & (select.POLLERR | select.POLLHUP):
                poller.unregister(to_repl)
                pending = b""  # the REPL closed its end: its exit follows through SIGCHLD
                to_repl = -1
        if pending and to_repl >= 0:
            try:
                pending = pending[os.write(to_repl, pending) :]
            except BlockingIOError:
                pass
            except BrokenPipeError:
                pending = b""
        # Read the host only while the REPL keeps up; HUP is reported either way.
        poller.modify(HOST, 0 if pending else select.POLLIN)
        if to_repl >= 0:
            if pending:
                poller.register(to_repl, select.POLLOUT)
            else:
                try:
                    poller.unregister(to_repl)
                except KeyError:
                    pass


def main():
    lifetime = float(sys.argv[1])
    deadline = time.monotonic() + lifetime
    # The REPL starts first, so its start-up overlaps loading ctypes; no code reaches it
    # before the relay below runs, and that runs only once this process is protected.
    repl_pid, to_repl = start_repl(sys.argv[2:])
    try:
        not_dumpable()
    except Exception as error:
        diag("cannot protect the supervisor (%s); refusing to start the sandbox" % (error,))
        os._exit(EXIT_SETUP)
    relay(repl_pid, to_repl, deadline, lifetime)


if __name__ == "__main__":
    try:
        main()
    except BaseException as error:
        diag("fatal: %r" % (error,))
        os._exit(EXIT_SETUP)
