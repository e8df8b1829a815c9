"""Shared pieces for the kernel's Jupyter-protocol tests.

Runs the kernel exactly as Jupyter does, through a kernelspec written by
kernel/install-kernelspec.sh --spec-dir into a private JUPYTER_PATH, so the
tests depend neither on the user's installed kernels nor on an installed spec.
Run with Debian's /usr/bin/python3 (it has jupyter_client).
"""
import base64
import os
import shutil
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
KERNEL_DIR = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
REPO = os.path.dirname(KERNEL_DIR)
KERNEL_NAME = "siamese-java"


def private_jupyter_path():
    """A temp JUPYTER_PATH holding the siamese-java kernelspec; sets the env vars jupyter_client reads."""
    root = tempfile.mkdtemp(prefix="siamese-kernel-test-")
    subprocess.run([os.path.join(KERNEL_DIR, "install-kernelspec.sh"), "--spec-dir", os.path.join(root, "kernels")],
                   check=True, stdout=subprocess.DEVNULL)
    os.environ["JUPYTER_PATH"] = root
    os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(root, "runtime")
    return root


def cleanup(root):
    shutil.rmtree(root, ignore_errors=True)


class Result:
    """An execute request's reply content and the iopub messages it produced."""

    def __init__(self, reply, outputs):
        self.reply = reply
        self.outputs = outputs  # [(msg_type, content)]

    @property
    def status(self):
        return self.reply["status"]

    def of_type(self, msg_type):
        return [c for t, c in self.outputs if t == msg_type]

    def stdout(self):
        return "".join(c["text"] for c in self.of_type("stream") if c["name"] == "stdout")

    def stderr(self):
        return "".join(c["text"] for c in self.of_type("stream") if c["name"] == "stderr")

    def result_data(self):
        results = self.of_type("execute_result")
        return results[-1]["data"] if results else None

    def error(self):
        errors = self.of_type("error")
        return errors[-1] if errors else None

    def __repr__(self):
        return "Result(reply=%r, outputs=%r)" % (self.reply, shorten(self.outputs))


def shorten(value, limit=200):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


class Kernel:
    """One running siamese-java kernel with a blocking client."""

    def __init__(self, log_path=None):
        from jupyter_client.manager import KernelManager

        self.log_path = log_path or tempfile.mktemp(prefix="siamese-kernel-", suffix=".log")
        self._log = open(self.log_path, "wb")
        self.km = KernelManager(kernel_name=KERNEL_NAME)
        self.kc = None

    def start(self, ready_timeout=60, cwd=None):
        """Starts the kernel (in folder cwd) and waits for its kernel_info reply; returns seconds taken."""
        t0 = time.monotonic()
        extra = {"cwd": cwd} if cwd else {}
        self.km.start_kernel(stdout=subprocess.DEVNULL, stderr=self._log, **extra)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=ready_timeout)
        return time.monotonic() - t0

    def execute(self, code, timeout=60):
        msg_id = self.kc.execute(code, allow_stdin=False)
        outputs = []
        deadline = time.monotonic() + timeout
        while True:
            msg = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "status":
                if msg["content"]["execution_state"] == "idle":
                    break
            elif kind != "execute_input":
                outputs.append((kind, msg["content"]))
        return Result(self.shell_reply(msg_id, deadline), outputs)

    def shell_reply(self, msg_id, deadline):
        while True:
            msg = self.kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg["content"]

    def request(self, send, timeout=30):
        """Sends a shell request with send(kc) -> msg_id and returns the reply content."""
        return self.shell_reply(send(self.kc), time.monotonic() + timeout)

    def shutdown(self, wait=15):
        """Asks the kernel to shut down; True if its process exited by itself within wait seconds."""
        exited = False
        try:
            if self.kc is not None:
                self.kc.stop_channels()
                self.kc = None  # collected now, not during interpreter exit (noisy __del__)
            self.km.request_shutdown()
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline:
                if not self.km.is_alive():
                    exited = True
                    break
                time.sleep(0.05)
        finally:
            if self.km.has_kernel and self.km.is_alive():
                self.km.shutdown_kernel(now=True)
            try:
                self.km.cleanup_resources()
            except Exception:
                pass
            self._log.close()
        return exited

    def log_tail(self, lines=30):
        try:
            with open(self.log_path, "rb") as f:
                return "\n".join(f.read().decode("utf-8", "replace").splitlines()[-lines:])
        except OSError:
            return ""


def png_size(b64):
    """Width and height of a base64 PNG, from its IHDR chunk; fails if it is not a PNG."""
    raw = base64.b64decode(b64)
    assert raw[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG: %r" % raw[:8]
    return int.from_bytes(raw[16:20], "big"), int.from_bytes(raw[20:24], "big")
