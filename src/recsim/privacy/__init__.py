"""Privacy rules of 45 CFR Part 164: release of information, access audit, de-identification."""
