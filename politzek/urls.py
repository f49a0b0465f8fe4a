from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "politzek registry"
admin.site.site_title = "politzek"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("politzek.web.urls")),
]
