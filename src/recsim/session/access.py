"""Class links for ``recsim serve``: one secret token per trainee, kept only as its hash.

A link carries a random token (:data:`TOKEN_BYTES` bytes, far beyond guessing); the
access file beside the attempt store keeps each trainee's SHA-256 of it, so a copy of
that file opens nothing. The links file the instructor hands out holds the tokens
themselves, and is the only place they are written.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import os
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from recsim.core.seeds import normalize_trainee
from recsim.session.errors import UserError

TOKEN_BYTES = 24
"""192 random bits per token (at least 128 are needed so that no one can guess one)."""
LINK_PATH = "/play/"
"""Where a trainee's link points on the server: ``LINK_PATH + token``."""
DEFAULT_URL = "http://127.0.0.1:8000"


def access_path(store: Path) -> Path:
    """The access file of an attempt store: ``attempts.access.json`` beside ``attempts.sqlite3``."""
    return store.with_name(store.stem + ".access.json")


def status_path(store: Path) -> Path:
    """The file a running server keeps of who is online: ``attempts.online.json``."""
    return store.with_name(store.stem + ".online.json")


def token_hash(token: str) -> str:
    """The SHA-256 of a token, as the access file keeps it."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass
class AccessList:
    """Who may open the class server: trainee name -> the hash of their link's token."""

    path: Path
    hashes: dict[str, str] = field(default_factory=dict)
    """Trainee name (as on the roster) -> SHA-256 of their token."""
    issued: dict[str, str] = field(default_factory=dict)
    """Trainee name -> when their link was issued (UTC, ISO 8601)."""
    public_url: str = DEFAULT_URL
    links_file: str = ""
    """The links file last written, so ``recsim serve links`` finds it again."""

    @classmethod
    def load(cls, path: Path) -> AccessList:
        """The access file, or an empty list when there is none yet."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path)
        except OSError as error:
            raise UserError(f"{path}: cannot read ({error.strerror or error})") from None
        try:
            data = json.loads(text)
            people = data["trainees"]
            access = cls(
                path,
                {name: str(entry["sha256"]) for name, entry in people.items()},
                {name: str(entry.get("issued", "")) for name, entry in people.items()},
                str(data.get("public_url") or DEFAULT_URL),
                str(data.get("links_file") or ""),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            raise UserError(
                f"{path}: is not a recsim access file (damaged?); move it away and "
                "issue the links again with 'recsim serve links --roster FILE'"
            ) from None
        return access

    def save(self) -> None:
        """Write the access file atomically, readable by its owner only."""
        people = {
            name: {"sha256": digest, "issued": self.issued.get(name, "")}
            for name, digest in sorted(self.hashes.items())
        }
        data = {"public_url": self.public_url, "links_file": self.links_file, "trainees": people}
        write_private(self.path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")

    def name_of(self, name: str) -> str | None:
        """The trainee on the list with this name (case and spacing ignored)."""
        key = normalize_trainee(name)
        return next((n for n in self.hashes if normalize_trainee(n) == key), None)

    def issue(self, name: str) -> str:
        """A new token for ``name`` (any earlier one stops working); returns the token."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        self.hashes.pop(self.name_of(name) or name, None)
        self.hashes[name] = token_hash(token)
        self.issued[name] = datetime.now(UTC).isoformat(timespec="seconds")
        return token

    def revoke(self, name: str) -> str | None:
        """Remove ``name``'s link; returns the name as listed, or None if there was none."""
        listed = self.name_of(name)
        if listed is not None:
            del self.hashes[listed]
            self.issued.pop(listed, None)
        return listed

    def trainee_for(self, token: str) -> str | None:
        """Whose token this is, or None. Every entry is compared, in constant time each."""
        digest = token_hash(token)
        found = None
        for name, stored in self.hashes.items():
            if hmac.compare_digest(digest, stored):
                found = name
        return found

    def link(self, token: str) -> str:
        """The link that opens the server with ``token``."""
        return self.public_url.rstrip("/") + LINK_PATH + token


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, with permissions for its owner only (0600)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise UserError(f"{path}: cannot write ({error.strerror or error})") from None


def read_links(path: Path, access: AccessList) -> dict[str, str]:
    """The still-valid links of a links file: trainee name -> token (missing file: none)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise UserError(f"{path}: cannot read ({error.strerror or error})") from None
    kept: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(text)):
        link = row.get("link") or ""
        token = link.rsplit(LINK_PATH, 1)[-1] if LINK_PATH in link else ""
        name = access.trainee_for(token) if token else None
        if name is not None:  # a revoked or reissued link is left out
            kept[name] = token
    return kept


def links_csv(access: AccessList, tokens: dict[str, str]) -> str:
    """The links file: one row per trainee, their name and their link."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "link"])
    for name in sorted(tokens, key=normalize_trainee):
        writer.writerow([name, access.link(tokens[name])])
    return out.getvalue()
