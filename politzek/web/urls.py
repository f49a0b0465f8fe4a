from django.urls import path

from politzek.web import views

urlpatterns = [path("", views.index, name="index")]
