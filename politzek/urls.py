from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.urls import include, path

from politzek.registry.admin_clearance import record_only_what_changed
from politzek.web.api.endpoints import api
from politzek.web.staff.access import is_staff_session

admin.site.site_header = "politzek registry"
admin.site.site_title = "politzek"
# The admin is entered through the staff sign-in (password, lockout, TOTP when set up).


def _admin_login(request, extra_context=None):
    return redirect_to_login(request.get_full_path(), "/staff/login/")


admin.site.login = _admin_login
admin.site.has_permission = lambda request: is_staff_session(request.user) and request.user.is_staff
record_only_what_changed(admin.site)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    # Public and staff pages in every language: English at /, the others under /ru/, /be/, /uk/
    # (a documenter in Minsk works at /ru/staff/ or /be/staff/).
    *i18n_patterns(path("staff/", include("politzek.web.staff.urls")), path("", include("politzek.web.urls")),
                   prefix_default_language=False),
]

# Database trouble raised outside a view (a middleware) answers 503 as inside one does.
handler500 = "politzek.web.database_trouble.server_error"
