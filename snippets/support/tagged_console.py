"""Read a console whose lines are tagged by process and thread, and print it grouped.

The autoreloader snippets run runserver with a settings module (support/reporting_settings.py)
that starts each line a runserver process prints with "@<pid> <thread>| ". `Console` reads
those lines as they come and waits for the ones a snippet needs; `show()` prints them
grouped by process and thread, so that the output does not depend on how the threads of
one run happened to interleave.
"""

import re

TAG = re.compile(r"^@(\d+) ([^|]+)\| (.*)$")  # "@<pid> <thread>| <text>", see reporting_settings.TaggedLines


class Console:
    """runserver's merged stdout and stderr, read line by line, tagged by process and thread."""

    def __init__(self, stream):
        self.stream = stream
        self.lines = []  # (pid, thread, text, phase)
        self.phase = 0

    def read_until(self, *wanted):
        """Read until, for each (pid or None, regex) in ``wanted``, a line matched it."""
        missing = list(wanted)
        while missing:
            raw = self.stream.readline()
            if not raw:
                raise RuntimeError(f"runserver's output ended while waiting for {missing}:\n{self.text()}")
            pid, text = self.add(raw)
            for pid_wanted, pattern in list(missing):
                if pid_wanted in (None, pid) and re.search(pattern, text):
                    missing.remove((pid_wanted, pattern))
        return self

    def read_to_the_end(self):
        for raw in self.stream:
            self.add(raw)

    def add(self, raw):
        tagged = TAG.match(raw.rstrip("\n"))
        pid, thread, text = (int(tagged[1]), tagged[2], tagged[3]) if tagged else (0, "?", raw.rstrip("\n"))
        self.lines.append((pid, thread, text, self.phase))
        return pid, text

    def children(self):
        """The pids of the processes that imported the settings with RUN_MAIN set."""
        return [p for p, _, t, _ in self.lines if t.startswith("settings imported: RUN_MAIN='true'")]

    def find(self, pattern, pid=None):
        return next(re.search(pattern, t) for p, _, t, _ in self.lines if pid in (None, p) and re.search(pattern, t))

    def text(self):
        return "\n".join(f"{p} {th}: {t}" for p, th, t, _ in self.lines)


def show(console, labels, project, titles):
    """Print each phase's lines grouped by process and thread, in a fixed order.

    Threads run at the same time, so how their lines interleave changes from run to run;
    the order of the lines of one thread does not.
    """
    for phase, title in enumerate(titles):
        print(f"\n--- {title} ---")
        sources = []
        for pid, thread, _, p in console.lines:
            if p == phase and (pid, thread) not in sources:
                sources.append((pid, thread))
        sources.sort(key=lambda source: list(labels).index(source[0]) if source[0] in labels else -1)
        for pid, thread in sources:
            print(f"[{labels.get(pid, 'untagged')}, pid {pid}, {thread}]")
            for p, th, text, ph in console.lines:
                if (p, th, ph) == (pid, thread, phase):
                    print(f"    {text}".replace(str(project), "<project>").rstrip())
