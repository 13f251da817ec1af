"""Data folder shipped as package resources (see README, 'Layout')."""
