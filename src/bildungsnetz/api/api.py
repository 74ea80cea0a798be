"""The public API, version 1 (django-ninja). Routers live in ``api/routers/<app>.py``."""

from ninja import NinjaAPI

from . import errors
from .routers import catalogue, network, partners, regions, schools
from .routers import surveys as surveys_router

api = NinjaAPI(
    title="Bildungsnetz NRW API",
    version="1",
    description="Öffentliche Daten der Regionalen Bildungsnetzwerke NRW. Schuldaten: "
    "Schulgrunddaten NRW, MSB NRW, Datenlizenz Deutschland – Namensnennung – Version 2.0.",
    urls_namespace="api-v1",
)
errors.install(api)
api.add_router("/schools", schools.router)
api.add_router("/regions", regions.router)
api.add_router("/networks", network.router)
api.add_router("/catalogue", catalogue.router)
api.add_router("/institutions", partners.router)
api.add_router("/partnerships", partners.partnerships_router)
api.add_router("/surveys", surveys_router.router)
