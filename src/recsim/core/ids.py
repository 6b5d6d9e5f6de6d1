"""Identifiers: check digits and the synthetic-safe ranges recsim draws from.

Nothing generated may collide with a real person's identifier space
(CONTENT.md, "Records and identifiers"):

* SSN areas 000, 666 and 900-999 are never issued by the SSA; recsim uses 900-999.
* Telephone numbers 555-0100 to 555-0199 are reserved for fictional use.
* example.com, example.org and example.net are reserved domains (RFC 2606).
* NPIs carry a valid Luhn check digit over the "80840" prefix, but come from
  recsim's generator, not from NPPES.
* MRNs are recsim's own format: ``RS`` + 7 digits + a Luhn check digit.
"""

from __future__ import annotations

import random
import re

NPI_PREFIX = "80840"
MRN_PATTERN = re.compile(r"RS(\d{7})(\d)")
SYNTHETIC_DOMAINS = ("example.com", "example.org", "example.net")


def luhn_check_digit(digits: str) -> int:
    """The Luhn check digit that makes ``digits + check`` pass the Luhn test."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:  # doubled: the rightmost digit before the check digit
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return (10 - total % 10) % 10


def npi_check_digit(first_nine: str) -> int:
    """Check digit of an NPI: Luhn over the first nine digits with prefix 80840."""
    return luhn_check_digit(NPI_PREFIX + first_nine)


def is_valid_npi(npi: str) -> bool:
    """True for ten digits whose last is the NPI check digit (1234567893 is valid)."""
    return (
        len(npi) == 10
        and npi.isdigit()
        and npi[0] in "12"
        and npi_check_digit(npi[:9]) == int(npi[9])
    )


def make_npi(rng: random.Random) -> str:
    """A synthetic NPI with a valid check digit (first digit 1 or 2, as issued)."""
    body = str(rng.choice((1, 2))) + f"{rng.randrange(10**8):08d}"
    return body + str(npi_check_digit(body))


def corrupt_check_digit(identifier: str) -> str:
    """The same identifier with a different, therefore wrong, final digit."""
    last = int(identifier[-1])
    return identifier[:-1] + str((last + 1 + last % 3) % 10)


def make_mrn(number: int) -> str:
    """The MRN for a record number 0..9,999,999: ``RS`` + 7 digits + check digit."""
    body = f"{number % 10**7:07d}"
    return f"RS{body}{luhn_check_digit(body)}"


def is_valid_mrn(mrn: str) -> bool:
    """True when ``mrn`` has recsim's MRN format and a correct check digit."""
    match = MRN_PATTERN.fullmatch(mrn)
    return match is not None and luhn_check_digit(match.group(1)) == int(match.group(2))


def make_ssn(rng: random.Random) -> str:
    """An SSN from the never-issued areas 900-999."""
    return f"{rng.randint(900, 999)}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def is_synthetic_ssn(ssn: str) -> bool:
    """True for an SSN whose area is never issued (000, 666 or 900-999)."""
    area = ssn[:3]
    return bool(re.fullmatch(r"\d{3}-\d{2}-\d{4}", ssn)) and (
        area in ("000", "666") or area >= "900"
    )


def make_phone(rng: random.Random) -> str:
    """A telephone number in the fictional 555-0100..555-0199 block."""
    area = rng.choice((201, 212, 303, 312, 404, 415, 503, 602, 617, 713, 808, 919))
    return f"({area}) 555-01{rng.randrange(100):02d}"


def is_fictional_phone(phone: str) -> bool:
    """True for a telephone number inside the 555-0100..555-0199 block."""
    return bool(re.fullmatch(r"\(\d{3}\) 555-01\d{2}", phone))


def make_email(local_part: str, rng: random.Random) -> str:
    """An e-mail address at one of the reserved example domains."""
    cleaned = re.sub(r"[^a-z0-9.]", "", local_part.lower()) or "patient"
    return f"{cleaned}{rng.randrange(100)}@{rng.choice(SYNTHETIC_DOMAINS)}"


def is_synthetic_email(email: str) -> bool:
    """True when the e-mail address is at a reserved example domain."""
    return email.rpartition("@")[2] in SYNTHETIC_DOMAINS


def make_member_id(rng: random.Random, prefix: str) -> str:
    """A health-plan member ID: the payer's three-letter prefix and nine digits."""
    return f"{prefix}{rng.randrange(10**9):09d}"
