"""What the release desk sees, the hidden key, and the shape of an answer."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from recsim.core.model import Model
from recsim.core.scenario.release import (
    Channel,
    Decision,
    Purpose,
    RecordType,
    ReleaseRequest,
    Role,
)
from recsim.privacy.handling import DISCLOSING, Handling


class RequestSubject(Model):
    """The patient the request is about, as the chart shows them."""

    name: str
    """Full name."""
    mrn: str
    """Medical record number."""
    date_of_birth: date
    """Date of birth."""
    age: int
    """Age in years today (or at death)."""
    deceased_on: date | None = None
    """Date of death, when the patient has died."""


class Document(Model):
    """One document that came with the request, as the desk reads it."""

    title: str
    """What it is: "Authorization to release health information", "Subpoena", ..."""
    lines: list[str]
    """Its contents, one element per line; blanks are shown as "(blank)"."""


class ReleaseView(Model):
    """A release-of-information request at the desk."""

    as_of: date
    """Today at the desk: dates on the paperwork are measured against it."""
    reference: str
    """The request's log number (or the scenario's id for it)."""
    requester: str
    """Who is asking, as they present themselves."""
    role: Role
    """What kind of requester they are."""
    organization: str | None = None
    """The requester's firm, agency or office."""
    channel: Channel
    """How the request arrived."""
    received: str
    """How it arrived, in words."""
    purpose: Purpose
    """The purpose the requester states."""
    story: str
    """The request in the desk's words."""
    verification: str
    """What has been checked about the requester's identity and authority."""
    requested: list[RecordType]
    """Records asked for."""
    subject: RequestSubject
    """The patient."""
    documents: list[Document] = Field(default_factory=list)
    """Paperwork that came with it."""
    request: ReleaseRequest
    """The request in the scenario format, dates resolved, without the expected answer."""


class ReleaseKey(Model):
    """The hidden answer key of one request."""

    handling: Handling
    """The correct handling: the rule engine's, or the instructor's ``expect``."""
    source: Literal["engine", "instructor"] = "engine"
    """Where ``handling`` comes from."""
    engine: Handling | None = None
    """The engine's handling, kept when the instructor's ``expect`` differs from it."""
    archetype: str | None = None
    """The archetype a generated request was made from."""
    explain: str | None = None
    """The instructor's own feedback for this request."""
    authored_id: str | None = None
    """How the scenario file names an authored request (its ``id``); never shown to the trainee."""


class ReleaseAnswer(Model):
    """The trainee's decision on one request."""

    decision: Decision
    """release, release_partial, deny, verify_identity or refer_privacy_officer."""
    release: list[RecordType] = Field(default_factory=list, max_length=20)
    """Records sent out (release and release_partial only)."""
    log_disclosure: bool = False
    """Whether the trainee entered the disclosure in the accounting of disclosures."""
    note: str | None = Field(default=None, max_length=2000)
    """Anything the trainee wants to record (what was asked for, why)."""

    @model_validator(mode="after")
    def _consistent(self) -> ReleaseAnswer:
        if self.decision in DISCLOSING and not self.release:
            raise ValueError("say which records go out: a decision to release must list them")
        if self.decision not in DISCLOSING and self.release:
            raise ValueError(
                "this decision sends nothing out, so no records may be listed to release"
            )
        return self
