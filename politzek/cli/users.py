"""`politzek user`: staff accounts with a role, and their API tokens."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from politzek.cli.common import console, fail, require_schema

users = typer.Typer(help="Staff accounts: add one with a role, issue an API token.", no_args_is_help=True)


@users.command("add")
def add_user(
    username: Annotated[str, typer.Argument(help="The sign-in name.")],
    role: Annotated[str, typer.Option(help="viewer, editor, reviewer or admin.")] = "viewer",
    confidential: Annotated[bool, typer.Option(
        "--confidential", help="Also let this person see confidential records and private fields.")] = False,
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from standard input instead of asking.")] = False,
) -> None:
    """Create a staff account (or change the role of an existing one).

    Example: politzek user add anna --role editor
    """
    from django.contrib.auth.models import Group, Permission, User
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from politzek.web.staff.roles import ROLES

    if role not in ROLES:
        fail(f"--role: {role!r} is not one of {', '.join(ROLES)}")
    require_schema()
    user = User.objects.filter(username=username).first() or User(username=username)
    if user.pk is None or password_stdin:
        password = sys.stdin.readline().rstrip("\n") if password_stdin else typer.prompt(
            "Password", hide_input=True, confirmation_prompt=True)
        try:
            validate_password(password, user)
        except ValidationError as invalid:
            fail(f"password: {' '.join(invalid.messages)}")
        user.set_password(password)
    # is_staff opens the Django admin; what the user can do there is the role's permissions.
    user.is_staff = True
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    clearance = Permission.objects.get(content_type__app_label="registry", codename="view_confidential")
    if confidential:
        user.user_permissions.add(clearance)
    else:
        user.user_permissions.remove(clearance)
    extra = " with access to confidential records" if confidential else ""
    console.print(f"politzek: {username} is {role}{extra}", highlight=False)


@users.command("token")
def issue_token(
    username: Annotated[str, typer.Argument(help="Whose token: it acts with this user's role.")],
    name: Annotated[str, typer.Option(help="What the token is for.")] = "api",
) -> None:
    """Issue an API token (printed once; only its hash is kept).

    Example: politzek user token anna --name "nightly import"
    """
    from django.contrib.auth.models import User

    from politzek.web.models import ApiToken

    require_schema()
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        fail(f"user: no active user named {username!r}")
    _row, token = ApiToken.issue(user, name)
    sys.stdout.write(token + "\n")
