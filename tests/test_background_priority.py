"""scripts/background_priority.py: a thread that lowers its priority lowers the processes
it starts with it, and only itself among the test run's threads."""

import os
import subprocess
import sys
import threading

from scripts.background_priority import lower_this_child, lower_this_thread

NICENESS_OF_A_CHILD = [sys.executable, "-c", "import os; print(os.nice(0))"]


def test_a_lowered_thread_starts_lowered_processes_and_the_main_thread_stays_as_it_was():
    before = os.nice(0)
    seen = {}

    def lowered() -> None:
        lower_this_thread(4)
        seen["child"] = int(subprocess.run(NICENESS_OF_A_CHILD, capture_output=True, text=True, check=True).stdout)

    thread = threading.Thread(target=lowered)
    thread.start()
    thread.join()
    assert seen["child"] == before + 4
    assert os.nice(0) == before
    assert int(subprocess.run(NICENESS_OF_A_CHILD, capture_output=True, text=True, check=True).stdout) == before


def test_a_child_lowers_itself_before_its_program_runs():
    before = os.nice(0)
    result = subprocess.run(NICENESS_OF_A_CHILD, capture_output=True, text=True, check=True,
                            preexec_fn=lower_this_child(2))
    assert int(result.stdout) == before + 2
