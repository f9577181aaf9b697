"""scripts/lighthouse.py and scripts/benchmark.py: a number of Lighthouse runs per page is a
whole number of at least one; zero (a median of nothing) is refused on the command line,
naming the option, before anything is built or measured."""

import argparse

import pytest

from scripts import benchmark, lighthouse


def test_a_number_of_runs_is_a_whole_number_of_at_least_one():
    assert lighthouse.runs_count("3") == 3
    for text in ("0", "-1", "two", "1.5"):
        with pytest.raises(argparse.ArgumentTypeError, match="1 or more"):
            lighthouse.runs_count(text)


@pytest.mark.parametrize(("main", "argv", "option"), [
    (lighthouse.main, ["--runs", "0"], "--runs"),
    (benchmark.main, ["--only", "lighthouse", "--lighthouse-runs", "0"], "--lighthouse-runs"),
])
def test_zero_runs_are_refused_naming_the_option(main, argv, option, capsys):
    with pytest.raises(SystemExit) as exit:
        main(argv)
    assert exit.value.code == 2
    assert f"argument {option}: '0' is not a whole number of runs, 1 or more" in capsys.readouterr().err
