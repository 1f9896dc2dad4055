"""Warm Jupyter kernels: each notebook still runs in a fresh kernel process of its own, but the
process is forked from a "zygote" that has already imported what every chapter imports
(pandas, matplotlib, seaborn, IPython, ipykernel, fiscalbook), so a kernel is ready in
milliseconds instead of the ~2.5 s a cold start and those imports take.

Why this is still a clean state: the zygote imports modules and, asked to, validates the year
being built, and does nothing else (no notebook code, no event loop, no sockets), and every
kernel is a new fork of that same untouched process, so nothing one notebook does can reach
another (tests/test_kernels.py). The validation is the one every chapter's set-up would do
(``fiscalbook.data.validate.validate``, a tenth of a second each): its result is remembered
with a digest of every byte of the data folder, so a kernel whose data differ in any byte
validates afresh, and one whose data are the same gets the answer it would have computed.

Pieces:

* ``serve()`` is the zygote (``python -m fiscalbook.build.kernels``): it reads one JSON request per
  line on stdin (connection file, working folder, environment, log file), forks, and answers
  the child's pid; or a request to validate a year (``Zygote.warm``), answered "warm". The
  child starts a new session, redirects its output to the log, and runs ``IPKernelApp`` on the
  connection file, exactly as ``python -m ipykernel_launcher -f …``.
* ``WarmKernelManager`` is a jupyter_client kernel manager (for papermill's
  ``kernel_manager_class``) whose provisioner asks the zygote instead of starting a process.
  Kernels talk over IPC sockets in a private folder, as the build's kernels always have.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

# ipykernel.ipkernel is the kernel class IPKernelApp imports when it starts (with its debugger,
# 0.08 s of every kernel's start otherwise).
# The package's modules are those the chapters' set-up cells and code import: every module of the
# story layer (found, so that a chapter's new module is warmed too), and the audit, extract and
# teaching modules some chapters use: together a tenth of a second of every kernel's run otherwise.
WARM_MODULES = ("pandas", "numpy", "matplotlib.pyplot", "seaborn", "IPython", "ipykernel.kernelapp",
                "ipykernel.ipkernel", "yaml", "mplfonts", "fiscalbook.data.load", "fiscalbook.data.validate",
                "fiscalbook.audit.counts", "fiscalbook.audit.usage", "fiscalbook.extract", "fiscalbook.build.teaching",
                "fiscalbook.build.book", "fiscalbook.build.downloads")
WARM_PACKAGES = ("fiscalbook.story",)
IOPUB_WAIT = 0.2  # seconds jupyter_client waits for a message on IOPub before it tries again


# --- the zygote --------------------------------------------------------------------------------

def warm_modules() -> list[str]:
    """WARM_MODULES, then every module of each of WARM_PACKAGES."""
    import importlib
    import pkgutil

    names = list(WARM_MODULES)
    for package in WARM_PACKAGES:
        path = importlib.import_module(package).__path__
        names += [module.name for module in pkgutil.walk_packages(path, package + ".")]
    return names


def serve() -> None:
    """Import the warm modules, then fork one kernel per request line on stdin."""
    import importlib

    for name in warm_modules():
        importlib.import_module(name)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    for line in sys.stdin:
        request = json.loads(line)
        if "warm" in request:
            _validate_year(**request["warm"])
            sys.stdout.write("warm\n")
            sys.stdout.flush()
            continue
        pid = os.fork()
        if pid == 0:
            _become_kernel(request)  # never returns
        sys.stdout.write(f"{pid}\n")
        sys.stdout.flush()


def _validate_year(data_dir: str, year: int, place: str | None) -> None:
    """Validate a year here, once, so the kernels forked after it find the result remembered
    (see the module's note). A failure here changes nothing: each kernel then validates itself
    and reports what it finds, as it would have without the zygote."""
    from fiscalbook.data.validate import validate

    try:
        validate(data_dir, year, place)
    except Exception:  # noqa: BLE001 - the kernels report the data's problems, not the zygote
        pass


def _become_kernel(request: dict) -> None:
    """In the forked child: a new session, its own output and environment, then the kernel."""
    code = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=["-f", request["connection_file"]])
        code = 0
    finally:
        os._exit(code)


# --- the client side -----------------------------------------------------------------------------

def reproducible_env() -> dict[str, str]:
    """The environment of the build's subprocesses: the same hash seed (so set orders do not
    vary between runs) and SOURCE_DATE_EPOCH from the source (for any tool that stamps dates;
    a fixed 0 made Sphinx's footer read "© Copyright 1970")."""
    return {**os.environ, **build_variables()}


def build_variables() -> dict[str, str]:
    """The variables every process of the build sets, kernels included: a kernel forked from
    the zygote takes the environment papermill gives it, not the zygote's."""
    from fiscalbook.build.buildinfo import DEFER_COMMIT, source_date_epoch

    epoch = source_date_epoch()
    return {"PYTHONHASHSEED": "0", DEFER_COMMIT: "1", **({"SOURCE_DATE_EPOCH": epoch} if epoch else {})}


class Zygote:
    """A running zygote process, shared by the kernels started from this process and from the
    worker processes it forks after starting it (``start``): their requests take turns under a
    lock those processes share, each request with its answer."""

    _instance: Zygote | None = None
    _owner: int | None = None  # the process that started the zygote (only it can poll it)
    _lock = multiprocessing.Lock()

    def __init__(self) -> None:
        # The same set orders in every run; and the debugger's import, done here once, warns on
        # stderr about frozen modules unless told not to check (the kernels never debug).
        env = {**reproducible_env(), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
        self.process = subprocess.Popen([sys.executable, "-m", "fiscalbook.build.kernels"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, env=env)
        # Whether its "ready" line has been read, shared with the processes forked after this
        # one: exactly one of them reads it.
        self._ready = multiprocessing.Value("b", 0, lock=False)
        self._warmed: set[tuple[str, int, str | None]] = set()

    @classmethod
    def start(cls) -> Zygote:
        """The shared zygote, started if there is none, without waiting for it to be ready (it
        imports while the caller goes on: start it before forking the processes that will use it)."""
        with cls._lock:
            if cls._instance is None or not cls._instance._alive():
                cls._instance, cls._owner = cls(), os.getpid()
            return cls._instance

    def _alive(self) -> bool:
        if Zygote._owner == os.getpid():
            return self.process.poll() is None
        try:  # a process forked after the start cannot wait for it; it can ask whether it is there
            os.kill(self.process.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def _request(self, request: dict) -> str:
        """Send one request and read its answer (under the lock); the first waits for "ready"."""
        with Zygote._lock:
            if not self._ready.value:
                if self.process.stdout.readline().strip() != "ready":
                    raise RuntimeError("the kernel zygote failed to start")
                self._ready.value = 1
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            return self.process.stdout.readline().strip()

    def warm(self, data_dir: Path, year: int, place: str | None) -> None:
        """Have the zygote validate a year before it forks the kernels that will load it."""
        key = (str(Path(data_dir).resolve()), int(year), place)
        if key in self._warmed:
            return
        if self._request({"warm": {"data_dir": key[0], "year": key[1], "place": place}}) != "warm":
            raise RuntimeError("the kernel zygote failed to validate the year")
        self._warmed.add(key)

    def fork(self, connection_file: str, cwd: str, env: dict[str, str], log: str) -> int:
        return int(self._request({"connection_file": connection_file, "cwd": cwd, "env": env, "log": log}))

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait()
        self.process.stdout.close()


class ForkedKernel:
    """What jupyter_client expects of a kernel's process (a Popen), for a forked one that is
    not our child: it is watched by pid."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0  # gone; the zygote reaped it, so its status is unknown
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        import time

        while self.poll() is None:
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def warm_kernel_manager(sockets: Path, log: Path) -> type:
    """A kernel manager class whose kernels are forked from the zygote, talk over IPC sockets
    in ``sockets`` and write their own output to ``log``; its clients are ``quick_client()``'s
    and it notices a kernel's exit within 10 ms, not jupyter_client's 100 ms."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_client.provisioning import LocalProvisioner
    from traitlets import Unicode, default

    class WarmProvisioner(LocalProvisioner):
        async def launch_kernel(self, cmd: list[str], **kwargs: Any):
            connection_file = cmd[cmd.index("-f") + 1]
            env = {key: str(value) for key, value in (kwargs.get("env") or os.environ).items()} | build_variables()
            pid = Zygote.start().fork(connection_file, str(kwargs.get("cwd") or os.getcwd()), env, str(log))
            self.process = ForkedKernel(pid)
            self.pid = self.pgid = pid  # the child made itself a session leader
            self.cwd = kwargs.get("cwd")
            return self.connection_info

    class WarmKernelManager(AsyncKernelManager):
        transport = Unicode("ipc")

        @default("ip")
        def _socket_prefix(self) -> str:
            return str(sockets / "kernel")

        @default("client_factory")
        def _quick_client(self) -> type:
            return quick_client()

        async def _async_pre_start_kernel(self, **kw: Any):
            import uuid

            self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
            if self.provisioner is None:
                self.provisioner = WarmProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
            return await super()._async_pre_start_kernel(**kw)

        async def _async_finish_shutdown(self, waittime: float | None = None, pollinterval: float = 0.1,
                                         restart: bool = False) -> None:
            await super()._async_finish_shutdown(waittime, min(pollinterval, 0.01), restart)

    return WarmKernelManager


def quick_client() -> type:
    """A kernel client that is ready as soon as the kernel has answered its kernel_info request
    on both channels. jupyter_client's own waits, after that, until IOPub has been quiet for
    0.2 s (a fifth of a second of every notebook's run) to drop what came before; nbclient
    reads only the replies to its own requests, so there is nothing to drop. Seeing the request's
    idle status on IOPub still proves the subscription is live before any cell runs."""
    import time
    from queue import Empty

    from jupyter_client.asynchronous import AsyncKernelClient

    class QuickClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout: float | None = None) -> None:
            deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
            while True:
                request = self.kernel_info()
                try:
                    reply = await self.shell_channel.get_msg(timeout=1)
                except Empty:
                    reply = None
                if reply and reply["msg_type"] == "kernel_info_reply" and await self._iopub_idle_after(request):
                    self._handle_kernel_info_reply(reply)
                    return
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")

        async def _iopub_idle_after(self, request: str) -> bool:
            """True once IOPub delivers the kernel's idle status for ``request``."""
            try:
                while True:
                    message = await self.iopub_channel.get_msg(timeout=IOPUB_WAIT)
                    if (message["parent_header"].get("msg_id") == request and message["msg_type"] == "status"
                            and message["content"]["execution_state"] == "idle"):
                        return True
            except Empty:
                return False

    return QuickClient


if __name__ == "__main__":
    serve()
