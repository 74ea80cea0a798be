from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.template.loader import render_to_string


class DatabaseUnavailableMiddleware:
    """Answer with a clean 503 page while the database is unreachable.

    Django reconnects on the next request by itself (CONN_HEALTH_CHECKS), so the
    application recovers without a restart once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError) and _looks_unreachable(
            exception
        ):
            for conn in connections.all(initialized_only=True):
                conn.close_if_unusable_or_obsolete()
            from django.http import HttpResponse

            html = render_to_string("503.html", request=None)
            response = HttpResponse(html, status=503)
            response["Retry-After"] = "30"
            return response
        return None


def _looks_unreachable(exc: DatabaseError) -> bool:
    text = str(exc).lower()
    return any(
        marker in text
        for marker in (
            "connection",
            "could not connect",
            "server closed",
            "terminating",
            "the database system is",
            "unable to open database",  # SQLite: file or folder gone, disk unmounted
        )
    )
