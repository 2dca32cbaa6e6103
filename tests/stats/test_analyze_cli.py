"""`hemorehab analyze`: the JSON contract, the text table and every bad-input case."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from hemorehab.commands import analyze

SUMMARY_KEYS = {"n", "mean", "sd", "median", "q1", "q3", "min", "max"}


def run_cli(argv, capsys):
    parser = argparse.ArgumentParser(prog="hemorehab")
    analyze.register(parser.add_subparsers())
    args = parser.parse_args(["analyze", *argv])
    status = args.handler(args)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def csv_path(tmp_path):
    rng = np.random.default_rng(3)
    n = 30
    pre = rng.integers(2, 20, n).astype(float)
    frame = pd.DataFrame(
        {
            "child": [f"C{i:02d}" for i in range(n)],
            "hjhs_pre": pre,
            "hjhs_post": np.maximum(pre - rng.integers(-1, 6, n), 0),
            "bleeds_pre": rng.integers(1, 6, n),
            "bleeds_post": rng.integers(0, 3, n),
            "regimen": ["prophylaxis", "on_demand", "prophylaxis"] * 10,
            "site": ["a", "b", "c"] * 10,
        }
    )
    frame.loc[4, "hjhs_post"] = np.nan
    frame["bleed_reduction"] = frame["bleeds_pre"] - frame["bleeds_post"]
    path = tmp_path / "wide.csv"
    frame.to_csv(path, index=False)
    return path


def test_json_contract_for_pairs_and_groups(csv_path, capsys):
    status, out, err = run_cli(
        [
            str(csv_path),
            "--pair",
            "hjhs_pre:hjhs_post",
            "--pair",
            "bleeds_pre:bleeds_post",
            "--compare",
            "bleed_reduction",
            "--by",
            "regimen",
            "--json",
        ],
        capsys,
    )
    assert (status, err) == (0, "")
    result = json.loads(out)
    first = result["paired"][0]
    assert (first["pre"], first["post"], first["n"], first["n_dropped"]) == (
        "hjhs_pre",
        "hjhs_post",
        29,
        1,
    )
    for key in ("pre_summary", "post_summary", "difference_summary"):
        assert set(first[key]) >= SUMMARY_KEYS
    assert first["normality"]["test"] == "shapiro-wilk"
    assert {"statistic", "p"} <= set(first["normality"])
    assert {"z", "p", "n_nonzero", "rank_sum_positive", "rank_sum_negative"} <= set(
        first["wilcoxon"]
    )
    assert {"t", "df", "p", "mean_difference", "ci95"} <= set(first["paired_t"])
    assert isinstance(first["effect_size_r"], float)
    assert {"estimate", "ci95"} <= set(first["hodges_lehmann"])
    assert first["wilcoxon"]["z"] <= 0
    group = result["groups"][0]
    assert (group["variable"], group["by"]) == ("bleed_reduction", "regimen")
    assert set(group["groups"]) == {"on_demand", "prophylaxis"}
    assert {"n", "median", "q1", "q3"} <= set(group["groups"]["on_demand"])
    assert {"u", "z", "p"} <= set(group["mann_whitney"])
    assert {"t", "df", "p"} <= set(group["welch_t"])


def test_json_never_contains_nan(tmp_path, capsys):
    path = tmp_path / "same.csv"
    pd.DataFrame({"a": [1, 2, 3], "b": [1, 2, 3]}).to_csv(path, index=False)
    status, out, _ = run_cli([str(path), "--pair", "a:b", "--json"], capsys)
    assert status == 0
    result = json.loads(out, parse_constant=lambda c: pytest.fail(f"{c} in JSON"))
    assert result["paired"][0]["wilcoxon"]["z"] is None
    assert any("zero" in n for n in result["paired"][0]["wilcoxon"]["notes"])


def test_text_output_is_an_aligned_table(csv_path, capsys):
    status, out, _ = run_cli(
        [
            str(csv_path),
            "--pair",
            "hjhs_pre:hjhs_post",
            "--compare",
            "bleed_reduction",
            "--by",
            "regimen",
        ],
        capsys,
    )
    assert status == 0
    assert "hjhs_pre -> hjhs_post" in out and "bleed_reduction by regimen" in out
    header, rule = out.splitlines()[1:3]
    assert len(rule) == len(header)


def one_line_error(status, out, err):
    assert status == 2
    assert out == ""
    assert len(err.splitlines()) == 1 and err.endswith("\n")
    assert "Traceback" not in err
    return err


def test_missing_file(tmp_path, capsys):
    err = one_line_error(*run_cli([str(tmp_path / "nope.csv"), "--pair", "a:b"], capsys))
    assert "file not found" in err


def test_unknown_column_names_it_and_lists_available(csv_path, capsys):
    err = one_line_error(*run_cli([str(csv_path), "--pair", "hjhs_pre:hjhs_after"], capsys))
    assert "'hjhs_after'" in err and "hjhs_post" in err and "regimen" in err


def test_non_numeric_value_names_column_and_csv_row(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("id,pre,post\n1,3,2\n2,4,x7\n3,5,1\n")
    err = one_line_error(*run_cli([str(path), "--pair", "pre:post"], capsys))
    assert "'post'" in err and "row 3" in err and "'x7'" in err


def test_row_numbers_survive_blank_lines(tmp_path, capsys):
    path = tmp_path / "blank.csv"
    path.write_text("pre,post\n1,2\n\n3,4\n5,oops\n")
    err = one_line_error(*run_cli([str(path), "--pair", "pre:post"], capsys))
    assert "row 5" in err


def test_fewer_than_two_complete_rows(tmp_path, capsys):
    path = tmp_path / "short.csv"
    path.write_text("pre,post\n1,2\n3,\n,4\n")
    err = one_line_error(*run_cli([str(path), "--pair", "pre:post"], capsys))
    assert "1 complete row" in err


def test_group_with_three_levels_names_them(csv_path, capsys):
    err = one_line_error(
        *run_cli([str(csv_path), "--compare", "bleed_reduction", "--by", "site"], capsys)
    )
    assert "a, b, c" in err


@pytest.mark.parametrize("bad", ["hjhs_pre", "hjhs_pre:", ":hjhs_post", "a:b:c"])
def test_malformed_pair(csv_path, capsys, bad):
    err = one_line_error(*run_cli([str(csv_path), "--pair", bad], capsys))
    assert "PRE:POST" in err


def test_compare_without_by(csv_path, capsys):
    err = one_line_error(*run_cli([str(csv_path), "--compare", "bleed_reduction"], capsys))
    assert "--by" in err


def test_nothing_to_analyse(csv_path, capsys):
    one_line_error(*run_cli([str(csv_path)], capsys))


def test_empty_file(tmp_path, capsys):
    path = tmp_path / "empty.csv"
    path.write_text("")
    assert "empty" in one_line_error(*run_cli([str(path), "--pair", "a:b"], capsys))


def test_subprocess_has_no_traceback_and_exit_2(tmp_path):
    code = (
        "import argparse, sys\n"
        "from hemorehab.commands import analyze\n"
        "p = argparse.ArgumentParser(prog='hemorehab'); analyze.register(p.add_subparsers())\n"
        "a = p.parse_args(sys.argv[1:]); sys.exit(a.handler(a))\n"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", code, "analyze", str(tmp_path / "missing.csv"), "--pair", "a:b"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1
