from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("", views.token_list, name="tokens"),
    path("neu/", views.token_create, name="token_create"),
    path("<int:pk>/widerrufen/", views.token_revoke, name="token_revoke"),
]
