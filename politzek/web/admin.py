"""Accounts in the admin: users and roles that cannot promote themselves (accounts.py), API
tokens to revoke, and the record of every change to an account's powers."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from politzek.registry.admin_clearance import RecordOnlyAdmin
from politzek.web.accounts import is_keyholder, may_change_account, record_change
from politzek.web.models import AccountChange, ApiToken

admin.site.unregister(User)
admin.site.unregister(Group)

# What only a keyholder may set on an account.
KEYHOLDER_FIELDS = ("is_superuser", "user_permissions")


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    list_display = ("username", "is_active", "is_superuser", "last_login")

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if is_keyholder(request.user) else [*readonly, *KEYHOLDER_FIELDS]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_change_account(request.user, obj))

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_change_account(request.user, obj))


@admin.register(Group)
class RoleAdmin(GroupAdmin):
    """The four roles (web/staff/roles.py) are read here; only a keyholder may change what a
    role allows (granting a role confidential clearance would grant it to all its members)."""

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return is_keyholder(request.user)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return is_keyholder(request.user)

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return is_keyholder(request.user)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("shown_prefix", "name", "user", "created_at", "last_used_at", "revoked")
    list_filter = ("revoked",)
    search_fields = ("name", "user__username", "shown_prefix")
    readonly_fields = ("user", "name", "key_hash", "shown_prefix", "created_at", "last_used_at", "revoked")
    actions = ["revoke"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # issued with `politzek user token`, which shows the token once

    @admin.action(description="Revoke the selected tokens", permissions=["change"])
    def revoke(self, request, queryset):  # type: ignore[no-untyped-def]
        allowed = [token.pk for token in queryset.select_related("user")
                   if may_change_account(request.user, token.user) or token.user == request.user]
        revoked = list(ApiToken.objects.filter(pk__in=allowed, revoked=False).select_related("user"))
        ApiToken.objects.filter(pk__in=[t.pk for t in revoked]).update(revoked=True)
        for token in revoked:
            record_change(token.user.username, f"API token {token.pk} ({token.shown_prefix}…) revoked")
        count = len(revoked)
        messages.success(request, f"{count} token(s) revoked.")


@admin.register(AccountChange)
class AccountChangeAdmin(RecordOnlyAdmin):
    list_display = ("changed_at", "username", "change", "actor")
    search_fields = ("username", "actor", "change")
