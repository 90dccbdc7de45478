"""The data layer: the migrations make exactly the schema the models declare, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from webapp.db import get_database
from webapp.models import Base, Course, User


def test_migrations_and_models_agree(app):
    engine = get_database(app).engine
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_times_come_back_in_utc_with_their_zone(db):
    moment = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)
    db.add(Course(name="c", title="c", created_at=moment))
    db.commit()
    db.expire_all()
    stored = db.query(Course).one().created_at
    assert stored == moment and stored.tzinfo is not None


def test_passwords_are_stored_as_scrypt_hashes(db):
    user = User(username="u")
    user.set_password("s3cret-password")
    db.add(user)
    db.commit()
    assert user.password_hash.startswith("scrypt:")
    assert "s3cret" not in user.password_hash
    assert user.check_password("s3cret-password") and not user.check_password("wrong")
