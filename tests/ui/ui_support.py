"""Shared constants of the UI tests (imported by conftest and the tests)."""

from datetime import date

# The day the UI tests pretend it is, so overdue marking does not drift.
TODAY = date(2027, 3, 15)

# What the app says of every document, export or extract it writes (#11), in Danish.
PLAINTEXT_NOTE = ("Filen er ikke krypteret: den indeholder borgerens oplysninger i klar tekst. "
                  "Gem den et krypteret sted (et BitLocker-krypteret drev, kommunens ESDH), og "
                  "slet den, når den er brugt.")
