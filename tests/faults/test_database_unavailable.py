"""A database that cannot be reached gives the German 503 page, and the same process serves
again as soon as the database answers (no restart). The outage is real: the connection is
pointed at a port where nothing listens (PostgreSQL) or at a file that cannot be opened
(SQLite). `make faults` restarts a real PostgreSQL server during requests."""

import socket

import pytest
from django.db import connections


def _unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def database_down(tmp_path):
    conn = connections["default"]
    saved = dict(conn.settings_dict)
    # Put the open connection aside (an in-memory SQLite test database lives only as long as
    # it) and make the next query connect anew, to a database that is not there.
    kept, conn.connection = conn.connection, None
    if conn.vendor == "sqlite":
        conn.settings_dict["NAME"] = str(tmp_path / "fehlt" / "weg.sqlite3")
    else:
        conn.settings_dict.update(HOST="127.0.0.1", PORT=str(_unused_port()))

    def back_up():
        conn.settings_dict.clear()
        conn.settings_dict.update(saved)
        if kept is not None:
            conn.connection = kept

    yield back_up
    back_up()


@pytest.mark.django_db(transaction=True)
def test_unreachable_database_answers_503_in_german_then_recovers(client, database_down):
    for url in ("/regionen/", "/schulen/100011/", "/api/v1/regions"):
        response = client.get(url)
        assert response.status_code == 503, url
        text = response.content.decode()
        assert "Vorübergehend nicht erreichbar" in text
        assert 'lang="de"' in text
        assert "Traceback" not in text
        assert response["Retry-After"] == "30"

    database_down()  # the database is back; same process, same settings

    assert client.get("/regionen/").status_code == 200


def test_other_database_errors_are_not_hidden_as_503():
    """Only an unreachable database becomes 503; a programming error stays a 500."""
    from django.db import ProgrammingError

    from bildungsnetz.core.middleware import DatabaseUnavailableMiddleware

    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    error = ProgrammingError('relation "schools_school" does not exist')
    assert middleware.process_exception(None, error) is None
