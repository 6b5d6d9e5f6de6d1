"""Synthetic-safe values for the identifier types recsim.core.ids does not cover.

Nothing generated may belong to a real person (CONTENT.md, "Records and
identifiers"). Where a standard reserves a range for examples, recsim draws
from it; where none exists, the value carries recsim's ``RS`` marker or breaks
a check digit on purpose, so it cannot be a real one:

* IP addresses: the documentation blocks 192.0.2.0/24, 198.51.100.0/24 and
  203.0.113.0/24 (RFC 5737).
* URLs: the reserved example domains (RFC 2606), as e-mail addresses do.
* VINs: 17 characters whose check digit (position 9, 49 CFR 565.15) is wrong,
  so no registered vehicle has one.
* Account, license, device, biometric and badge numbers: recsim formats with RS.
"""

from __future__ import annotations

import random
import re

from recsim.core.ids import SYNTHETIC_DOMAINS

DOCUMENTATION_NETWORKS = ("192.0.2", "198.51.100", "203.0.113")
"""IPv4 blocks reserved for documentation (RFC 5737)."""

_VIN_CHARS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"  # I, O and Q are never used
_VIN_VALUES = dict(
    zip(
        "ABCDEFGHJKLMNPRSTUVWXYZ",
        (1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9),
        strict=True,
    )
)
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_VIN_YEARS = "ABCDEFGHJKLMNPRSTVWXY123456789"  # position 10: never I, O, Q, U, Z or 0


def vin_check_digit(vin: str) -> str:
    """The check digit a 17-character VIN must carry in position 9 (49 CFR 565.15)."""
    total = sum(
        (int(char) if char.isdigit() else _VIN_VALUES[char]) * weight
        for char, weight in zip(vin, _VIN_WEIGHTS, strict=True)
    )
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def is_valid_vin(vin: str) -> bool:
    """True for a well-formed VIN whose check digit is right (so possibly a real one)."""
    return bool(re.fullmatch(r"[0-9A-HJ-NPR-Z]{17}", vin)) and vin[8] == vin_check_digit(vin)


def make_vin(rng: random.Random) -> str:
    """A well-formed VIN with a deliberately wrong check digit: no real vehicle has it."""
    chars = [rng.choice(_VIN_CHARS) for _ in range(17)]
    chars[9] = rng.choice(_VIN_YEARS)
    chars[8] = "0"
    right = vin_check_digit("".join(chars))
    chars[8] = rng.choice([c for c in "0123456789X" if c != right])
    return "".join(chars)


def make_ip(rng: random.Random) -> str:
    """An IPv4 address from a documentation block (RFC 5737)."""
    return f"{rng.choice(DOCUMENTATION_NETWORKS)}.{rng.randint(1, 254)}"


def is_documentation_ip(address: str) -> bool:
    """True for an address inside one of the RFC 5737 documentation blocks."""
    network, _, host = address.rpartition(".")
    return network in DOCUMENTATION_NETWORKS and host.isdigit() and 0 <= int(host) <= 255


def make_url(rng: random.Random, slug: str) -> str:
    """A personal web address at a reserved example domain."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "page"
    path = rng.choice(("fundraiser", "blog", "profile", "family-updates"))
    return f"https://www.{rng.choice(SYNTHETIC_DOMAINS)}/{path}/{cleaned}"


def make_account_number(rng: random.Random) -> str:
    """A hospital billing account number (recsim format: RS, then 9 digits)."""
    return f"RS{rng.randrange(10**9):09d}"


def make_license_number(rng: random.Random, state: str) -> str:
    """A driver's license number in recsim's format: the state, RS, and 7 digits."""
    return f"{state}-RS{rng.randrange(10**7):07d}"


def make_certificate_number(rng: random.Random) -> str:
    """A certificate number (such as a food handler certificate) in recsim's format."""
    return f"FH-RS{rng.randrange(10**7):07d}"


def make_device_serial(rng: random.Random) -> str:
    """A device serial number in recsim's format."""
    return f"RSD{rng.randrange(10**6):06d}{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}"


def make_biometric_id(rng: random.Random, prefix: str) -> str:
    """The identifier of a stored biometric template (fingerprint FP, voiceprint VP ...)."""
    return f"{prefix}-RS-{rng.randrange(10**5):05d}"


def make_badge_number(rng: random.Random) -> str:
    """An employee badge number in recsim's format."""
    return f"RS-B{rng.randrange(10**5):05d}"


def make_photo_file(rng: random.Random) -> str:
    """The file name of an attached photograph."""
    return f"IMG_RS{rng.randrange(10**4):04d}.jpg"
