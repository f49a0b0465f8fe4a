"""Roles that cannot promote themselves: an admin without confidential clearance can neither
grant itself clearance or superuser status, nor change a cleared account or what a role
allows; every change to an account's powers is recorded; tokens are listed and revoked."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission, User

from politzek.web.models import AccountChange, ApiToken
from tests.commands import run_politzek_here
from tests.registry.factories import STAFF_PASSWORD, staff

pytestmark = pytest.mark.django_db


def _clearance() -> Permission:
    return Permission.objects.get(content_type__app_label="registry", codename="view_confidential")



def _change_form(user: User, **changes) -> dict:
    form = {"username": user.username, "is_active": "on", "is_staff": "on",
            "groups": [g.pk for g in user.groups.all()], "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00"}
    form.update(changes)
    return form


def test_an_admin_without_clearance_cannot_grant_itself_clearance_or_superuser(client):
    admin = staff("ada", "admin")
    client.force_login(admin)
    response = client.post(f"/admin/auth/user/{admin.pk}/change/",
                           _change_form(admin, is_superuser="on", user_permissions=[_clearance().pk]))
    assert response.status_code == 302  # saved: the two fields are read-only for this admin
    admin.refresh_from_db()
    assert not admin.is_superuser and not admin.has_perm("registry.view_confidential")


def test_an_admin_without_clearance_cannot_change_a_cleared_account_nor_a_role(client):
    cleared = staff("clara", "editor", confidential=True)
    client.force_login(staff("ada", "admin"))
    assert client.get(f"/admin/auth/user/{cleared.pk}/change/").status_code == 200  # read only
    assert client.post(f"/admin/auth/user/{cleared.pk}/change/", _change_form(cleared)).status_code == 403
    assert client.post(f"/admin/auth/user/{cleared.pk}/password/",
                       {"password1": "taken-over-2026", "password2": "taken-over-2026"}).status_code == 403
    role = Group.objects.get(name="admin")
    assert client.post(f"/admin/auth/group/{role.pk}/change/",
                       {"name": "admin", "permissions": [_clearance().pk]}).status_code == 403
    assert not role.permissions.filter(codename="view_confidential").exists()
    cleared.refresh_from_db()
    assert cleared.check_password(STAFF_PASSWORD)


def test_a_keyholder_grants_clearance_and_the_change_is_recorded(client):
    keyholder = staff("kira", "admin", confidential=True, superuser=True)
    editor = staff("erik", "editor")
    client.force_login(keyholder)
    response = client.post(f"/admin/auth/user/{editor.pk}/change/",
                           _change_form(editor, user_permissions=[_clearance().pk]))
    assert response.status_code == 302
    assert User.objects.get(pk=editor.pk).has_perm("registry.view_confidential")
    change = AccountChange.objects.filter(username="erik").first()
    assert (change.change, change.actor) == ("permission + registry.view_confidential", "web:kira")


def test_the_command_line_lists_changes_roles_and_revokes_tokens(client):
    staff("erik", "editor")
    assert run_politzek_here("user", "role", "erik", "reviewer", "--confidential").returncode == 0
    listed = run_politzek_here("user", "list")
    assert "erik" in listed.stdout and "reviewer, confidential" in listed.stdout
    issued = run_politzek_here("user", "token", "erik", "--name", "nightly import")
    token = issued.stdout.strip()
    row = ApiToken.objects.get()
    assert f"{row.pk:>4}  {row.shown_prefix}…" in run_politzek_here("user", "tokens", "erik").stdout
    assert client.get("/api/people", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert run_politzek_here("user", "token", "--revoke", str(row.pk)).returncode == 0
    assert client.get("/api/people", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    changes = run_politzek_here("user", "changes", "erik").stdout
    for line in ("role - editor", "role + reviewer", "permission + registry.view_confidential",
                 f"API token {row.pk}", "revoked"):
        assert line in changes
    assert run_politzek_here("user", "token", "--revoke", "999").returncode == 2
    assert run_politzek_here("user", "role", "nobody", "viewer").returncode == 2


def test_a_password_changed_by_another_admin_is_recorded_and_a_rehash_is_not(client):
    admin = staff("ada", "admin")
    peer = staff("pia", "admin")
    client.force_login(admin)
    answer = client.post(f"/admin/auth/user/{peer.pk}/password/",
                         {"password1": "a-new-long-passphrase-26", "password2": "a-new-long-passphrase-26",
                          "usable_password": "true"})
    assert answer.status_code == 302
    assert AccountChange.objects.filter(username="pia", change="password changed", actor="web:ada").exists()
    # A hash upgraded at sign-in (check_password's setter) is no change of password.
    peer.refresh_from_db()
    before = AccountChange.objects.count()
    peer.set_password("a-new-long-passphrase-26")  # what the setter does: a new hash, same password
    peer._password = None
    peer.save(update_fields=["password"])
    assert AccountChange.objects.count() == before
    assert "password changed" in run_politzek_here("user", "changes", "pia").stdout
