import pytest

from .register import make_register


@pytest.fixture
def register(db):
    return make_register()
