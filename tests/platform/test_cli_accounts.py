"""createcenter and createuser: clear messages for bad input, nothing half-created."""

import pytest

from hemorehab.accounts.models import Membership, User
from hemorehab.cli import main
from hemorehab.patients.models import Guardianship


@pytest.mark.django_db
def test_createcenter_then_createuser_with_roles(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", _Stdin("a long enough passphrase\n"))
    assert main(["createcenter", "--code", "NJCH", "--name", "Nanjing Children's"]) == 0
    assert (
        main(
            [
                "createuser",
                "--username",
                "li",
                "--center",
                "NJCH",
                "--role",
                "therapist",
                "--role",
                "nurse",
                "--password-stdin",
            ]
        )
        == 0
    )
    roles = set(Membership.objects.filter(user__username="li").values_list("role", flat=True))
    assert roles == {"therapist", "nurse"}
    assert User.objects.get(username="li").check_password("a long enough passphrase")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["createcenter", "--code", "nj", "--name", "x"], "--code: 2-8 capital letters or digits."),
        (
            ["createuser", "--username", "x", "--role", "wizard", "--center", "A"],
            "'wizard' is not a role",
        ),
        (
            ["createuser", "--username", "x", "--role", "nurse"],
            "--center: the roles given need a center",
        ),
        (
            ["createuser", "--username", "x", "--role", "nurse", "--center", "NOPE"],
            "no center has the code",
        ),
        (
            ["createuser", "--username", "x", "--guardian-of", "NOPE-0001"],
            "no child has the study ID",
        ),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(capsys, args, message):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not User.objects.filter(username="x").exists()


@pytest.mark.django_db
def test_guardian_account_is_linked_to_the_child(personas, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", _Stdin(""))
    assert main(["createuser", "--username", "mum", "--guardian-of", personas.a2.study_id]) == 0
    assert Guardianship.objects.filter(user__username="mum", patient=personas.a2).exists()
    assert "First password (they must change it):" in capsys.readouterr().out


class _Stdin:
    def __init__(self, text):
        self.text = text

    def readline(self):
        return self.text

    def isatty(self):
        return False
