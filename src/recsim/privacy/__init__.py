"""Privacy rules: release of information, the access audit trail and de-identification (45 CFR Part 164)."""
