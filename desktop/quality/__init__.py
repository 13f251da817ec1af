"""Kvalitetstjek: rules that catch weak or unlawful plans; no Qt."""
