"""Users and roles. Only an admin adds users or changes roles (the first user is the admin)."""

from __future__ import annotations

from editor_app.domain import Role, User
from editor_app.errors import InvalidRequest, NotFound
from editor_app.services.core import Context
from editor_app.services.permissions import Action
from editor_app.storage.repositories import UserRepo


class UserService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def list(self) -> list[User]:
        with self.ctx.tx() as s:
            return UserRepo(s).list()

    def find(self, name: str) -> User | None:
        with self.ctx.tx() as s:
            return UserRepo(s).find(name)

    def sign_in(self, name: str) -> User:
        """The user for ``name``; on an empty database this creates the first admin."""
        with self.ctx.tx() as s:
            return self.ctx.actor(s, name)

    def add(self, name: str, role: Role, *, actor: str) -> User:
        name = name.strip()
        if not name or len(name) > 120:
            raise InvalidRequest("a user name is 1 to 120 characters")
        with self.ctx.tx() as s:
            repo = UserRepo(s)
            if repo.count() == 0:
                self.ctx.actor(s, actor)
            self.ctx.require(s, actor, Action.MANAGE_USERS, f"user:{name}")
            if repo.find(name) is not None:
                raise InvalidRequest(f"user {name!r} already exists")
            user = repo.add(name, role, self.ctx.now())
            self.ctx.audit(s, actor, "user.add", f"user:{name}", after={"role": role.value})
            return user

    def set_role(self, name: str, role: Role, *, actor: str) -> User:
        with self.ctx.tx() as s:
            self.ctx.require(s, actor, Action.MANAGE_USERS, f"user:{name}")
            repo = UserRepo(s)
            user = repo.find(name)
            if user is None:
                raise NotFound(f"no user named {name!r}")
            repo.set_role(name, role)
            self.ctx.audit(
                s,
                actor,
                "user.role",
                f"user:{name}",
                before={"role": user.role.value},
                after={"role": role.value},
            )
            return User(name, role, user.id)
