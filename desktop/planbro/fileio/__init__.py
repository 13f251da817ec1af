"""Files written whole or not at all: a general utility under every layer that writes.

Storage, the exchange format, the settings, the documents and the wizard's
resume file all write through planbro.fileio.atomic; it knows nothing of plans.
"""
