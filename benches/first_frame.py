#!/usr/bin/env python3
"""Issue 16 point 4, as whole processes: the time from starting `tierdesk` on a book to its
first frame on a terminal, and `tierdesk due --format json` on the same book.

The first frame: the program runs on a pseudo-terminal of 120x40 (English texts); the clock
starts just before the fork that execs it and stops when the bytes it wrote contain the
frame's last line (the key hints end with "? keys"): start-up, opening the book, reading
Today, drawing and writing the frame to the terminal. The program is then killed.
`due`: fork to exit, output to /dev/null.

    benches/first_frame.py BINARY TODAY RUNS BOOK...

Prints one line per book and measure: median, min and max of RUNS runs, in ms. Runs with
HOME pointing at an empty folder, so that no person's config is read.
"""
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

MARKER = b"? keys"
# Colours and cursor moves between the marker's cells.
ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def first_frame(binary, book, today, home):
    env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"), TERM="xterm-256color")
    argv = [binary, "--db", book, "--today", today, "--lang", "en"]
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execve(binary, argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = b""
    took = None
    deadline = started + 60
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        # Terminal queries (cursor position) asked at start get an answer, as a terminal gives.
        if b"\x1b[6n" in chunk:
            os.write(fd, b"\x1b[1;1R")
        if MARKER in ESCAPES.sub(b"", seen):
            took = time.perf_counter() - started
            break
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    if took is None:
        raise SystemExit(f"no first frame from {binary} on {book}: {seen[-400:]!r}")
    return took


def due(binary, book, today, home):
    env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"))
    started = time.perf_counter()
    subprocess.run([binary, "--db", book, "--today", today, "due", "--format", "json"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main():
    binary, today, runs, books = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    with tempfile.TemporaryDirectory() as home:
        for book in books:
            for name, measure in (("first frame", first_frame), ("due --format json", due)):
                measure(binary, book, today, home)  # warm the page cache
                times = [measure(binary, book, today, home) * 1000 for _ in range(runs)]
                print(f"{os.path.basename(book)}\t{name}\tmedian {statistics.median(times):.1f} ms\t"
                      f"min {min(times):.1f}\tmax {max(times):.1f}\t({runs} runs)", flush=True)


if __name__ == "__main__":
    main()
