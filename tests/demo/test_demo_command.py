"""`hemorehab demo`: the demo cohort into a center, once, unless asked to add it again."""

from hemorehab.cli import main


def test_demo_into_a_center_with_children_needs_add(personas, capsys):
    assert main(["demo", "--center", "CTRA", "--user", "hematologist_a"]) == 2
    assert "already has children; give --add" in capsys.readouterr().err


def test_demo_names_an_unknown_account(db, capsys):
    assert main(["demo", "--center", "NEW", "--user", "nobody"]) == 2
    assert "--user: no account is called 'nobody'" in capsys.readouterr().err
