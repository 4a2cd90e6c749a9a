"""The desk's fact library: verified claims saved once, offered as hints everywhere."""

from __future__ import annotations

import builtins

from editor_app.errors import InvalidRequest
from editor_app.services.core import Context
from editor_app.services.permissions import Action
from editor_app.services.review import ReviewService
from editor_app.storage.repositories import Fact, FactRepo, FlagRepo


class FactService:
    def __init__(self, ctx: Context, review: ReviewService) -> None:
        self.ctx = ctx
        self.review = review

    def add(self, *, subject: str, claim: str, value: str, source: str, actor: str) -> Fact:
        if not all(x.strip() for x in (subject, claim, source)):
            raise InvalidRequest("a fact needs a subject, the claim and a source")
        with self.ctx.tx() as s:
            self.ctx.require(s, actor, Action.MANAGE_FACTS, "facts")
            fact = FactRepo(s).add(
                subject=subject.strip(),
                claim=claim.strip(),
                value=value.strip(),
                source=source.strip(),
                actor=actor,
                now=self.ctx.now(),
            )
            self.ctx.audit(
                s,
                actor,
                "fact.add",
                f"fact:{fact.id}",
                after={
                    "subject": fact.subject,
                    "claim": fact.claim,
                    "value": fact.value,
                    "source": fact.source,
                },
            )
            return fact

    def from_flag(self, ref: str, *, subject: str, value: str = "", actor: str) -> Fact:
        """Save a verified claim flag as a fact, with the flag's own source."""
        article_id, key = self.review.locate(ref)
        with self.ctx.tx() as s:
            flag = FlagRepo(s).get(article_id, key)
        if flag.status.value != "verified":
            raise InvalidRequest(f"flag {key} is {flag.status.value}; only a verified claim becomes a fact")
        return self.add(
            subject=subject, claim=flag.text, value=value or flag.text, source=flag.source, actor=actor
        )

    def list(self, *, include_retired: bool = False) -> builtins.list[Fact]:
        with self.ctx.tx() as s:
            return FactRepo(s).list(include_retired=include_retired)

    def search(self, query: str) -> builtins.list[Fact]:
        words = query.lower().split()
        return [
            f
            for f in self.list()
            if all(w in f"{f.subject} {f.claim} {f.value} {f.source}".lower() for w in words)
        ]

    def edit(
        self,
        fact_id: int,
        *,
        actor: str,
        subject: str | None = None,
        claim: str | None = None,
        value: str | None = None,
        source: str | None = None,
    ) -> Fact:
        with self.ctx.tx() as s:
            self.ctx.require(s, actor, Action.MANAGE_FACTS, f"fact:{fact_id}")
            repo = FactRepo(s)
            row = repo.row(fact_id)
            before = {"subject": row.subject, "claim": row.claim, "value": row.value, "source": row.source}
            for name, new in (("subject", subject), ("claim", claim), ("value", value), ("source", source)):
                if new is not None:
                    if not new.strip() and name != "value":
                        raise InvalidRequest(f"a fact's {name} cannot be empty")
                    setattr(row, name, new.strip())
            after = {"subject": row.subject, "claim": row.claim, "value": row.value, "source": row.source}
            self.ctx.audit(s, actor, "fact.edit", f"fact:{fact_id}", before=before, after=after)
            s.flush()
            return repo.get(fact_id)

    def retire(self, fact_id: int, *, actor: str) -> Fact:
        with self.ctx.tx() as s:
            self.ctx.require(s, actor, Action.MANAGE_FACTS, f"fact:{fact_id}")
            repo = FactRepo(s)
            row = repo.row(fact_id)
            if row.retired:
                raise InvalidRequest(f"fact {fact_id} is already retired")
            row.retired = True
            self.ctx.audit(
                s, actor, "fact.retire", f"fact:{fact_id}", before={"retired": False}, after={"retired": True}
            )
            s.flush()
            return repo.get(fact_id)
