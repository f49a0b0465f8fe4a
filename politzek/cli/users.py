"""`politzek user`: staff accounts with a role, their API tokens, and the record of changes.

The command line is the server's operator: whoever runs it may grant any role and clearance.
Every change is recorded with the operator's login (web/accounts.py)."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from politzek.cli.common import JsonOutput, console, fail, print_json, require_schema

users = typer.Typer(help="Staff accounts: add, list, change a role; issue, list and revoke API tokens.",
                    no_args_is_help=True)

Confidential = Annotated[bool, typer.Option(
    "--confidential", help="Also let this person see confidential records and private fields.")]
Role = Annotated[str, typer.Option(help="viewer, editor, reviewer or admin.")]


def _check_role(role: str) -> None:
    from politzek.web.staff.roles import ROLES

    if role not in ROLES:
        fail(f"--role: {role!r} is not one of {', '.join(ROLES)}")


def _set_role(user: Any, role: str, confidential: bool) -> None:
    from django.contrib.auth.models import Group, Permission
    from django.db import transaction

    from politzek.registry.history import command_line_actor, recorded_change

    with transaction.atomic(), recorded_change(command_line_actor(), "politzek user"):
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
    console.print(f"politzek: {user.username} is {role}{extra}", highlight=False)


def _existing(username: str) -> Any:
    from django.contrib.auth.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        fail(f"user: no user named {username!r}")
    return user


@users.command("add")
def add_user(
    username: Annotated[str, typer.Argument(help="The sign-in name.")],
    role: Role = "viewer",
    confidential: Confidential = False,
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from standard input instead of asking.")] = False,
) -> None:
    """Create a staff account (or change the role of an existing one).

    Example: politzek user add anna --role editor
    """
    from django.contrib.auth.models import User
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    _check_role(role)
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
    _set_role(user, role, confidential)


@users.command("role")
def change_role(
    username: Annotated[str, typer.Argument(help="Whose role.")],
    role: Annotated[str, typer.Argument(help="viewer, editor, reviewer or admin.")],
    confidential: Confidential = False,
) -> None:
    """Change an existing account's role, and grant or take away confidential clearance.

    Example: politzek user role anna reviewer --confidential
    """
    _check_role(role)
    require_schema()
    _set_role(_existing(username), role, confidential)


@users.command("list")
def list_users(json_output: JsonOutput = False) -> None:
    """Every account with its role, clearance, last sign-in and live API tokens.

    Example: politzek user list
    """
    from django.contrib.auth.models import User

    from politzek.web.accounts import describe

    require_schema()
    rows = [{"username": u.username, "powers": describe(u), "active": u.is_active,
             "last_login": u.last_login.isoformat(timespec="minutes") if u.last_login else None,
             "tokens": u.api_tokens.filter(revoked=False).count()}
            for u in User.objects.order_by("username").prefetch_related("groups")]
    if json_output:
        print_json(rows)
        return
    for row in rows:
        console.print(f"{row['username']:<20} {row['powers']:<32} last sign-in {row['last_login'] or 'never':<17} "
                      f"{row['tokens']} token(s)", highlight=False, markup=False)


@users.command("tokens")
def list_tokens(
    username: Annotated[str | None, typer.Argument(help="Only this user's tokens.")] = None,
    json_output: JsonOutput = False,
) -> None:
    """API tokens (never the tokens themselves: their first characters, to tell them apart).

    Example: politzek user tokens anna
    """
    from politzek.web.models import ApiToken

    require_schema()
    tokens = ApiToken.objects.select_related("user").order_by("id")
    if username:
        tokens = tokens.filter(user=_existing(username))
    rows = [{"id": t.pk, "starts": t.shown_prefix, "name": t.name, "user": t.user.username,
             "created": t.created_at.isoformat(timespec="minutes"),
             "last_used": t.last_used_at.isoformat(timespec="minutes") if t.last_used_at else None,
             "revoked": t.revoked} for t in tokens]
    if json_output:
        print_json(rows)
        return
    for row in rows:
        state = "revoked" if row["revoked"] else f"last used {row['last_used'] or 'never'}"
        console.print(f"{row['id']:>4}  {row['starts']}…  {row['user']:<16} {row['name']:<24} {state}",
                      highlight=False, markup=False)


@users.command("token")
def issue_token(
    username: Annotated[str | None, typer.Argument(help="Whose token: it acts with this user's role.")] = None,
    name: Annotated[str, typer.Option(help="What the token is for.")] = "api",
    revoke: Annotated[int | None, typer.Option(help="Revoke the token with this id (see `politzek user tokens`).")]
    = None,
) -> None:
    """Issue an API token (printed once; only its hash is kept), or revoke one.

    Examples: politzek user token anna --name "nightly import"
              politzek user token --revoke 3
    """
    from django.contrib.auth.models import User

    from politzek.web.models import ApiToken

    require_schema()
    if revoke is not None:
        token = ApiToken.objects.filter(pk=revoke).select_related("user").first()
        if token is None:
            fail(f"--revoke: no token with the id {revoke}")
        from politzek.registry.history import command_line_actor, recorded_change
        from politzek.web.accounts import record_change

        with recorded_change(command_line_actor(), "politzek user token --revoke"):
            ApiToken.objects.filter(pk=token.pk).update(revoked=True)
            record_change(token.user.username, f"API token {token.pk} ({token.shown_prefix}…) revoked")
        console.print(f"politzek: token {revoke} ({token.shown_prefix}…, {token.user.username}) revoked",
                      highlight=False, markup=False)
        return
    if not username:
        fail("user: name whose token to issue, or give --revoke ID")
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        fail(f"user: no active user named {username!r}")
    from politzek.registry.history import command_line_actor, recorded_change
    from politzek.web.accounts import record_change

    with recorded_change(command_line_actor(), "politzek user token"):
        row, token = ApiToken.issue(user, name)
        record_change(user.username, f"API token {row.pk} ({row.shown_prefix}…) issued: {name}")
    sys.stdout.write(token + "\n")


@users.command("changes")
def account_changes(
    username: Annotated[str | None, typer.Argument(help="Only this account's changes.")] = None,
    json_output: JsonOutput = False,
) -> None:
    """Every change to accounts' roles, clearance and flags: when, who, what.

    Example: politzek user changes anna
    """
    from politzek.web.models import AccountChange

    require_schema()
    changes = AccountChange.objects.all()
    if username:
        changes = changes.filter(username=username)
    rows = [{"at": c.changed_at.isoformat(timespec="seconds"), "account": c.username, "change": c.change,
             "by": c.actor} for c in changes[:1000]]
    if json_output:
        print_json(rows)
        return
    for row in rows:
        console.print(f"{row['at']}  {row['account']:<16} {row['change']:<40} by {row['by']}",
                      highlight=False, markup=False)
