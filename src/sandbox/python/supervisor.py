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
#     any way it ends (a signal it handles, a crash) ends the container, never the host;
#   - it never blocks: while the REPL does not take bytes it stops reading the host
#     (back-pressure reaches the host, which treats that REPL as dead), and keeps watching
#     for the host's end (POLLHUP) and for its own lifetime cap.
import fcntl
import os
import select
import signal
import sys
import time

HOST = 0
CHUNK = 1 << 20
PR_SET_DUMPABLE = 4
EXIT_LIFETIME = 124
EXIT_SETUP = 70


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
            os.execvp(argv[0], argv)
        finally:
            os._exit(EXIT_SETUP)
    os.close(read_end)
    os.set_blocking(write_end, False)
    return pid, write_end


def exit_like(status):
    # The host reads the REPL's end from the container's exit code (137: killed, maybe OOM).
    if os.WIFSIGNALED(status):
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
