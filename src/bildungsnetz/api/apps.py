from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "bildungsnetz.api"
    label = "api"
    verbose_name = "API"
